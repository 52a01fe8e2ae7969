import Foundation

/// The canonical JSON form of a dialogue tree: sorted keys, pretty-printed, no escaped slashes,
/// so the same tree is always the same bytes.
public enum DialogueJSON {
    public static func encode(_ tree: DialogueTree) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        // Every field is a plain value; encoding cannot fail.
        return try! encoder.encode(tree)
    }

    public static func decode(_ data: Data) throws -> DialogueTree {
        try JSONDecoder().decode(DialogueTree.self, from: data)
    }
}
