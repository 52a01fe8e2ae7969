import Foundation
import Recommender
import Store

/// A fitted recommender with everything needed to use it: which film and user each index is.
/// Immutable; a refit builds a new snapshot and swaps it in.
public struct ModelSnapshot: Sendable {
    public let model: any Recommender
    public let algorithm: String
    public let films: IDMap<String>
    public let users: IDMap<String>
    /// Users with a positive interaction, per item index.
    public let popularity: [Float]
    public let fittedAt: Date
    /// Feedback events the model was fitted on.
    public let eventCount: Int
    public let fitSeconds: Double
    /// Increases by one with every publication, across all replicas.
    public let version: Int
    /// The erasure epoch the events were read at: a snapshot older than the store's epoch may
    /// hold an erased user's events and is never installed.
    public let erasureEpoch: Int

    /// True when the model was fitted on this user's events.
    public func contains(user: String) -> Bool { users.index(of: user) != nil }
}

extension ModelSnapshot {
    /// The id maps and popularity that travel with a model archive.
    private struct Header: Codable {
        var films: [String]
        var users: [String]
        var popularity: [Float]
    }

    /// The snapshot as a ``StoredModel`` for other replicas: a JSON header (ids, popularity)
    /// followed by the model archive.
    func stored() throws -> StoredModel {
        let header = try JSONEncoder().encode(Header(films: films.ids, users: users.ids, popularity: popularity))
        var payload = Data()
        withUnsafeBytes(of: UInt32(header.count).littleEndian) { payload.append(contentsOf: $0) }
        payload.append(header)
        payload.append(try ModelArchive.encode(model))
        return StoredModel(
            version: version, algorithm: algorithm, fittedAt: fittedAt, eventCount: eventCount, erasureEpoch: erasureEpoch, fitSeconds: fitSeconds,
            payload: payload)
    }

    /// The snapshot a replica published; nil for a publication that withdrew the model (no
    /// positive feedback left to learn from).
    static func restore(_ stored: StoredModel) throws -> ModelSnapshot? {
        guard !stored.payload.isEmpty else { return nil }
        let bytes = [UInt8](stored.payload)
        guard bytes.count >= 4 else { throw StudioError(.internal, "model \(stored.version) is truncated") }
        let length = Int(UInt32(bytes[0]) | UInt32(bytes[1]) << 8 | UInt32(bytes[2]) << 16 | UInt32(bytes[3]) << 24)
        guard 4 + length <= bytes.count else { throw StudioError(.internal, "model \(stored.version) is truncated") }
        let header = try JSONDecoder().decode(Header.self, from: Data(bytes[4..<4 + length]))
        let model = try ModelArchive.decode(Data(bytes[(4 + length)...]))
        return ModelSnapshot(
            model: model, algorithm: stored.algorithm, films: IDMap(header.films), users: IDMap(header.users), popularity: header.popularity,
            fittedAt: stored.fittedAt, eventCount: stored.eventCount, fitSeconds: stored.fitSeconds, version: stored.version,
            erasureEpoch: stored.erasureEpoch)
    }
}
