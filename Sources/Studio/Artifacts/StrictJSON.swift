import Foundation

/// Finds keys a client sent that the decoded value does not have — a typo such as
/// `"budgetMinute"` or a field from another version — by comparing the request JSON with the
/// value encoded back. Nested objects and arrays are compared position by position.
enum StrictJSON {
    /// Paths of keys in `input` with no counterpart in `canonical` (`rooms[2].colour`).
    static func unknownKeys(input: Data, canonical: Data) -> [String] {
        guard let a = try? JSONSerialization.jsonObject(with: input, options: [.fragmentsAllowed]),
              let b = try? JSONSerialization.jsonObject(with: canonical, options: [.fragmentsAllowed]) else { return [] }
        var found: [String] = []
        compare(a, b, path: "", into: &found)
        return found
    }

    private static func compare(_ input: Any, _ canonical: Any, path: String, into found: inout [String]) {
        if let object = input as? [String: Any] {
            let known = canonical as? [String: Any] ?? [:]
            for key in object.keys.sorted() {
                let child = path.isEmpty ? key : "\(path).\(key)"
                guard let value = known[key] else {
                    // A null the model omits when encoding is not unknown.
                    if !(object[key] is NSNull) { found.append(child) }
                    continue
                }
                compare(object[key]!, value, path: child, into: &found)
            }
        } else if let array = input as? [Any], let known = canonical as? [Any] {
            for (index, item) in array.enumerated() where index < known.count { compare(item, known[index], path: "\(path)[\(index)]", into: &found) }
        }
    }
}
