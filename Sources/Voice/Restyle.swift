import Catalog
import Narrative
import Foundation

/// A grounded text to restyle: the grammar's output and exactly the facts it used, with the
/// three profile fields the model may see (never a user id or anything else in the profile).
public struct Draft: Sendable, Hashable, Codable {
    public var text: String
    public var facts: [String]
    public var audience: Audience
    public var depth: InterestDepth
    public var language: String
    /// For timed text (tour narration): the rewrite may not have more words or characters
    /// than the draft, so the schedule built on the draft still holds.
    public var notLongerThanDraft: Bool

    public init(text: String, facts: [String], audience: Audience, depth: InterestDepth, language: String, notLongerThanDraft: Bool = false) {
        self.text = text
        self.facts = facts
        self.audience = audience
        self.depth = depth
        self.language = language
        self.notLongerThanDraft = notLongerThanDraft
    }
}

/// What was served for a draft and why: the model's text when it passed every check, else the
/// draft with the reason it fell back.
public struct VoicedText: Sendable, Hashable, Codable {
    public enum Source: String, Sendable, Codable { case model, draft }
    public var text: String
    public var source: Source
    /// Why the draft was served (nil when the model's text was).
    public var fallbackReason: String?
    /// The model's rejected text, kept for review when a check refused it.
    public var rejectedText: String?
    /// Milliseconds the model took (nil when it was not called).
    public var modelMilliseconds: Double?
    /// `model|t=…|seed=…|max=…` of the settings used (nil without a model).
    public var model: String?

    /// The record artifacts keep of where a text came from.
    public var origin: TextOrigin {
        TextOrigin(source: source.rawValue, fallbackReason: fallbackReason, model: model)
    }

    /// The draft, served without asking the model, and why.
    public static func kept(_ draft: String, reason: String) -> VoicedText {
        VoicedText(text: draft, source: .draft, fallbackReason: reason, rejectedText: nil, modelMilliseconds: nil, model: nil)
    }
}

extension Draft {
    static let audienceNotes: [Audience: String] = [
        .child: "a child: short, simple sentences, warm and friendly, nothing frightening or violent",
        .teen: "a teenager: lively and direct",
        .adult: "an adult: clear and engaging",
    ]
    static let depthNotes: [InterestDepth: String] = [
        .casual: "a casual visitor: keep it light",
        .enthusiast: "an enthusiast: a little more detail",
        .scholar: "a scholar: precise wording",
    ]

    /// The conversation asking the model to restyle this draft.
    func messages(maxLength: Int) -> [ChatMessage] {
        let limit = notLongerThanDraft ? min(maxLength, text.count) : maxLength
        let system = """
            You rewrite short texts for visitors of a film exhibition. Rewrite the draft in your own words \
            for \(Self.audienceNotes[audience]!), \(Self.depthNotes[depth]!). Write in the language with code "\(language)". \
            Use only the facts listed: do not add any name, date, number or event that is not in them. \
            At most \(limit) characters. Reply with JSON: {"text": "..."}.
            """
        let user = "Facts:\n" + facts.map { "- \($0)" }.joined(separator: "\n") + "\n\nDraft: \(text)"
        return [ChatMessage(.system, system), ChatMessage(.user, user)]
    }
}
