/// A person credited on films (director or actor). Identified by a slug of their name.
public struct Person: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String

    /// A person whose id is the slug of their name (or, for names with no ASCII letters, a stable hash).
    public init(name: String) {
        let slug = Slug.make(name)
        self.id = slug.isEmpty ? "person-" + Slug.stableHash(name) : slug
        self.name = name
    }

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}
