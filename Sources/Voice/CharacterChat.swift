import Catalog
import Foundation
import Narrative

/// One turn of a visitor's free conversation with a character.
public struct ChatTurn: Sendable, Hashable, Codable {
    public enum Speaker: String, Sendable, Codable { case visitor, character }
    public var speaker: Speaker
    public var text: String

    public init(speaker: Speaker, text: String) {
        self.speaker = speaker
        self.text = text
    }
}

/// A character's answer in free chat, with the catalog facts it rests on and where its words
/// came from.
public struct ChatReply: Sendable, Hashable, Codable {
    public var dialogueId: String
    public var character: String
    public var filmId: String
    public var reply: VoicedText
    /// What the catalog alone answers (the draft the model may voice).
    public var catalogAnswer: String
    /// True when the catalog answered the question (ask-the-film); false for "I can't say".
    public var answeredFromCatalog: Bool
    /// The facts the draft rests on, by catalog field.
    public var citations: [Fact]
}

/// Answers a visitor's message in character: the ask-the-film engine finds the facts (or says
/// honestly that the catalog does not know), the dialogue tree's topics suggest what to ask
/// instead, and the model — if any — may voice that draft, under the same checks as restyling.
public struct CharacterChat: Sendable {
    public static let maxMessageLength = 300
    public static let maxHistoryTurns = 20

    let answerer: FilmQuestionAnswerer
    let voice: Voice

    public init(answerer: FilmQuestionAnswerer, voice: Voice) {
        self.answerer = answerer
        self.voice = voice
    }

    public func reply(
        dialogueId: String, tree: DialogueTree, film: Film, titles: FilmTitleIndex, message: String, history: [ChatTurn], other: Film?
    ) async -> ChatReply {
        let parsed = answerer.parse(message, film: film, titles: titles)
        let topics = Self.topics(tree)
        var citations: [Fact] = []
        var answered = false
        var draft: String
        if parsed.intent == .unknown {
            draft = "I can't say much about that. " + Self.suggestion(topics)
        } else {
            let answer = answerer.answer(parsed, askedOn: film, about: other ?? film)
            draft = answer.answer
            citations = answer.citations
            answered = answer.answered
            if !answered { draft += " " + Self.suggestion(topics) }
        }
        // A child never hears mature terms, even when the catalog's answer has them.
        if tree.audience == .child, ContentAdvisory.isMature(draft) {
            draft = "That part of the story is one for when you're older. " + Self.suggestion(topics)
            citations = []
            answered = false
        }
        let facts = (citations + tree.facts).map(\.text) + [tree.character, tree.film.title]
        let recent = history.suffix(6).map { turn in
            ChatMessage(turn.speaker == .visitor ? .user : .assistant, String(turn.text.prefix(Self.maxMessageLength)))
        }
        let system = """
            You are \(tree.character) from the film "\(tree.film.title)", talking to a visitor who is \(Draft.audienceNotes[tree.audience]!). \
            Stay in character. Answer in one to three sentences using only these facts:
            \(facts.map { "- \($0)" }.joined(separator: "\n"))
            If the facts do not answer the question, say honestly that you can't say. Never add a name, date or number \
            that is not in the facts. Reply with JSON: {"text": "..."}.
            """
        let user = "\(message)\n\n(What the catalog says: \(draft))"
        let voiced = await voice.voiced(
            kind: "chat", draft: draft, facts: facts, audience: tree.audience,
            messages: [ChatMessage(.system, system)] + recent + [ChatMessage(.user, user)])
        return ChatReply(
            dialogueId: dialogueId, character: tree.character, filmId: tree.film.id, reply: voiced, catalogAnswer: draft, answeredFromCatalog: answered,
            citations: citations)
    }

    /// The hub's topic options as a first-time visitor sees them (not the "again" variants, not
    /// the farewell).
    static func topics(_ tree: DialogueTree) -> [String] {
        tree.nodes.filter { $0.kind == .hub }.flatMap(\.options).filter { option in
            guard case .not = option.condition else { return false }
            return tree.node(option.target)?.kind != .farewell
        }.map(\.text)
    }

    static func suggestion(_ topics: [String]) -> String {
        guard !topics.isEmpty else { return "Ask me about the film instead." }
        return "You could ask me: " + topics.prefix(3).map { "“\($0)”" }.joined(separator: ", ") + "."
    }
}
