import Catalog
import Foundation
import TestSupport
import Testing

/// The shipped sample catalog: complete, valid, and consistent with MovieLens where they overlap.
@Suite struct SampleCatalogTests {
    let document: CatalogDocument

    init() throws {
        document = try CatalogDocument.loadSample(from: TestPaths.assets.appendingPathComponent("catalog"))
    }

    @Test func hasAtLeastSixtyFilmsCoveringAllEighteenGenres() {
        #expect(document.films.count >= 60)
        let covered = Set(document.films.flatMap(\.genres))
        #expect(covered == Set(Genre.allCases), "missing genres: \(Set(Genre.allCases).subtracting(covered))")
        #expect(Genre.allCases.count == 18)
    }

    @Test func everyFilmIsComplete() {
        for film in document.films {
            #expect(film.characters.count >= 3, "\(film.id): \(film.characters.count) characters")
            #expect(film.settings.count >= 2, "\(film.id): \(film.settings.count) settings")
            #expect(film.keywords.count >= 4, "\(film.id): \(film.keywords.count) keywords")
            #expect(!(film.synopsis ?? "").isEmpty, "\(film.id): no synopsis")
            #expect(!film.moods.isEmpty, "\(film.id): no mood")
            #expect(!film.directors.isEmpty, "\(film.id): no director")
            #expect(film.year != nil, "\(film.id): no year")
            #expect(film.audience != nil, "\(film.id): no audience")
            for character in film.characters {
                #expect(!film.actors(playing: character.name).isEmpty, "\(film.id): nobody plays \(character.name)")
                #expect(!(character.description ?? "").isEmpty, "\(film.id): \(character.name) has no description")
                #expect(!character.traits.isEmpty, "\(film.id): \(character.name) has no traits")
            }
            let sentences = (film.synopsis ?? "").split(whereSeparator: { ".!?".contains($0) }).filter { $0.count > 3 }
            #expect((1...3).contains(sentences.count), "\(film.id): synopsis has \(sentences.count) sentences")
        }
    }

    @Test func idsAndExternalIdsAreUnique() {
        let ids = document.films.map(\.id)
        #expect(Set(ids).count == ids.count)
        let ml = document.films.compactMap(\.externalIds.movieLens100K)
        #expect(Set(ml).count == ml.count)
        let imdb = document.films.compactMap(\.externalIds.imdb)
        #expect(Set(imdb).count == imdb.count)
    }

    @Test func usersSpanEveryAudienceAndDepth() {
        #expect(document.users.count >= 8)
        #expect(Set(document.users.map(\.audience)) == Set(Audience.allCases))
        #expect(Set(document.users.map(\.depth)) == Set(InterestDepth.allCases))
        for audience in Audience.allCases {
            #expect(Set(document.users.filter { $0.audience == audience }.map(\.depth)).count >= 2, "\(audience) needs two depths")
        }
    }

    /// Title, year and genres agree with MovieLens 100K's `u.item` for every film that has an ML-100K id.
    @Test(.enabled(if: TestPaths.ml100k != nil || CIRequirement.isCI, "needs ../shared/data/ml-100k"))
    func agreesWithMovieLens100K() throws {
        let batch = try MovieLens100K.read((try #require(TestPaths.ml100k)))
        let items = Dictionary(uniqueKeysWithValues: batch.films.compactMap { film in film.externalIds.movieLens100K.map { ($0, film) } })
        var checked = 0
        for film in document.films {
            guard let item = film.externalIds.movieLens100K else { continue }
            let reference = try #require(items[item], "\(film.id): item \(item) not in u.item")
            #expect(reference.year == film.year, "\(film.id): year \(String(describing: film.year)) vs u.item \(String(describing: reference.year))")
            #expect(Set(reference.genres) == Set(film.genres), "\(film.id): genres differ from u.item")
            let normalised = { (title: String) in Slug.make(title) }
            // MovieLens adds alternative titles in parentheses ("Seven (Se7en)"); ours must be a prefix.
            #expect(normalised(reference.title).hasPrefix(normalised(film.title)), "\(film.id): title '\(film.title)' vs u.item '\(reference.title)'")
            checked += 1
        }
        #expect(checked >= 60)
    }
}
