/// A character in a film, as the catalog describes them: what dialogue and staging draw on.
public struct Character: Codable, Sendable, Hashable {
    public var name: String
    /// A short, factual description ("The pregnant police chief of Brainerd, Minnesota.").
    public var description: String?
    /// Adjectives describing the character ("patient", "perceptive").
    public var traits: [String]

    public init(name: String, description: String? = nil, traits: [String] = []) {
        self.name = name
        self.description = description
        self.traits = traits
    }

    private enum CodingKeys: String, CodingKey { case name, description, traits }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        traits = try c.decodeIfPresent([String].self, forKey: .traits) ?? []
    }
}
