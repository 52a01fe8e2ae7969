import Foundation

/// One of the 18 MovieLens genres, the shared vocabulary for films, tastes and scene archetypes.
///
/// Raw values are the labels MovieLens "latest" uses; ``init(label:)`` also accepts the
/// MovieLens 100K spelling (`Children's`) and is case-insensitive.
public enum Genre: String, CaseIterable, Codable, Sendable, Comparable {
    case action = "Action"
    case adventure = "Adventure"
    case animation = "Animation"
    case children = "Children"
    case comedy = "Comedy"
    case crime = "Crime"
    case documentary = "Documentary"
    case drama = "Drama"
    case fantasy = "Fantasy"
    case filmNoir = "Film-Noir"
    case horror = "Horror"
    case musical = "Musical"
    case mystery = "Mystery"
    case romance = "Romance"
    case sciFi = "Sci-Fi"
    case thriller = "Thriller"
    case war = "War"
    case western = "Western"

    /// Parses a genre label from any of the spellings MovieLens and our JSON use.
    /// Returns nil for labels that are not genres (`unknown`, `IMAX`, `(no genres listed)`).
    public init?(label: String) {
        let folded = label.trimmingCharacters(in: .whitespaces).lowercased()
        switch folded {
        case "children's", "childrens", "children", "kids": self = .children
        case "film noir", "film-noir", "noir": self = .filmNoir
        case "sci-fi", "science fiction", "scifi", "sf": self = .sciFi
        default:
            guard let match = Genre.allCases.first(where: { $0.rawValue.lowercased() == folded }) else { return nil }
            self = match
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let label = try container.decode(String.self)
        guard let genre = Genre(label: label) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "unknown genre '\(label)'; expected one of \(Genre.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self = genre
    }

    public static func < (lhs: Genre, rhs: Genre) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Human-readable name for prose ("film noir", "science fiction").
    public var spokenName: String {
        switch self {
        case .filmNoir: return "film noir"
        case .sciFi: return "science fiction"
        case .children: return "children's film"
        default: return rawValue.lowercased()
        }
    }
}
