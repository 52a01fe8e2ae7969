/// Why a dialogue could not be generated.
public enum DialogueError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The film has no character of that name (in its character list or its cast).
    case unknownCharacter(film: String, character: String, known: [String])
    /// A grammar failed to expand — a bug in a shipped grammar, caught by the grammar check.
    case grammar(GrammarError)

    public var description: String {
        switch self {
        case .unknownCharacter(let film, let character, let known):
            known.isEmpty
                ? "film \(film) has no character data, so there is no \"\(character)\" to talk to"
                : "film \(film) has no character \"\(character)\"; its characters are: \(known.joined(separator: ", "))"
        case .grammar(let error): "grammar error: \(error)"
        }
    }
}
