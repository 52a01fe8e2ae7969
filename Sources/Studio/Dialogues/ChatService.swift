import Catalog
import Foundation
import Narrative
import Store
import Voice

/// Free conversation with the character of a stored dialogue: answered in character from the
/// catalog, and by the language model when one is configured and its reply passes the checks.
public final class ChatService: Sendable {
    let dialogues: DialogueService
    let catalog: CatalogService
    let storage: any StorageEngine
    let answerer: FilmQuestionAnswerer
    let voice: VoiceService

    init(dialogues: DialogueService, catalog: CatalogService, storage: any StorageEngine, answerer: FilmQuestionAnswerer, voice: VoiceService) {
        self.dialogues = dialogues
        self.catalog = catalog
        self.storage = storage
        self.answerer = answerer
        self.voice = voice
    }

    /// A visitor's free message to the character of a stored dialogue.
    /// - Throws: ``StudioError`` `.notFound` for an unknown dialogue, `.invalidInput` for an
    ///   empty or oversized message or history.
    public func chat(dialogueId: String, message: String, history: [ChatTurn]) async throws -> ChatReply {
        try await studioErrors {
            let trimmed = message.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty, trimmed.count <= CharacterChat.maxMessageLength else {
                throw StudioError(.invalidInput, "message must be 1 to \(CharacterChat.maxMessageLength) characters", parameter: "message")
            }
            guard history.count <= CharacterChat.maxHistoryTurns, history.allSatisfy({ $0.text.count <= CharacterChat.maxMessageLength }) else {
                throw StudioError(
                    .invalidInput, "history holds at most \(CharacterChat.maxHistoryTurns) turns of at most \(CharacterChat.maxMessageLength) characters",
                    parameter: "history")
            }
            let artifact = try await dialogues.dialogue(id: dialogueId, format: .json)
            guard let tree = try? DialogueJSON.decode(artifact.bytes) else { throw StudioError(.notFound, "no dialogue with id '\(dialogueId.prefix(80))'") }
            let film = try await catalog.film(id: tree.film.id)
            let titles = try await catalog.titleIndex()
            let parsed = answerer.parse(trimmed, film: film, titles: titles)
            let other = try await parsed.otherFilmId.asyncMap { try await storage.films.film(id: $0) } ?? nil
            // The visitor's own data (the name the character greets them by) is never sent.
            var shared = tree
            shared.facts.removeAll { PersonalData.isPersonal(source: $0.source) }
            return await CharacterChat(answerer: answerer, voice: voice.voice).reply(
                dialogueId: dialogueId, tree: shared, film: film, titles: titles, message: trimmed, history: history, other: other)
        }
    }
}
