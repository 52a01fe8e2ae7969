import Foundation
import Catalog

/// The catalog and profile facts a conversation may use, already filtered for the visitor:
/// children get no fact that uses a mature term, and no long synopsis sentences.
struct DialogueFacts {
    let film: Film
    let characterName: String
    let record: Character?
    /// The character's name, from the character list or the cast.
    let name: Fact
    var title: Fact?
    var year: Fact?
    var directors: [Fact]
    var description: Fact?
    var traits: [Fact]
    var actors: [Fact]
    var settings: [Fact]
    /// Other principal characters: name, description, actors.
    var others: [(name: Fact, description: Fact?, actors: [Fact])]
    /// The synopsis sentences, in order.
    var synopsis: [Fact]
    var keywords: [Fact]
    var genres: [Fact]
    var visitor: Fact?

    /// Sparse: the catalog neither describes the character nor lists traits.
    var isSparse: Bool { description == nil && traits.isEmpty }

    init(film: Film, characterName: String, profile: UserProfile?) {
        let child = profile?.audience == .child
        func allowed(_ text: String) -> Bool { !child || !ContentAdvisory.isMature(text) }
        func facts(_ values: [String], _ field: String) -> [Fact] {
            values.enumerated().compactMap { index, value in
                let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
                return !trimmed.isEmpty && allowed(trimmed) ? Fact(trimmed, source: "\(field)[\(index)]") : nil
            }
        }
        self.film = film
        self.characterName = characterName
        let index = film.characters.firstIndex { $0.name.caseInsensitiveCompare(characterName) == .orderedSame }
        record = index.map { film.characters[$0] }
        if let index {
            name = Fact(film.characters[index].name, source: "film.characters[\(index)].name")
        } else {
            let castIndex = film.cast.firstIndex { $0.character.caseInsensitiveCompare(characterName) == .orderedSame } ?? 0
            name = Fact(characterName, source: "film.cast[\(castIndex)].character")
        }
        title = allowed(film.title) ? Fact(film.title, source: "film.title") : nil
        year = film.year.map { Fact(String($0), source: "film.year") }
        directors = facts(film.directors, "film.directors")
        if let index, let text = film.characters[index].description, !text.isEmpty, allowed(text) {
            description = Fact(text, source: "film.characters[\(index)].description")
        }
        traits = index.map { facts(film.characters[$0].traits, "film.characters[\($0)].traits") } ?? []
        actors = film.cast.enumerated().compactMap { castIndex, credit in
            credit.character.caseInsensitiveCompare(characterName) == .orderedSame ? Fact(credit.person, source: "film.cast[\(castIndex)].person") : nil
        }
        settings = facts(film.settings, "film.settings")
        keywords = facts(film.keywords, "film.keywords")
        genres = film.genres.enumerated().map { Fact($1.rawValue, source: "film.genres[\($0)]") }
        let synopsisSentences = Sentences.split(film.synopsis ?? "")
        synopsis = child ? [] : synopsisSentences.enumerated().map { Fact($1, source: "film.synopsis.sentences[\($0)]") }
        if let profile, profile.id != UserProfile.anonymous.id, !profile.displayName.isEmpty, allowed(profile.displayName) {
            visitor = Fact(profile.displayName, source: "profile.displayName")
        }
        var others: [(name: Fact, description: Fact?, actors: [Fact])] = []
        for name in film.principalCharacterNames where name.caseInsensitiveCompare(characterName) != .orderedSame {
            let otherIndex = film.characters.firstIndex { $0.name == name }
            let nameSource = otherIndex.map { "film.characters[\($0)].name" } ?? "film.cast[\(film.cast.firstIndex { $0.character == name } ?? 0)].character"
            guard allowed(name) else { continue }
            var description: Fact?
            if let otherIndex, let text = film.characters[otherIndex].description, !text.isEmpty, allowed(text) {
                description = Fact(text, source: "film.characters[\(otherIndex)].description")
            }
            let actors = film.cast.enumerated().compactMap { castIndex, credit in
                credit.character == name ? Fact(credit.person, source: "film.cast[\(castIndex)].person") : nil
            }
            others.append((Fact(name, source: nameSource), description, actors))
        }
        self.others = others
    }

    /// Every fact, for looking up sources.
    var all: [Fact] {
        [name] + [title, year, description, visitor].compactMap { $0 } + directors + traits + actors + settings + keywords + genres + synopsis
            + others.flatMap { [$0.name] + ($0.description.map { [$0] } ?? []) + $0.actors }
    }
}
