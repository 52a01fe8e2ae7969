/// Store-wide settings and markers, such as when the sample catalog was seeded.
public protocol MetaStore: Sendable {
    func value(_ key: String) async throws -> String?
    func set(_ key: String, _ value: String) async throws
}
