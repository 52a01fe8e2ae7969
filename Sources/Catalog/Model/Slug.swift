import Foundation

/// Turns names and titles into URL-safe identifiers: lowercase ASCII letters, digits and hyphens.
public enum Slug {
    /// `"Schindler's List"` → `"schindler-s-list"`, `"Miloš Forman"` → `"milos-forman"`.
    public static func make(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        var out = ""
        var pendingHyphen = false
        for scalar in folded.unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                if pendingHyphen && !out.isEmpty { out.append("-") }
                out.unicodeScalars.append(scalar)
                pendingHyphen = false
            } else {
                pendingHyphen = true
            }
        }
        return out.lowercased()
    }

    /// Folds text for case- and accent-insensitive search ("Amélie" matches "amelie").
    public static func searchKey(_ text: String) -> String {
        text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX"))
    }

    /// A stable 64-bit FNV-1a hash of the UTF-8 bytes, as 16 hex digits. Unlike `hashValue`, the
    /// same text gives the same hash in every process.
    public static func stableHash(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
