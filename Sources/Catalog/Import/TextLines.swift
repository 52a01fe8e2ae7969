import Foundation

/// How a data file's bytes map to text.
enum TextEncoding {
    case utf8
    /// ISO 8859-1, as MovieLens 100K's `u.item` uses. C0/C1 control bytes are rejected.
    case latin1
    /// Plain ASCII; any byte ≥ 0x80 is an error.
    case ascii
}

/// One physical line of a data file, decoded, or the reason it could not be.
struct TextLine {
    var number: Int
    var text: String?
    var decodingError: String?
}

/// Splits a file's bytes into numbered lines (`\n` or `\r\n`) and decodes each line on its own,
/// so one bad byte costs one row, not the whole file.
enum TextLines {
    static func read(_ url: URL, encoding: TextEncoding) throws -> [TextLine] {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw CatalogError(.malformedData, "cannot read \(url.path): \(error.localizedDescription)")
        }
        return split(data, encoding: encoding)
    }

    static func split(_ data: Data, encoding: TextEncoding) -> [TextLine] {
        var lines: [TextLine] = []
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            let bytes = buffer.bindMemory(to: UInt8.self)
            var start = 0
            var number = 0
            func emit(_ end: Int) {
                number += 1
                var stop = end
                if stop > start && bytes[stop - 1] == 13 { stop -= 1 }  // \r\n
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<stop])
                lines.append(decode(slice, number: number, encoding: encoding))
            }
            for index in 0..<bytes.count where bytes[index] == 10 {
                emit(index)
                start = index + 1
            }
            if start < bytes.count { emit(bytes.count) }  // last line without a trailing newline
        }
        return lines
    }

    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, number: Int, encoding: TextEncoding) -> TextLine {
        switch encoding {
        case .utf8:
            if let text = String(validating: bytes, as: UTF8.self) { return TextLine(number: number, text: text) }
            let offset = firstInvalidUTF8Offset(bytes)
            return TextLine(number: number, decodingError: "invalid UTF-8 byte 0x\(hex(bytes[offset])) at column \(offset + 1)")
        case .latin1:
            if let offset = bytes.firstIndex(where: { ($0 < 0x20 && $0 != 9) || (0x7F...0x9F).contains($0) }) {
                return TextLine(number: number, decodingError: "invalid Latin-1 byte 0x\(hex(bytes[offset])) at column \(offset + 1)")
            }
            var text = ""
            text.unicodeScalars.append(contentsOf: bytes.map { Unicode.Scalar($0) })
            return TextLine(number: number, text: text)
        case .ascii:
            if let offset = bytes.firstIndex(where: { $0 >= 0x80 || ($0 < 0x20 && $0 != 9) }) {
                return TextLine(number: number, decodingError: "unexpected byte 0x\(hex(bytes[offset])) at column \(offset + 1) (expected ASCII)")
            }
            return TextLine(number: number, text: String(decoding: bytes, as: UTF8.self))
        }
    }

    private static func firstInvalidUTF8Offset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var low = 0
        var high = bytes.count
        // The shortest invalid prefix: binary search on "prefix decodes, allowing a cut sequence".
        while low < high {
            let mid = (low + high) / 2
            let prefix = UnsafeBufferPointer(rebasing: bytes[0...mid])
            if String(validating: prefix, as: UTF8.self) != nil || isTruncatedSequence(prefix) { low = mid + 1 } else { high = mid }
        }
        var start = min(low, bytes.count - 1)
        while start > 0 && (bytes[start] & 0xC0) == 0x80 { start -= 1 }
        return start
    }

    private static func isTruncatedSequence(_ prefix: UnsafeBufferPointer<UInt8>) -> Bool {
        var back = prefix.count - 1
        while back > 0 && (prefix[back] & 0xC0) == 0x80 && prefix.count - back < 4 { back -= 1 }
        guard String(validating: UnsafeBufferPointer(rebasing: prefix[0..<back]), as: UTF8.self) != nil else { return false }
        let lead = prefix[back]
        let needed = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0
        return needed > prefix.count - back
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return digits.count == 1 ? "0" + digits : digits
    }
}
