import Foundation

/// A fitted model as bytes, so one replica can fit and every other can serve the same model.
///
/// Layout: the magic `SWMA`, a format version, the model's tag, then the model's own fields
/// (little-endian integers and IEEE floats, length-prefixed arrays, configurations as JSON).
/// Decoding gives a model that scores exactly as the one encoded.
public enum ModelArchive {
    static let magic: [UInt8] = Array("SWMA".utf8)
    static let formatVersion = 1

    /// The models the archive knows, by tag.
    static let readers: [String: @Sendable (inout ArchiveReader) throws -> any Recommender] = [
        EASE.archiveTag: { try EASE(reading: &$0) },
        RP3Beta.archiveTag: { try RP3Beta(reading: &$0) },
        ItemKNN.archiveTag: { try ItemKNN(reading: &$0) },
        UserKNN.archiveTag: { try UserKNN(reading: &$0) },
        Popularity.archiveTag: { try Popularity(reading: &$0) },
        ImplicitALS.archiveTag: { try ImplicitALS(reading: &$0) },
        BiasedMF.archiveTag: { try BiasedMF(reading: &$0) },
        BaselineKNN.archiveTag: { try BaselineKNN(reading: &$0) },
        RatingBlend.archiveTag: { try RatingBlend(reading: &$0) },
        RankingBlend.archiveTag: { try RankingBlend(reading: &$0) },
    ]

    /// The bytes of a fitted model.
    /// - Throws: ``RecommenderError`` for a model type the archive does not know.
    public static func encode(_ model: any Recommender) throws -> Data {
        var writer = ArchiveWriter()
        writer.bytes(magic)
        writer.int(formatVersion)
        try writer.model(model)
        return Data(writer.buffer)
    }

    /// The model `data` holds.
    /// - Throws: ``RecommenderError`` when the bytes are not an archive or are cut short.
    public static func decode(_ data: Data) throws -> any Recommender {
        var reader = ArchiveReader(Array(data))
        guard try reader.bytes(count: magic.count) == magic else { throw RecommenderError("not a model archive") }
        guard try reader.int() == formatVersion else { throw RecommenderError("unsupported model archive version") }
        let model = try reader.model()
        guard reader.isAtEnd else { throw RecommenderError("trailing bytes after the model archive") }
        return model
    }
}

/// A model that can be written to and read from a ``ModelArchive``.
protocol ArchivableRecommender: Recommender {
    static var archiveTag: String { get }
    func write(to writer: inout ArchiveWriter) throws
    init(reading reader: inout ArchiveReader) throws
}

/// Appends archive fields.
struct ArchiveWriter {
    private(set) var buffer: [UInt8] = []

    mutating func bytes(_ bytes: [UInt8]) { buffer += bytes }

    mutating func int(_ value: Int) { withUnsafeBytes(of: Int64(value).littleEndian) { buffer += $0 } }

    mutating func float(_ value: Float) { withUnsafeBytes(of: value.bitPattern.littleEndian) { buffer += $0 } }

    mutating func floats(_ values: [Float]) {
        int(values.count)
        buffer.reserveCapacity(buffer.count + values.count * 4)
        for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { buffer += $0 } }
    }

    mutating func int32s(_ values: [Int32]) {
        int(values.count)
        for value in values { withUnsafeBytes(of: value.littleEndian) { buffer += $0 } }
    }

    mutating func ints(_ values: [Int]) {
        int(values.count)
        for value in values { int(value) }
    }

    mutating func string(_ value: String) {
        let utf8 = Array(value.utf8)
        int(utf8.count)
        buffer += utf8
    }

    mutating func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        string(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    mutating func matrix(_ matrix: SparseMatrix) {
        int(matrix.rowCount)
        int(matrix.columnCount)
        ints(matrix.rowOffsets)
        int32s(matrix.columnIndices)
        floats(matrix.values)
    }

    mutating func model(_ model: any Recommender) throws {
        guard let archivable = model as? any ArchivableRecommender else { throw RecommenderError("model \(model.name) cannot be archived") }
        string(type(of: archivable).archiveTag)
        try archivable.write(to: &self)
    }
}

/// Reads archive fields in the order they were written.
struct ArchiveReader {
    private let buffer: [UInt8]
    private var position = 0

    init(_ buffer: [UInt8]) { self.buffer = buffer }

    var isAtEnd: Bool { position == buffer.count }

    private mutating func take(_ count: Int) throws -> ArraySlice<UInt8> {
        guard count >= 0, position + count <= buffer.count else { throw RecommenderError("model archive is cut short") }
        defer { position += count }
        return buffer[position..<position + count]
    }

    private mutating func count() throws -> Int {
        let value = try int()
        guard value >= 0, value <= buffer.count - position else { throw RecommenderError("model archive has a bad length") }
        return value
    }

    mutating func bytes(count: Int) throws -> [UInt8] { Array(try take(count)) }

    mutating func int() throws -> Int {
        var value: UInt64 = 0
        for (shift, byte) in try take(8).enumerated() { value |= UInt64(byte) << (8 * UInt64(shift)) }
        return Int(Int64(bitPattern: value))
    }

    private mutating func word() throws -> UInt32 {
        var value: UInt32 = 0
        for (shift, byte) in try take(4).enumerated() { value |= UInt32(byte) << (8 * UInt32(shift)) }
        return value
    }

    mutating func float() throws -> Float { Float(bitPattern: try word()) }

    mutating func floats() throws -> [Float] {
        let n = try count()
        var values = [Float]()
        values.reserveCapacity(n)
        for _ in 0..<n { values.append(Float(bitPattern: try word())) }
        return values
    }

    mutating func int32s() throws -> [Int32] {
        let n = try count()
        var values = [Int32]()
        values.reserveCapacity(n)
        for _ in 0..<n { values.append(Int32(bitPattern: try word())) }
        return values
    }

    mutating func ints() throws -> [Int] {
        let n = try count()
        return try (0..<n).map { _ in try int() }
    }

    mutating func string() throws -> String { String(decoding: try take(try count()), as: UTF8.self) }

    mutating func json<T: Decodable>(_ type: T.Type) throws -> T { try JSONDecoder().decode(T.self, from: Data(try string().utf8)) }

    mutating func matrix() throws -> SparseMatrix {
        let rows = try int()
        let columns = try int()
        let offsets = try ints()
        let indices = try int32s()
        let values = try floats()
        guard rows >= 0, columns >= 0, offsets.count == rows + 1, indices.count == values.count, offsets.last == values.count,
              indices.allSatisfy({ $0 >= 0 && Int($0) < columns })
        else { throw RecommenderError("model archive holds a malformed matrix") }
        return SparseMatrix(rowCount: rows, columnCount: columns, rowOffsets: offsets, columnIndices: indices, values: values)
    }

    mutating func model() throws -> any Recommender {
        let tag = try string()
        guard let read = ModelArchive.readers[tag] else { throw RecommenderError("model archive holds an unknown model '\(tag)'") }
        return try read(&self)
    }
}

extension ArchiveWriter {
    /// A neighbour table in compressed rows: row offsets, neighbour items, their weights.
    mutating func neighbourTable(offsets: [Int], items: [Int32], weights: [Float]) {
        ints(offsets)
        int32s(items)
        floats(weights)
    }
}

extension ArchiveReader {
    /// A neighbour table written by ``ArchiveWriter/neighbourTable(offsets:items:weights:)``, checked for shape.
    mutating func neighbourTable() throws -> (offsets: [Int], items: [Int32], weights: [Float]) {
        let offsets = try ints(), items = try int32s(), weights = try floats()
        guard offsets.first == 0, offsets.last == items.count, items.count == weights.count else {
            throw RecommenderError("model archive holds a malformed neighbour table")
        }
        return (offsets, items, weights)
    }
}
