import Catalog
import Foundation
import Narrative
import Store
import Voice

/// A film card, and what the language model made of it.
public struct RestyledFilmCard: Sendable, Encodable {
    /// The grounded card exactly as without a model.
    public var card: FilmCard
    /// The text to show: the model's when it passed every check, else the card's.
    public var voice: VoicedText
}

/// Text about a film from its record: answers to questions (ask-the-film) and film cards
/// written for a visitor.
public final class FilmTextService: Sendable {
    let catalog: CatalogService
    let storage: any StorageEngine
    let grammars: GrammarLibrary
    let answerer: FilmQuestionAnswerer
    let voice: VoiceService

    init(catalog: CatalogService, storage: any StorageEngine, grammars: GrammarLibrary, answerer: FilmQuestionAnswerer, voice: VoiceService) {
        self.catalog = catalog
        self.storage = storage
        self.grammars = grammars
        self.answerer = answerer
        self.voice = voice
    }

    /// Answers a question about a film from the catalog; questions naming another catalog
    /// film are answered from that film's record.
    /// - Throws: ``StudioError`` `.notFound` for an unknown film, `.invalidInput` for an empty
    ///   or oversized question.
    public func ask(filmId: String, question: String) async throws -> FilmAnswer {
        try await studioErrors {
            guard !question.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, question.count <= FilmQuestionAnswerer.maxQuestionLength else {
                throw StudioError(.invalidInput, "q must be 1 to \(FilmQuestionAnswerer.maxQuestionLength) characters", parameter: "q")
            }
            let film = try await catalog.film(id: filmId)
            let parsed = answerer.parse(question, film: film, titles: try await catalog.titleIndex())
            var about = film
            if let other = parsed.otherFilmId, let record = try await storage.films.film(id: other) { about = record }
            return answerer.answer(parsed, askedOn: film, about: about)
        }
    }

    /// A description of a film written for a visitor, leading with what their ratings and
    /// liked genres suggest they will care about.
    /// - Throws: ``StudioError`` `.notFound` for an unknown film or user.
    public func filmCard(filmId: String, userId: String?) async throws -> FilmCard {
        try await studioErrors {
            let film = try await catalog.film(id: filmId)
            let profile = try await userId.asyncMap { try await catalog.user(id: $0) }
            var rated: [RatedFilm] = []
            if let profile {
                // The latest rating per film, and likes (as 4.5 stars) where there is no rating.
                var stars: [String: (value: Double, at: Date)] = [:]
                for event in try await storage.events.events(userId: profile.id) {
                    switch event.kind {
                    case .rating where stars[event.filmId].map({ $0.at <= event.timestamp }) ?? true:
                        stars[event.filmId] = (event.value, event.timestamp)
                    case .like where stars[event.filmId] == nil:
                        stars[event.filmId] = (FilmCardWriter.lovedRating, event.timestamp)
                    default: break
                    }
                }
                let liked = stars.filter { $0.value.value >= FilmCardWriter.highRating }
                rated = try await storage.films.films(ids: liked.keys.sorted()).map { RatedFilm(film: $0, stars: liked[$0.id]!.value) }
            }
            do {
                return try FilmCardWriter(library: grammars).card(for: film, profile: profile, rated: rated)
            } catch {
                throw StudioError(.unprocessable, "cannot write this card: \(error)")
            }
        }
    }

    /// The film card, restyled for the visitor by the language model where it passes the checks.
    public func restyledFilmCard(filmId: String, userId: String?) async throws -> RestyledFilmCard {
        let card = try await filmCard(filmId: filmId, userId: userId)
        // A card that leads with the visitor's taste (a genre they like rests on catalog facts
        // but says they like it) is about them: it stays as written.
        guard card.lead == .general else { return RestyledFilmCard(card: card, voice: .kept(card.text, reason: PersonalData.reason)) }
        let profile = try await userId.asyncMap { try await catalog.user(id: $0) } ?? .anonymous
        let draft = Draft(text: card.text, facts: card.facts.map(\.text), audience: card.audience, depth: profile.depth, language: card.language.used)
        return RestyledFilmCard(card: card, voice: await voice.restyle(draft, sources: card.facts.map(\.source)))
    }
}
