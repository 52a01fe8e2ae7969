import Crypto
import Foundation

/// The string table Yarn Spinner keeps beside a script, in its own CSV columns
/// (`id,text,file,node,lineNumber,lock,comment`): one row per line and option of the Yarn export,
/// with the node it is in, its line number in that file, and `lock`, the first 8 hex digits of
/// the SHA-256 of its text (Yarn Spinner's check that a translation is out of date). Line numbers
/// are read from the exported script itself, so they match the file a team imports.
public enum YarnStringTable {
    /// One row.
    public struct Row: Sendable, Hashable {
        public var id: String
        public var text: String
        public var file: String
        public var node: String
        public var lineNumber: Int
        public var lock: String
        /// Who speaks it: the character's name, `Visitor` or `Narrator`.
        public var comment: String
        public var speaker: Speaker
    }

    public static let header = "id,text,file,node,lineNumber,lock,comment"

    /// The rows of `tree` as exported by ``YarnExporter`` to a file called `file`, in file order.
    public static func rows(_ tree: DialogueTree, file: String) -> [Row] {
        var byId: [String: (text: String, speaker: Speaker)] = [:]
        for node in tree.nodes {
            for line in node.lines { byId[line.id] = (line.text, line.speaker) }
            for option in node.options { byId[option.id] = (option.text, .visitor) }
        }
        var rows: [Row] = []
        var node = ""
        for (index, text) in YarnExporter.export(tree).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if text.hasPrefix("title: ") { node = String(text.dropFirst(7)) }
            guard let tag = text.range(of: " #line:", options: .backwards) else { continue }
            let id = String(text[text.index(after: tag.lowerBound)...].dropFirst())
            guard let entry = byId[id] else { continue }
            rows.append(Row(
                id: id, text: entry.text, file: file, node: node, lineNumber: index + 1, lock: lock(entry.text),
                comment: YarnExporter.speakerName(entry.speaker, tree), speaker: entry.speaker))
        }
        return rows
    }

    /// The CSV text: the header, then one RFC 4180 record per row (CRLF line ends).
    public static func csv(_ rows: [Row]) -> String {
        var out = header + "\r\n"
        for row in rows {
            out += [row.id, row.text, row.file, row.node, String(row.lineNumber), row.lock, row.comment].map(field).joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// The first 8 hex digits of the SHA-256 of `text`'s UTF-8.
    static func lock(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).prefix(4).map { String(format: "%02x", $0) }.joined()
    }

    /// A field, quoted when it holds a comma, a quote or a line break (quotes doubled).
    static func field(_ value: String) -> String {
        guard value.contains(where: { ",\"\r\n".contains($0) }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
