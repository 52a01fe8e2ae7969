/// Where a text in a generated artifact came from when a language model was asked to restyle
/// it: the model (its text passed every check) or the grammar's draft, and why.
public struct TextOrigin: Codable, Sendable, Hashable {
    /// `model` or `draft`.
    public var source: String
    /// Why the draft was kept (nil when the model's text is served).
    public var fallbackReason: String?
    /// The model's name and settings (`name|t=…|seed=…|max=…`).
    public var model: String?

    public init(source: String, fallbackReason: String?, model: String?) {
        self.source = source
        self.fallbackReason = fallbackReason
        self.model = model
    }
}
