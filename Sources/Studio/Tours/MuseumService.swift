import Catalog
import Foundation
import Logging
import SceneGraph
import Store
import Tours

/// Museum plans: the bundled samples, plans curators post (validated, every problem listed),
/// and each museum as glTF and USDZ.
public final class MuseumService: Sendable {
    /// Limits on museum plans.
    public enum Limits {
        public static let maxPlanBytes = 1 << 20
    }

    let storage: any StorageEngine
    let catalog: CatalogService
    let artifacts: ArtifactService
    let work: WorkQueue
    let directories: DataDirectories
    let logger: Logger
    /// A museum's (or a tour's) GLB and USDZ.
    let glbRecipe: RecipeKind<MuseumGLBInputs>

    init(storage: any StorageEngine, catalog: CatalogService, artifacts: ArtifactService, work: WorkQueue, directories: DataDirectories, logger: Logger) {
        self.storage = storage
        self.catalog = catalog
        self.artifacts = artifacts
        self.work = work
        self.directories = directories
        self.logger = logger
        glbRecipe = RecipeKind(name: "museum.glb", owner: { $0.owner }) { [storage, work] inputs in
            try await Self.glb(inputs, storage: storage, work: work)
        }
        artifacts.register(glbRecipe)
    }

    /// Loads the sample museums from `Assets/museums` into the store when missing. A museum
    /// about films this catalog does not have is skipped with a warning.
    /// - Throws: ``StudioError`` `.configuration` naming a malformed sample file.
    public func seedSampleMuseums() async throws {
        try await studioErrors {
            let directory = directories.assets.appendingPathComponent("museums")
            let files = (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? []
            let filmIds = try await catalog.filmIds()
            for file in files.filter({ $0.pathExtension == "json" }).sorted(by: { $0.lastPathComponent < $1.lastPathComponent }) {
                let museum: Museum
                do {
                    museum = try JSONDecoder().decode(Museum.self, from: Data(contentsOf: file))
                    try museum.validate()
                } catch {
                    throw StudioError(.configuration, "\(file.lastPathComponent): \(error)")
                }
                if let missing = museum.exhibits.flatMap(\.films).first(where: { !filmIds.contains($0) }) {
                    logger.warning("sample museum skipped: the catalog lacks its films", metadata: ["museum": "\(museum.id)", "film": "\(missing)"])
                    continue
                }
                if try await storage.museums.museum(id: museum.id) == nil {
                    _ = try await storage.museums.put(
                        StoredMuseum(id: museum.id, name: museum.name, plan: try ArtifactID.canonicalJSON(museum), source: "sample"), now: Date())
                    logger.info("museum loaded", metadata: ["museum": "\(museum.id)", "rooms": "\(museum.rooms.count)", "exhibits": "\(museum.exhibits.count)"])
                }
            }
        }
    }

    /// Validates and stores a museum plan posted as JSON.
    /// - Returns: the museum and whether it was new (an identical plan posted again is not).
    /// - Throws: ``StudioError`` `.invalidInput` listing every problem, `.conflict` when another plan has the id.
    public func createMuseum(json: Data) async throws -> (museum: Museum, created: Bool) {
        try await studioErrors {
            guard json.count <= Limits.maxPlanBytes else { throw StudioError(.invalidInput, "a museum plan must be at most 1 MiB") }
            let museum: Museum
            do { museum = try JSONDecoder().decode(Museum.self, from: json) } catch {
                throw StudioError(.invalidInput, "not a museum plan: \(DecodingDescription.describe(error))")
            }
            let canonical = try ArtifactID.canonicalJSON(museum)
            let unknown = StrictJSON.unknownKeys(input: json, canonical: canonical)
            guard unknown.isEmpty else { throw StudioError(.invalidInput, "unknown fields: \(unknown.prefix(10).joined(separator: ", "))") }
            let filmIds = try await catalog.filmIds()
            do { try museum.validate(filmIds: filmIds) } catch let error as MuseumError {
                throw StudioError(
                    .invalidInput, error.problems.joined(separator: "; "), problems: error.problems.map { .init(field: "plan", message: $0) })
            }
            let created = try await storage.museums.put(StoredMuseum(id: museum.id, name: museum.name, plan: canonical, source: "api"), now: Date())
            if created { logger.info("museum created", metadata: ["museum": "\(museum.id)"]) }
            return (museum, created)
        }
    }

    /// - Throws: ``StudioError`` `.notFound`.
    public func museum(id: String) async throws -> Museum {
        try await studioErrors {
            guard Identifier.isValid(id), let stored = try await storage.museums.museum(id: id) else {
                throw StudioError(.notFound, "no museum with id '\(id.prefix(80))'")
            }
            return try JSONDecoder().decode(Museum.self, from: stored.plan)
        }
    }

    /// Every museum's id and name, ordered by id.
    public func museums() async throws -> [(id: String, name: String)] { try await studioErrors { try await storage.museums.all() } }

    /// The museum as glTF binary.
    public func museumGLB(id: String) async throws -> ServedArtifact {
        try await studioErrors { try await glb(museum: try await museum(id: id), tour: nil) }
    }

    /// The museum as a USDZ package.
    public func museumUSDZ(id: String) async throws -> ServedArtifact {
        try await studioErrors { try await usdz(museum: try await museum(id: id), tour: nil) }
    }

    /// The museum as glTF binary, with a tour's route and waypoints when given.
    func glb(museum: Museum, tour: Tour?) async throws -> ServedArtifact {
        try await artifacts.obtain(glbRecipe, Self.inputs(museum, tour)).artifact
    }

    /// The same model as ``glb(museum:tour:)``, as a USDZ package (made in the same generation).
    func usdz(museum: Museum, tour: Tour?) async throws -> ServedArtifact {
        try await artifacts.obtain(glbRecipe, Self.inputs(museum, tour), file: "usdz").artifact
    }

    private static func inputs(_ museum: Museum, _ tour: Tour?) -> MuseumGLBInputs {
        MuseumGLBInputs(museum: museum, tour: tour?.id, tourVersion: tour?.version, owner: tour?.request.userId)
    }

    private static func glb(_ inputs: MuseumGLBInputs, storage: any StorageEngine, work: WorkQueue) async throws -> [GeneratedFile] {
        guard inputs.version == TourPlanner.version else { throw StudioError(.notFound, "this model was made by an earlier version; request it again") }
        var tour: Tour?
        if let id = inputs.tour {
            guard let stored = try await storage.tours.tour(id: id, version: inputs.tourVersion) else { throw StudioError(.notFound, "no tour with id '\(id)'") }
            tour = try JSONDecoder().decode(Tour.self, from: stored.body)
        }
        let museum = inputs.museum
        let (glb, usdz) = try await work.run("museum.glb") { [tour] in
            let scene = MuseumScene.build(museum, tour: tour)
            return (try GLTFExporter.glb(scene), USDExporter.usdz(scene))
        }
        let kind = tour == nil ? "museum" : "tour"
        return [
            GeneratedFile(suffix: nil, kind: "\(kind).glb", contentType: "model/gltf-binary", bytes: glb),
            GeneratedFile(suffix: "usdz", kind: "\(kind).usdz", contentType: "model/vnd.usdz+zip", bytes: usdz),
        ]
    }
}

/// Every input that shapes a museum's (or a tour's) GLB.
struct MuseumGLBInputs: Codable, Sendable {
    var kind = "museum.glb"
    var version = TourPlanner.version
    var museum: Museum
    var tour: String?
    var tourVersion: Int?
    /// The tour's user, for a personal tour.
    var owner: String?
}

extension TourPlanner {
    /// Changes whenever planning changes, so tour ids change with it.
    public static let version = "scenewright-tours/1"
}

/// Decoding errors as one readable line (`missing rooms.0.id`).
enum DecodingDescription {
    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context): return "missing \((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        case DecodingError.dataCorrupted(let context): return context.debugDescription
        default: return "\(error)"
        }
    }
}
