import Catalog
import Foundation
import Narrative
import Store

extension Studio {
    /// Answers a question about a film from the catalog; questions naming another catalog
    /// film are answered from that film's record.
    /// - Throws: ``StudioError`` `.notFound` for an unknown film, `.invalidInput` for an empty
    ///   or oversized question.
    public func ask(filmId: String, question: String) async throws -> FilmAnswer {
        guard !question.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, question.count <= FilmQuestionAnswerer.maxQuestionLength else {
            throw StudioError(.invalidInput, "q must be 1 to \(FilmQuestionAnswerer.maxQuestionLength) characters", parameter: "q")
        }
        let film = try await film(id: filmId)
        let index = FilmTitleIndex(titles: try await store.films.titles())
        let parsed = answerer.parse(question, film: film, titles: index)
        var about = film
        if let other = parsed.otherFilmId, let record = try await store.films.film(id: other) { about = record }
        return answerer.answer(parsed, askedOn: film, about: about)
    }

    /// A description of a film written for a visitor, leading with what their ratings and
    /// liked genres suggest they will care about.
    /// - Throws: ``StudioError`` `.notFound` for an unknown film or user.
    public func filmCard(filmId: String, userId: String?) async throws -> FilmCard {
        let film = try await film(id: filmId)
        let profile = try await userId.asyncMap { try await user(id: $0) }
        var rated: [RatedFilm] = []
        if let profile {
            // The latest rating per film, and likes (as 4.5 stars) where there is no rating.
            var stars: [String: (value: Double, at: Date)] = [:]
            for event in try await store.events.events(userId: profile.id) {
                switch event.kind {
                case .rating where stars[event.filmId].map({ $0.at <= event.timestamp }) ?? true:
                    stars[event.filmId] = (event.value, event.timestamp)
                case .like where stars[event.filmId] == nil:
                    stars[event.filmId] = (FilmCardWriter.lovedRating, event.timestamp)
                default: break
                }
            }
            let liked = stars.filter { $0.value.value >= FilmCardWriter.highRating }
            let films = try await store.films.films(ids: liked.keys.sorted())
            rated = films.map { RatedFilm(film: $0, stars: liked[$0.id]!.value) }
        }
        do {
            return try FilmCardWriter(library: grammars).card(for: film, profile: profile, rated: rated)
        } catch {
            throw StudioError(.unprocessable, "cannot write this card: \(error)")
        }
    }
}
