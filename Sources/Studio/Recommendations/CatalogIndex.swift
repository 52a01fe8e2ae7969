import Catalog
import Foundation

/// What recommendations need to know about every film, kept in memory: titles for
/// explanations, features for content scores, and which films suit children.
struct CatalogIndex: Sendable {
    struct Entry: Sendable {
        var title: String
        var year: Int?
        var matureForChildren: Bool
        /// Curated for adults only: not offered to teens either.
        var adultsOnly: Bool

        /// True when the film may be offered to this audience.
        func suits(_ audience: Audience) -> Bool {
            switch audience {
            case .child: !matureForChildren
            case .teen: !adultsOnly
            case .adult: true
            }
        }
    }

    let filmIds: [String]
    let entries: [String: Entry]
    let content: ContentModel

    init(films: [Film]) {
        filmIds = films.map(\.id).sorted()
        var entries: [String: Entry] = [:]
        for film in films {
            entries[film.id] = Entry(title: film.title, year: film.year, matureForChildren: ContentAdvisory.isUnsuitable(film, for: .child),
                adultsOnly: ContentAdvisory.isUnsuitable(film, for: .teen))
        }
        self.entries = entries
        content = ContentModel(films: films)
    }
}
