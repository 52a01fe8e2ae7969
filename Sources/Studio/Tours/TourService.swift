import Audio
import Catalog
import Foundation
import Logging
import Narrative
import Preview
import SceneGraph
import Store
import Tours

/// Guided tours: planned for a visitor and a budget, edited by authors (each edit a new
/// version, concurrent edits resolved by `baseVersion`), printed as Markdown, drawn as floor
/// maps and exported as GLB.
public final class TourService: Sendable {
    /// Limits on tour requests.
    public enum Limits {
        public static let maxListed = 200
        public static let maxThemeLength = 60
        public static let maxStops = 200
    }

    let storage: any StorageEngine
    let catalog: CatalogService
    let museums: MuseumService
    let recommendations: RecommendationService
    let voice: VoiceService
    let speech: SpeechService
    let grammars: GrammarLibrary
    let renderer: PreviewRenderer
    let artifacts: ArtifactService
    let work: WorkQueue
    let logger: Logger
    let mapRecipe: RecipeKind<TourMapInputs>
    let packRecipe: RecipeKind<TourPackInputs>

    init(
        storage: any StorageEngine, catalog: CatalogService, museums: MuseumService, recommendations: RecommendationService, voice: VoiceService,
        speech: SpeechService, grammars: GrammarLibrary, renderer: PreviewRenderer, artifacts: ArtifactService, work: WorkQueue, logger: Logger
    ) {
        self.storage = storage
        self.catalog = catalog
        self.museums = museums
        self.recommendations = recommendations
        self.voice = voice
        self.speech = speech
        self.grammars = grammars
        self.renderer = renderer
        self.artifacts = artifacts
        self.work = work
        self.logger = logger
        mapRecipe = RecipeKind(name: "tour.map", owner: { $0.owner }) { [storage, renderer, work] inputs in
            try await TourMaps.render(inputs, storage: storage, renderer: renderer, work: work)
        }
        artifacts.register(mapRecipe)
        let sources = TourPack.Sources(storage: storage, speech: speech) { [artifacts, mapRecipe] in try await artifacts.obtain(mapRecipe, $0).artifact }
        packRecipe = RecipeKind(name: "tour.pack", owner: { $0.owner }) { try await TourPack.build($0, sources: sources) }
        artifacts.register(packRecipe)
    }

    /// Plans a tour (or returns the stored one for an identical request).
    /// - Throws: ``StudioError`` `.notFound` for an unknown museum or user, `.invalidInput` for
    ///   bad values, `.unprocessable` with the reason when no tour can satisfy the request.
    public func planTour(_ request: TourPlanRequest) async throws -> (tour: Tour, created: Bool) {
        try await studioErrors {
            let museum = try await museums.museum(id: request.museumId)
            try request.validate(exhibits: museum.exhibits.count)
            let seed = request.seed ?? StagingLimits.defaultSeed
            var weights: [String: Float] = [:]
            let profile: UserProfile
            if let userId = request.userId {
                profile = try await catalog.user(id: userId)
                weights = try await recommendations.feedbackWeights(userId: userId)
            } else {
                do { profile = try request.profile!.validated() } catch { throw StudioError(.invalidInput, "invalid profile: \(error)", parameter: "profile") }
            }
            let inputs = TourInputs(
                grammars: grammars.digest, museum: museum, userId: request.userId, profile: profile, budgetMinutes: request.budgetMinutes,
                theme: request.theme, mustInclude: request.mustInclude, exclude: request.exclude, seed: seed,
                voice: request.restyle ? voice.fingerprint : nil, audio: request.audio ? SpeechService.engine : nil)
            let id = try ArtifactID.make(inputs).id
            if let stored = try await storage.tours.tour(id: id, version: nil) {
                StudioMetrics.cache("tour", hit: true)
                return (try JSONDecoder().decode(Tour.self, from: stored.body), false)
            }
            StudioMetrics.cache("tour", hit: false)
            let started = ContinuousClock.now
            let (films, taste) = try await facts(museum: museum, profile: profile, weights: weights)
            let planner = TourPlanner(library: grammars)
            let tourRequest = TourRequest(
                museum: museum, profile: profile, userId: request.userId, budgetMinutes: request.budgetMinutes, theme: request.theme,
                mustInclude: request.mustInclude, exclude: request.exclude, seed: seed, audio: request.audio)
            var tour: Tour
            do {
                if request.audio {
                    tour = try await planTimedByAudio(tourRequest, id: id, films: films, taste: taste)
                } else {
                    tour = try await work.run("tour") { try planner.plan(tourRequest, id: id, films: films, taste: taste) }
                }
            } catch let error as TourError {
                throw StudioError(.unprocessable, error.message)
            }
            if inputs.voice != nil { tour = await voice.restyledNarration(of: tour) }
            do {
                try await storage.tours.add(
                    StoredTour(id: id, version: 1, museumId: museum.id, userId: request.userId, origin: tour.origin, body: try ArtifactID.canonicalJSON(tour)))
            } catch let error as StoreError where error.code == .conflict {
                // An identical request planned it a moment ago.
                if let stored = try await storage.tours.tour(id: id, version: nil) { return (try JSONDecoder().decode(Tour.self, from: stored.body), false) }
                throw error
            }
            StudioMetrics.generated("tour", since: started)
            logger.info("tour planned", metadata: ["tour": "\(id)", "museum": "\(museum.id)", "stops": "\(tour.stops.count)", "minutes": "\(tour.totalMinutes)"])
            return (tour, true)
        }
    }

    /// The films the museum's exhibits are about, and how much this visitor should like each.
    private func facts(museum: Museum, profile: UserProfile, weights: [String: Float]) async throws -> ([String: Film], [String: Double]) {
        let ids = Array(Set(museum.exhibits.flatMap(\.films))).sorted()
        let films = Dictionary(uniqueKeysWithValues: try await storage.films.films(ids: ids).map { ($0.id, $0) })
        let taste = try await recommendations.tasteScores(for: profile, weights: weights, films: ids)
        return (films, taste)
    }

    /// The latest version of a tour, or the given one.
    /// - Throws: ``StudioError`` `.notFound`.
    public func tour(id: String, version: Int? = nil) async throws -> Tour {
        try await studioErrors {
            guard ArtifactID.isWellFormed(id), let stored = try await storage.tours.tour(id: id, version: version) else {
                throw StudioError(.notFound, version == nil ? "no tour with id '\(id.prefix(80))'" : "tour '\(id.prefix(80))' has no version \(version!)")
            }
            return try JSONDecoder().decode(Tour.self, from: stored.body)
        }
    }

    /// Every stored version of a tour, oldest first.
    public func versions(id: String) async throws -> [TourVersionSummary] {
        try await studioErrors {
            guard ArtifactID.isWellFormed(id) else { throw StudioError(.notFound, "no tour with id '\(id.prefix(80))'") }
            let versions = try await storage.tours.versions(id: id)
            guard !versions.isEmpty else { throw StudioError(.notFound, "no tour with id '\(id.prefix(80))'") }
            return try versions.map { stored in
                let tour = try JSONDecoder().decode(Tour.self, from: stored.body)
                return TourVersionSummary(version: stored.version, origin: stored.origin, createdAt: stored.createdAt, stops: tour.stops.count, totalMinutes: tour.totalMinutes)
            }
        }
    }

    /// Applies an author's edit: the new stop list (reordered, added, removed) with optional
    /// narration. The tour is re-timed and checked; a valid edit is stored as a new version.
    /// - Throws: ``StudioError`` `.unprocessable` with the reason (over budget, unknown or
    ///   unsuitable exhibit, unreachable stop); `.conflict` when `baseVersion` is not the latest
    ///   (or another edit of the same version was saved first).
    public func editTour(id: String, baseVersion: Int?, stops: [TourEditStop]) async throws -> Tour {
        try await studioErrors {
            let current = try await tour(id: id)
            if let baseVersion, baseVersion != current.version {
                throw StudioError(.conflict, "tour \(id) is at version \(current.version), not \(baseVersion); fetch it and edit again")
            }
            guard stops.count <= Limits.maxStops else { throw StudioError(.invalidInput, "a tour has at most \(Limits.maxStops) stops", parameter: "stops") }
            let museum = try await museums.museum(id: current.museumId)
            var profile = UserProfile(
                id: current.request.userId ?? "anonymous", displayName: "Visitor", audience: current.request.audience, depth: current.request.depth,
                language: current.request.language, pace: current.request.pace,
                accessibility: Set([current.request.stepFree ? AccessibilityNeed.stepFree : nil, current.request.audioDescription == true ? .audioDescription : nil].compactMap { $0 }))
            var weights: [String: Float] = [:]
            if let userId = current.request.userId, let stored = try await storage.users.user(id: userId) {
                profile.likedGenres = stored.likedGenres
                profile.dislikedGenres = stored.dislikedGenres
                weights = try await recommendations.feedbackWeights(userId: userId)
            }
            let (films, taste) = try await facts(museum: museum, profile: profile, weights: weights)
            let planner = TourPlanner(library: grammars)
            let choices = stops.map { TourAssembler.Choice(exhibitId: $0.exhibitId, narration: $0.narration) }
            let visitor = profile
            let edited: Tour
            do {
                if current.request.audio == true {
                    edited = try await editTimedByAudio(current) { timing, checkBudget in
                        try planner.edit(current, museum: museum, profile: visitor, choices: choices, films: films, taste: taste, timing: timing, checkBudget: checkBudget)
                    }
                } else {
                    edited = try await work.run("tour.edit") { try planner.edit(current, museum: museum, profile: visitor, choices: choices, films: films, taste: taste) }
                }
            } catch let error as TourError {
                throw StudioError(.unprocessable, error.message)
            }
            try await storage.tours.add(
                StoredTour(
                    id: id, version: edited.version, museumId: museum.id, userId: current.request.userId, origin: edited.origin,
                    body: try ArtifactID.canonicalJSON(edited)))
            logger.info("tour edited", metadata: ["tour": "\(id)", "version": "\(edited.version)", "stops": "\(edited.stops.count)"])
            return edited
        }
    }

    /// The printable script of a tour version.
    public func markdown(id: String, version: Int? = nil) async throws -> String { TourMarkdown.render(try await tour(id: id, version: version)) }

    /// The tour's museum as glTF binary, with its route and waypoints.
    public func glb(id: String, version: Int? = nil) async throws -> ServedArtifact {
        try await studioErrors {
            let tour = try await tour(id: id, version: version)
            return try await museums.glb(museum: try await museums.museum(id: tour.museumId), tour: tour)
        }
    }

    /// The tour's museum as a USDZ package, with its route and waypoints.
    public func usdz(id: String, version: Int? = nil) async throws -> ServedArtifact {
        try await studioErrors {
            let tour = try await tour(id: id, version: version)
            return try await museums.usdz(museum: try await museums.museum(id: tour.museumId), tour: tour)
        }
    }

    /// The offline pack of a tour version: every clip in `format`, the script, the floor maps
    /// and the manifest (see ``TourPack``).
    /// - Throws: ``StudioError`` `.notFound` for an unknown tour or version; `.unavailable` when
    ///   speech cannot be synthesised here.
    public func pack(id: String, version: Int? = nil, format: AudioFormat) async throws -> ServedArtifact {
        try await studioErrors {
            let tour = try await tour(id: id, version: version)
            return try await artifacts.obtain(packRecipe, TourPackInputs(tour: tour.id, version: tour.version, format: format, owner: tour.request.userId)).artifact
        }
    }

    /// The tour's floor plan: rooms, exhibits, numbered stops and the route with arrows.
    /// - Throws: ``StudioError`` `.invalidInput` for a floor the museum does not have or a bad size.
    public func map(_ request: TourMapRequest) async throws -> ServedArtifact {
        try await studioErrors {
            try request.validate()
            let tour = try await tour(id: request.tourId, version: request.version)
            let museum = try await museums.museum(id: tour.museumId)
            let level = request.floor ?? museum.floor(of: museum.entrance.room)
            guard museum.floors.contains(where: { $0.level == level }) else {
                throw StudioError(
                    .invalidInput, "museum \(museum.id) has floors \(museum.floors.map { String($0.level) }.joined(separator: ", ")); no floor \(level)",
                    parameter: "floor")
            }
            let inputs = TourMapInputs(
                tour: tour.id, version: tour.version, floor: level, width: request.width, height: request.height, owner: tour.request.userId)
            return try await artifacts.obtain(mapRecipe, inputs).artifact
        }
    }
}
