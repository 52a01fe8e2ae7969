import Foundation

/// A stored museum plan: its id, name and the plan's canonical JSON.
public struct StoredMuseum: Sendable, Equatable {
    public var id: String
    public var name: String
    public var plan: Data
    /// `sample` for the bundled museums, `api` for plans posted by curators.
    public var source: String

    public init(id: String, name: String, plan: Data, source: String) {
        self.id = id
        self.name = name
        self.plan = plan
        self.source = source
    }
}

/// Museum plans. A plan is stored once per id; another plan under the same id is a conflict
/// (stored tours refer to it).
public protocol MuseumStore: Sendable {
    func museum(id: String) async throws -> StoredMuseum?
    /// Every museum's id and name, ordered by id.
    func all() async throws -> [(id: String, name: String)]
    /// Stores the plan; true when it is new, false when an identical plan was there.
    /// - Throws: ``StoreError`` `.conflict` when another plan has this id.
    func put(_ museum: StoredMuseum, now: Date) async throws -> Bool
}
