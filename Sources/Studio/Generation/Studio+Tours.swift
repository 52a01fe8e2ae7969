import Catalog
import Foundation
import Logging
import Narrative
import Preview
import SceneGraph
import Store
import Voice
import Tours

/// A tour request as clients send it.
public struct TourPlanRequest: Sendable {
    public var museumId: String
    public var userId: String?
    /// A profile given inline, for visitors without an account.
    public var profile: UserProfile?
    public var budgetMinutes: Double
    public var theme: String?
    public var mustInclude: [String]
    public var exclude: [String]
    public var seed: UInt64?
    /// Ask the language model (if configured) to restyle each stop's narration, never longer
    /// than the timed draft.
    public var restyle: Bool

    public init(
        museumId: String, userId: String? = nil, profile: UserProfile? = nil, budgetMinutes: Double, theme: String? = nil,
        mustInclude: [String] = [], exclude: [String] = [], seed: UInt64? = nil, restyle: Bool = false
    ) {
        self.restyle = restyle
        self.museumId = museumId
        self.userId = userId
        self.profile = profile
        self.budgetMinutes = budgetMinutes
        self.theme = theme
        self.mustInclude = mustInclude
        self.exclude = exclude
        self.seed = seed
    }
}

/// A stop as an author sends it in an edit.
public struct TourEditStop: Sendable, Decodable {
    public var exhibitId: String
    public var narration: String?
}

/// One stored version of a tour, for `GET /v1/tours/{id}/versions`.
public struct TourVersionSummary: Sendable, Encodable {
    public var version: Int
    public var origin: String
    public var createdAt: Date
    public var stops: Int
    public var totalMinutes: Double
    public var url: String
}

/// Every input that shapes a planned tour; its SHA-256 is the tour id.
struct TourInputs: Encodable {
    var kind = "tour"
    var planner = TourPlanner.version
    var grammars: String
    var museum: Museum
    var userId: String?
    var profile: UserProfile
    var budgetMinutes: Double
    var theme: String?
    var mustInclude: [String]
    var exclude: [String]
    var seed: UInt64
    /// The language model's fingerprint for restyled narration (absent otherwise, so plain
    /// tours keep their ids).
    var voice: String?
}

extension TourPlanner {
    /// Changes whenever planning changes, so tour ids change with it.
    public static let version = "scenewright-tours/1"
}

extension Studio {
    /// Limits on tour requests.
    public enum TourLimits {
        public static let maxListed = 200
        public static let maxThemeLength = 60
        public static let maxPlanBytes = 1 << 20
    }

    // MARK: - Museums

    /// Loads the sample museums from `Assets/museums` into the store when missing. A museum
    /// about films this catalog does not have is skipped with a warning.
    public func seedMuseums() async throws {
        let directory = directories.assets.appendingPathComponent("museums")
        let files = (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? []
        let filmIds = try await catalogFilmIds()
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
            if try await store.museums.museum(id: museum.id) == nil {
                try await store.museums.put(id: museum.id, name: museum.name, plan: try Self.canonical(museum), source: "sample")
                logger.info("museum loaded", metadata: ["museum": "\(museum.id)", "rooms": "\(museum.rooms.count)", "exhibits": "\(museum.exhibits.count)"])
            }
        }
    }

    private func catalogFilmIds() async throws -> Set<String> { Set(try await store.films.titles().map(\.id)) }

    static func canonical<T: Encodable>(_ value: T) throws -> Data { try ArtifactID.canonicalJSON(value) }

    /// Validates and stores a museum plan posted as JSON.
    /// - Returns: the museum and whether it was new (an identical plan posted again is not).
    /// - Throws: ``StudioError`` `.invalidInput` listing every problem; ``StoreError`` `.conflict`
    ///   when another plan has the id.
    public func createMuseum(json: Data) async throws -> (museum: Museum, created: Bool) {
        guard json.count <= TourLimits.maxPlanBytes else { throw StudioError(.invalidInput, "a museum plan must be at most 1 MiB") }
        let museum: Museum
        do { museum = try JSONDecoder().decode(Museum.self, from: json) } catch {
            throw StudioError(.invalidInput, "not a museum plan: \(Self.describe(error))")
        }
        let canonical = try Self.canonical(museum)
        let unknown = StrictJSON.unknownKeys(input: json, canonical: canonical)
        guard unknown.isEmpty else { throw StudioError(.invalidInput, "unknown fields: \(unknown.prefix(10).joined(separator: ", "))") }
        let filmIds = try await catalogFilmIds()
        do { try museum.validate(filmIds: filmIds) } catch {
            throw StudioError(.invalidInput, error.problems.prefix(20).joined(separator: "; "))
        }
        let created = try await store.museums.put(id: museum.id, name: museum.name, plan: canonical, source: "api")
        if created { logger.info("museum created", metadata: ["museum": "\(museum.id)"]) }
        return (museum, created)
    }

    /// - Throws: ``StudioError`` `.notFound`.
    public func museum(id: String) async throws -> Museum {
        guard Identifier.isValid(id), let stored = try await store.museums.museum(id: id) else { throw StudioError(.notFound, "no museum with id '\(id.prefix(80))'") }
        return try JSONDecoder().decode(Museum.self, from: stored.plan)
    }

    public func museums() async throws -> [(id: String, name: String)] { try await store.museums.all() }

    /// The museum as glTF binary, with a tour's waypoints when given.
    public func museumGLB(id: String) async throws -> Artifact {
        let museum = try await museum(id: id)
        return try await glbArtifact(museum: museum, tour: nil)
    }

    func glbArtifact(museum: Museum, tour: Tour?) async throws -> Artifact {
        struct Inputs: Encodable { var kind = "museum.glb"; var version = TourPlanner.version; var museum: Museum; var tour: String?; var tourVersion: Int? }
        let (id, canonical) = try ArtifactID.make(Inputs(museum: museum, tour: tour?.id, tourVersion: tour?.version))
        if let cached = try await store.artifacts.artifact(id: id) {
            StudioMetrics.cache("museum.glb", hit: true)
            return cached
        }
        StudioMetrics.cache("museum.glb", hit: false)
        let started = ContinuousClock.now
        let bytes = try await offloaded { try GLTFExporter.glb(MuseumScene.build(museum, tour: tour)) }
        let artifact = Artifact(
            id: id, kind: tour == nil ? "museum.glb" : "tour.glb", contentType: "model/gltf-binary", bytes: bytes,
            inputs: String(decoding: canonical, as: UTF8.self), userId: tour?.request.userId)
        try await store.artifacts.put(artifact)
        StudioMetrics.generated("museum.glb", since: started)
        return artifact
    }

    // MARK: - Tours

    /// Plans a tour (or returns the stored one for an identical request).
    /// - Throws: ``StudioError`` `.notFound` for an unknown museum or user, `.invalidInput` for
    ///   bad values, `.unprocessable` with the reason when no tour can satisfy the request.
    public func planTour(_ request: TourPlanRequest) async throws -> (tour: Tour, created: Bool) {
        let museum = try await museum(id: request.museumId)
        guard (request.userId == nil) != (request.profile == nil) else {
            throw StudioError(.invalidInput, "give exactly one of userId and profile", parameter: request.userId == nil ? "userId" : "profile")
        }
        guard TourRequest.budgetRange.contains(request.budgetMinutes) else {
            throw StudioError(.invalidInput, "budgetMinutes must be between \(Int(TourRequest.budgetRange.lowerBound)) and \(Int(TourRequest.budgetRange.upperBound))", parameter: "budgetMinutes")
        }
        if let theme = request.theme, theme.isEmpty || theme.count > TourLimits.maxThemeLength {
            throw StudioError(.invalidInput, "theme must be 1–\(TourLimits.maxThemeLength) characters", parameter: "theme")
        }
        guard request.mustInclude.count + request.exclude.count <= museum.exhibits.count + 10 else {
            throw StudioError(.invalidInput, "too many exhibits listed", parameter: "mustInclude")
        }
        let seed = request.seed ?? StagingLimits.defaultSeed
        guard seed <= StagingLimits.maxSeed else { throw StudioError(.invalidInput, "seed must be between 0 and \(StagingLimits.maxSeed)", parameter: "seed") }
        var weights: [String: Float] = [:]
        let profile: UserProfile
        if let userId = request.userId {
            profile = try await user(id: userId)
            weights = try await feedbackWeights(userId: userId)
        } else {
            do { profile = try request.profile!.validated() } catch { throw StudioError(.invalidInput, "invalid profile: \(error)", parameter: "profile") }
        }
        let inputs = TourInputs(
            grammars: grammars.digest, museum: museum, userId: request.userId, profile: profile, budgetMinutes: request.budgetMinutes,
            theme: request.theme, mustInclude: request.mustInclude, exclude: request.exclude, seed: seed,
            voice: request.restyle ? voice.settings?.fingerprint : nil)
        let (id, _) = try ArtifactID.make(inputs)
        if let stored = try await store.tours.tour(id: id) {
            StudioMetrics.cache("tour", hit: true)
            return (try JSONDecoder().decode(Tour.self, from: stored.body), false)
        }
        StudioMetrics.cache("tour", hit: false)
        let started = ContinuousClock.now

        let (films, taste) = try await tourFacts(museum: museum, profile: profile, weights: weights)
        let planner = TourPlanner(library: grammars)
        let tourRequest = TourRequest(
            museum: museum, profile: profile, userId: request.userId, budgetMinutes: request.budgetMinutes, theme: request.theme,
            mustInclude: request.mustInclude, exclude: request.exclude, seed: seed)
        var tour: Tour
        do {
            tour = try await offloaded { try planner.plan(tourRequest, id: id, films: films, taste: taste) }
        } catch let error as TourError {
            throw StudioError(.unprocessable, error.message)
        }
        if request.restyle, voice.isConfigured { tour = await restyledNarration(of: tour) }
        do {
            try await store.tours.add(id: id, version: 1, museumId: museum.id, userId: request.userId, origin: tour.origin, body: try Self.canonical(tour))
        } catch let error as StoreError where error.code == .conflict {
            // An identical request planned it a moment ago.
            if let stored = try await store.tours.tour(id: id) { return (try JSONDecoder().decode(Tour.self, from: stored.body), false) }
            throw error
        }
        StudioMetrics.generated("tour", since: started)
        logger.info("tour planned", metadata: ["tour": "\(id)", "museum": "\(museum.id)", "stops": "\(tour.stops.count)", "minutes": "\(tour.totalMinutes)"])
        return (tour, true)
    }

    /// The films the museum's exhibits are about, and how much this visitor should like each.
    private func tourFacts(museum: Museum, profile: UserProfile, weights: [String: Float]) async throws -> ([String: Film], [String: Double]) {
        let ids = Array(Set(museum.exhibits.flatMap(\.films))).sorted()
        let films = Dictionary(uniqueKeysWithValues: try await store.films.films(ids: ids).map { ($0.id, $0) })
        let taste = try await tasteScores(for: profile, weights: weights, films: ids)
        return (films, taste)
    }

    /// The latest version of a tour, or the given one.
    /// - Throws: ``StudioError`` `.notFound`.
    public func tour(id: String, version: Int? = nil) async throws -> Tour {
        guard ArtifactID.isWellFormed(id), let stored = try await store.tours.tour(id: id, version: version) else {
            throw StudioError(.notFound, version == nil ? "no tour with id '\(id.prefix(80))'" : "tour '\(id.prefix(80))' has no version \(version!)")
        }
        return try JSONDecoder().decode(Tour.self, from: stored.body)
    }

    public func tourVersions(id: String) async throws -> [TourVersionSummary] {
        guard ArtifactID.isWellFormed(id) else { throw StudioError(.notFound, "no tour with id '\(id.prefix(80))'") }
        let versions = try await store.tours.versions(id: id)
        guard !versions.isEmpty else { throw StudioError(.notFound, "no tour with id '\(id.prefix(80))'") }
        return try versions.map { stored in
            let tour = try JSONDecoder().decode(Tour.self, from: stored.body)
            return TourVersionSummary(
                version: stored.version, origin: stored.origin, createdAt: stored.createdAt, stops: tour.stops.count, totalMinutes: tour.totalMinutes,
                url: "/v1/tours/\(id)?version=\(stored.version)")
        }
    }

    /// Applies an author's edit: the new stop list (reordered, added, removed) with optional
    /// narration. The tour is re-timed and checked; a valid edit is stored as a new version.
    /// - Throws: ``StudioError`` `.unprocessable` with the reason (over budget, unknown or
    ///   unsuitable exhibit, unreachable stop); `.conflict`-coded ``StoreError`` when
    ///   `baseVersion` is not the latest.
    public func editTour(id: String, baseVersion: Int?, stops: [TourEditStop]) async throws -> Tour {
        let current = try await tour(id: id)
        if let baseVersion, baseVersion != current.version {
            throw StoreError(.conflict, "tour \(id) is at version \(current.version), not \(baseVersion); fetch it and edit again")
        }
        guard stops.count <= 200 else { throw StudioError(.invalidInput, "a tour has at most 200 stops", parameter: "stops") }
        let museum = try await museum(id: current.museumId)
        var profile = UserProfile(
            id: current.request.userId ?? "anonymous", displayName: "Visitor", audience: current.request.audience, depth: current.request.depth,
            language: current.request.language, pace: current.request.pace, accessibility: current.request.stepFree ? [.stepFree] : [])
        var weights: [String: Float] = [:]
        if let userId = current.request.userId, let stored = try? await user(id: userId) {
            profile.likedGenres = stored.likedGenres
            profile.dislikedGenres = stored.dislikedGenres
            weights = try await feedbackWeights(userId: userId)
        }
        let (films, taste) = try await tourFacts(museum: museum, profile: profile, weights: weights)
        let planner = TourPlanner(library: grammars)
        let choices = stops.map { TourAssembler.Choice(exhibitId: $0.exhibitId, narration: $0.narration) }
        let visitor = profile
        let edited: Tour
        do {
            edited = try await offloaded { try planner.edit(current, museum: museum, profile: visitor, choices: choices, films: films, taste: taste) }
        } catch let error as TourError {
            throw StudioError(.unprocessable, error.message)
        }
        try await store.tours.add(
            id: id, version: edited.version, museumId: museum.id, userId: current.request.userId, origin: edited.origin, body: try Self.canonical(edited))
        logger.info("tour edited", metadata: ["tour": "\(id)", "version": "\(edited.version)", "stops": "\(edited.stops.count)"])
        return edited
    }

    public func tourMarkdown(id: String, version: Int? = nil) async throws -> String { TourMarkdown.render(try await tour(id: id, version: version)) }

    public func tourGLB(id: String, version: Int? = nil) async throws -> Artifact {
        let tour = try await tour(id: id, version: version)
        return try await glbArtifact(museum: try await museum(id: tour.museumId), tour: tour)
    }

    /// The tour's floor plan: rooms, exhibits, numbered stops and the route with arrows.
    /// - Throws: ``StudioError`` `.invalidInput` for a floor the museum does not have or a bad size.
    public func tourMap(id: String, version: Int? = nil, floor: Int?, width: Int, height: Int) async throws -> Artifact {
        for (name, value) in [("width", width), ("height", height)] where !PreviewRenderer.sizeRange.contains(value) {
            throw StudioError(.invalidInput, "\(name) must be between \(PreviewRenderer.sizeRange.lowerBound) and \(PreviewRenderer.sizeRange.upperBound) (got \(value))", parameter: name)
        }
        let tour = try await tour(id: id, version: version)
        let museum = try await museum(id: tour.museumId)
        let level = floor ?? museum.floor(of: museum.entrance.room)
        guard museum.floors.contains(where: { $0.level == level }) else {
            throw StudioError(.invalidInput, "museum \(museum.id) has floors \(museum.floors.map { String($0.level) }.joined(separator: ", ")); no floor \(level)", parameter: "floor")
        }
        struct Inputs: Encodable { var kind = "tour.map"; var renderer = PreviewService.version; var tour: String; var version: Int; var floor: Int; var width: Int; var height: Int }
        let (artifactId, canonical) = try ArtifactID.make(Inputs(tour: tour.id, version: tour.version, floor: level, width: width, height: height))
        if let cached = try await store.artifacts.artifact(id: artifactId) {
            StudioMetrics.cache("tour.map", hit: true)
            return cached
        }
        StudioMetrics.cache("tour.map", hit: false)
        let started = ContinuousClock.now
        let renderer = self.renderer
        let floorName = museum.floors.first { $0.level == level }?.name ?? "floor \(level)"
        let png = try await offloaded {
            let scene = MuseumScene.build(museum, floor: level, tour: tour)
            let overlay = Self.mapOverlay(tour: tour, floor: level, title: "\(museum.name): \(floorName)")
            let options = PreviewRenderer.Options(width: width, height: height, supersampling: PreviewService.supersampling, cutHeight: 2.2)
            return try PNG.encode(try renderer.render(scene, view: .plan, options: options, overlay: overlay))
        }
        let artifact = Artifact(
            id: artifactId, kind: "tour.map", contentType: "image/png", bytes: png, inputs: String(decoding: canonical, as: UTF8.self), userId: tour.request.userId)
        try await store.artifacts.put(artifact)
        StudioMetrics.generated("tour.map", since: started)
        return artifact
    }

    /// The route legs on `floor` (arrows along each) and the stops there, numbered.
    static func mapOverlay(tour: Tour, floor: Int, title: String) -> PlanOverlay {
        let routes = tour.route.filter { $0.floor == floor && $0.points.count >= 2 }.map { leg in
            PlanOverlay.Route(points: leg.points.map { Vec3(Float($0[0]), 0, Float($0[1])) })
        }
        let stops = tour.stops.filter { $0.floor == floor }.map {
            PlanOverlay.Stop(position: Vec3(Float($0.position[0]), 0, Float($0.position[1])), number: $0.number)
        }
        return PlanOverlay(markers: true, labels: false, routes: routes, stops: stops, title: title)
    }

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
