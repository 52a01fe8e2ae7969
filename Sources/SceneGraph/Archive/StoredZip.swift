import CZlib
import Foundation

/// Packs files into a zip in which every entry is stored (no compression, no encryption): a
/// USDZ package, or an offline pack of clips that are compressed already. With `alignment`,
/// every file's data starts at a multiple of it, so a reader can map files in place (USDZ asks
/// for 64 bytes).
///
/// Alignment comes from padding each local header's extra field, as OpenUSD's own writer
/// does (a zero-filled field with header id 0x1986). Timestamps are fixed, so the same files
/// give the same bytes.
public enum StoredZip {
    /// One file: its path inside the archive (ASCII) and its bytes.
    public struct Entry: Sendable {
        public var path: String
        public var data: Data

        public init(path: String, data: Data) {
            self.path = path
            self.data = data
        }
    }

    /// The alignment USDZ requires.
    public static let usdzAlignment = 64
    private static let paddingHeaderID: UInt16 = 0x1986
    /// 1980-01-01 00:00:00, the first instant a zip timestamp can hold.
    private static let dosDate: UInt16 = (0 << 9) | (1 << 5) | 1, dosTime: UInt16 = 0

    /// The archive of `entries`, in order.
    public static func pack(_ entries: [Entry], alignment: Int = 1) -> Data {
        var out = ZipBytes()
        var central = ZipBytes()
        for entry in entries {
            let name = Array(entry.path.utf8)
            let crc = entry.data.withUnsafeBytes { raw -> UInt32 in
                UInt32(crc32(0, raw.bindMemory(to: Bytef.self).baseAddress, uInt(raw.count)))
            }
            let headerOffset = out.count
            // The data begins after the 30-byte header, the name and the padding field.
            var padding = alignment > 1 ? (alignment - (headerOffset + 30 + name.count) % alignment) % alignment : 0
            if padding > 0 && padding < 4 { padding += alignment }
            out.u32(0x0403_4B50)
            fileFields(&out, crc: crc, size: entry.data.count, nameLength: name.count, extraLength: padding)
            out.bytes(name)
            if padding > 0 {
                out.u16(paddingHeaderID)
                out.u16(UInt16(padding - 4))
                out.bytes(Array(repeating: 0, count: padding - 4))
            }
            out.bytes([UInt8](entry.data))

            central.u32(0x0201_4B50)
            central.u16(20)  // made by: zip 2.0
            fileFields(&central, crc: crc, size: entry.data.count, nameLength: name.count, extraLength: 0)
            central.u16(0)  // comment length
            central.u16(0)  // disk number
            central.u16(0)  // internal attributes
            central.u32(0)  // external attributes
            central.u32(UInt32(headerOffset))
            central.bytes(name)
        }
        let centralOffset = out.count
        out.bytes(central.storage)
        out.u32(0x0605_4B50)
        out.u16(0)
        out.u16(0)
        out.u16(UInt16(entries.count))
        out.u16(UInt16(entries.count))
        out.u32(UInt32(central.count))
        out.u32(UInt32(centralOffset))
        out.u16(0)
        return Data(out.storage)
    }

    /// The fields a local header and a central directory entry share, from "version needed" to
    /// "extra field length".
    private static func fileFields(_ out: inout ZipBytes, crc: UInt32, size: Int, nameLength: Int, extraLength: Int) {
        out.u16(20)  // version needed to extract
        out.u16(0)  // flags: no encryption, sizes in the header
        out.u16(0)  // method: stored
        out.u16(dosTime)
        out.u16(dosDate)
        out.u32(crc)
        out.u32(UInt32(size))  // compressed size
        out.u32(UInt32(size))  // uncompressed size
        out.u16(UInt16(nameLength))
        out.u16(UInt16(extraLength))
    }
}

/// Little-endian byte accumulation for the zip structures.
private struct ZipBytes {
    var storage: [UInt8] = []
    var count: Int { storage.count }

    mutating func u16(_ value: UInt16) { storage += [UInt8(value & 0xFF), UInt8(value >> 8)] }
    mutating func u32(_ value: UInt32) { for shift in stride(from: 0, to: 32, by: 8) { storage.append(UInt8((value >> UInt32(shift)) & 0xFF)) } }
    mutating func bytes(_ values: [UInt8]) { storage += values }
}
