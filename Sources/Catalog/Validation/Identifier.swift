/// Rules for identifiers that clients send (film, user, scene ids): ASCII letters, digits,
/// `.`, `_` and `-`, starting with a letter or digit, at most 128 characters.
///
/// Identifiers never reach file paths or SQL text, but rejecting anything else early keeps
/// logs, URLs and error messages clean and makes `../` or quote tricks fail with a 4xx.
public enum Identifier {
    public static let maxLength = 128

    public static func isValid(_ id: String) -> Bool {
        guard let first = id.utf8.first, id.utf8.count <= maxLength else { return false }
        guard isAlphanumeric(first) else { return false }
        return id.utf8.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
    }
}
