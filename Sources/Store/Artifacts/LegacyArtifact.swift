import Foundation

/// An artifact row written before recipes existed (schema v5 and earlier), and how the v6
/// migration files it: under which recipe, and for which user.
///
/// Rows from before the owner column hold personal scenes and dialogues with no owner. The
/// migration attributes each one where the record allows — a tour's map or GLB to the tour's
/// user, a preview to its scene's owner, a scene or dialogue to the one user whose profile it
/// was made for — and drops personal rows it cannot attribute rather than leave them public.
public struct LegacyArtifact: Sendable, Equatable {
    public var id: String
    public var kind: String
    public var inputs: String
    public var userId: String?

    public init(id: String, kind: String, inputs: String, userId: String?) {
        self.id = id
        self.kind = kind
        self.inputs = inputs
        self.userId = userId
    }

    /// The recipe the row belongs to: its id without a format suffix (`abc….glb` → `abc…`).
    public var recipeId: String { String(id.prefix { $0 != "." }) }

    /// What the migration should do with a row.
    public enum Filing: Sendable, Equatable {
        case keep(owner: String?)
        /// Personal data whose owner cannot be established: removed.
        case drop
    }

    /// Decides the owner of every row. `tourOwners` maps tour ids to their users; `users`
    /// lists each stored user's id with the profile fields personal inputs recorded.
    public static func file(
        _ rows: [LegacyArtifact], tourOwners: [String: String?], users: [(id: String, displayName: String, audience: String, depth: String, language: String)]
    ) -> [String: Filing] {
        var filing: [String: Filing] = [:]
        func object(_ text: String) -> [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
        }
        let known = Set(users.map(\.id))
        // Scenes, dialogues, tour outputs first; previews inherit from their scene afterwards.
        for row in rows where !row.kind.hasPrefix("preview") {
            if let owner = row.userId {
                filing[row.id] = known.contains(owner) ? .keep(owner: owner) : .drop
                continue
            }
            let inputs = object(row.inputs)
            if row.kind.hasPrefix("tour") || row.kind == "museum.glb" {
                if let tour = inputs["tour"] as? String {
                    let owner = tourOwners[tour] ?? nil
                    filing[row.id] = owner.map { known.contains($0) ? .keep(owner: $0) : .drop } ?? .keep(owner: nil)
                } else {
                    filing[row.id] = .keep(owner: nil)
                }
                continue
            }
            guard let profile = inputs["profile"] as? [String: Any], let name = profile["displayName"] as? String else {
                filing[row.id] = .keep(owner: nil)
                continue
            }
            let matches = users.filter {
                $0.displayName == name && $0.audience == (profile["audience"] as? String) && $0.depth == (profile["depth"] as? String)
                    && $0.language == (profile["language"] as? String)
            }
            filing[row.id] = matches.count == 1 ? .keep(owner: matches[0].id) : .drop
        }
        for row in rows where row.kind.hasPrefix("preview") {
            if let owner = row.userId {
                filing[row.id] = known.contains(owner) ? .keep(owner: owner) : .drop
                continue
            }
            guard let scene = object(row.inputs)["scene"] as? String, let sceneFiling = filing[scene] else {
                filing[row.id] = .keep(owner: nil)
                continue
            }
            filing[row.id] = sceneFiling
        }
        return filing
    }
}
