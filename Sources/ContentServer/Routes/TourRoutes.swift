import Catalog
import Foundation
import HTTPTypes
import Hummingbird
import Preview
import Studio
import Tours

/// Museums and tours: `POST/GET /v1/museums`, `GET /v1/museums/{id}[.glb|.usdz]`, `POST /v1/tours`,
/// `GET/PUT /v1/tours/{id}[.glb|.usdz]`, `GET /v1/tours/{id}/versions`, `…/script.md`, `…/map.png`.
struct TourRoutes {
    let studio: Studio

    func register(on router: Router<AppRequestContext>) {
        router.post("/v1/museums") { request, context -> Response in
            try context.require(.author)
            let buffer = try await request.body.collect(upTo: context.maxUploadSize)
            guard buffer.readableBytes > 0 else { throw Problem.invalidBody("the request needs a museum plan as JSON") }
            let (museum, created) = try await studio.museums.createMuseum(json: Data(buffer.readableBytesView))
            var response = try JSONResource(value: MuseumSummary(museum)).response(from: request, context: context)
            response.status = created ? .created : .ok
            response.headers[.location] = "/v1/museums/\(museum.id)"
            return response
        }
        router.get("/v1/museums") { _, _ -> JSONResource<[MuseumListing]> in
            JSONResource(value: try await studio.museums.museums().map { MuseumListing(id: $0.id, name: $0.name, url: "/v1/museums/\($0.id)") })
        }
        router.get("/v1/museums/{id}") { request, context -> Response in
            let name = try context.parameters.require("id")
            if name.hasSuffix(".glb") {
                return ArtifactResponse.make(try await studio.museums.museumGLB(id: String(name.dropLast(4))), for: request)
            }
            if name.hasSuffix(".usdz") {
                return ArtifactResponse.make(try await studio.museums.museumUSDZ(id: String(name.dropLast(5))), for: request)
            }
            return try JSONResource(value: try await studio.museums.museum(id: name)).response(from: request, context: context)
        }
        router.post("/v1/tours") { request, context -> Response in
            try context.require(.author)
            let body = try await request.decodeJSON(as: TourBody.self, context: context)
            let (tour, created) = try await studio.tours.planTour(body.request)
            var response = try Self.tourResponse(tour, request: request, context: context, pinned: false)
            response.status = created ? .created : .ok
            response.headers[.location] = "/v1/tours/\(tour.id)"
            return response
        }
        router.get("/v1/tours/{id}") { request, context -> Response in
            let name = try context.parameters.require("id")
            let version = try Self.version(request)
            let model = [".glb", ".usdz"].first { name.hasSuffix($0) }
            let id = model.map { String(name.dropLast($0.count)) } ?? name
            let tour = try await studio.tours.tour(id: id, version: version)
            try Self.checkAccess(tour, context)
            if let model {
                let artifact = model == ".glb" ? try await studio.tours.glb(id: id, version: version) : try await studio.tours.usdz(id: id, version: version)
                var response = ArtifactResponse.make(artifact, for: request)
                // The latest version can change; only a pinned version is immutable.
                if version == nil && tour.request.userId == nil { response.headers[.cacheControl] = "no-cache" }
                return response
            }
            return try Self.tourResponse(tour, request: request, context: context, pinned: version != nil)
        }
        router.put("/v1/tours/{id}") { request, context -> Response in
            try context.require(.author)
            let body = try await request.decodeJSON(as: TourEditBody.self, context: context)
            let tour = try await studio.tours.editTour(id: try context.parameters.require("id"), baseVersion: body.baseVersion, stops: body.stops)
            return try Self.tourResponse(tour, request: request, context: context, pinned: false)
        }
        router.get("/v1/tours/{id}/versions") { request, context -> Response in
            let id = try context.parameters.require("id")
            let tour = try await studio.tours.tour(id: id)
            try Self.checkAccess(tour, context)
            let versions = try await studio.tours.versions(id: id).map { TourVersionResource(tourId: id, summary: $0) }
            var response = try JSONResource(value: versions).response(from: request, context: context)
            response.headers[.cacheControl] = Self.cacheControl(tour, pinned: false)
            return response
        }
        router.get("/v1/tours/{id}/script.md") { request, context -> Response in
            let tour = try await studio.tours.tour(id: try context.parameters.require("id"))
            try Self.checkAccess(tour, context)
            let version = try Self.version(request)
            let markdown = try await studio.tours.markdown(id: tour.id, version: version)
            return Response(
                status: .ok, headers: [.contentType: "text/markdown; charset=utf-8", .cacheControl: Self.cacheControl(tour, pinned: version != nil)],
                body: .init(byteBuffer: ByteBuffer(string: markdown)))
        }
        router.get("/v1/tours/{id}/map.png") { request, context -> Response in
            let tour = try await studio.tours.tour(id: try context.parameters.require("id"))
            try Self.checkAccess(tour, context)
            let query = try QueryParameters(request)
            let range = PreviewRenderer.sizeRange
            let floor = try query.int("floor", range: -20...200)
            let width = try query.int("width", default: 1280, range: range)!
            let height = try query.int("height", default: 800, range: range)!
            let version = try Self.version(request)
            let artifact = try await studio.tours.map(TourMapRequest(tourId: tour.id, version: version, floor: floor, width: width, height: height))
            var response = ArtifactResponse.make(artifact, for: request)
            // The latest version can change; only a pinned version is immutable.
            if version == nil && !artifact.isPersonal { response.headers[.cacheControl] = "no-cache" }
            return response
        }
    }

    /// A tour planned for a user is theirs: reading it needs a key. A tour planned for an inline
    /// profile is public.
    static func checkAccess(_ tour: Tour, _ context: AppRequestContext) throws {
        if tour.request.userId != nil { try context.require(.read) }
    }

    static func version(_ request: Request) throws -> Int? { try QueryParameters(request).int("version", range: 1...1_000_000) }

    /// A tour as JSON; its ETag names the version (304 when the client has it). A pinned
    /// public version never changes; a personal tour is never kept by shared caches.
    static func tourResponse(_ tour: Tour, request: Request, context: AppRequestContext, pinned: Bool) throws -> Response {
        let etag = "\"\(tour.id)-v\(tour.version)\""
        let cache = cacheControl(tour, pinned: pinned)
        if ArtifactResponse.notModified(request, etag: etag) { return Response(status: .notModified, headers: [.eTag: etag, .cacheControl: cache]) }
        var response = try JSONResource(value: tour).response(from: request, context: context)
        response.headers[.eTag] = etag
        response.headers[.cacheControl] = cache
        return response
    }

    /// `private, no-store` for a personal tour; otherwise immutable when pinned, revalidated when not.
    static func cacheControl(_ tour: Tour, pinned: Bool) -> String {
        tour.request.userId != nil ? ArtifactResponse.personal : pinned ? ArtifactResponse.immutable : "no-cache"
    }
}

/// A museum's identity and size, answered to `POST /v1/museums`.
struct MuseumSummary: Encodable, Sendable {
    var id: String
    var name: String
    var floors: Int
    var rooms: Int
    var doors: Int
    var exhibits: Int
    var urls: [String: String]

    init(_ museum: Museum) {
        id = museum.id
        name = museum.name
        floors = museum.floors.count
        rooms = museum.rooms.count
        doors = museum.doors.count
        exhibits = museum.exhibits.count
        urls = ["plan": "/v1/museums/\(museum.id)", "glb": "/v1/museums/\(museum.id).glb", "usdz": "/v1/museums/\(museum.id).usdz"]
    }
}

struct MuseumListing: Encodable, Sendable {
    var id: String
    var name: String
    var url: String
}

/// `POST /v1/tours` body.
struct TourBody: Decodable {
    var request: TourPlanRequest

    private enum CodingKeys: String, CodingKey { case museumId, userId, profile, budgetMinutes, theme, mustInclude, exclude, seed, restyle, audio }

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(["museumId", "userId", "profile", "budgetMinutes", "theme", "mustInclude", "exclude", "seed", "restyle", "audio"])
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let budget = try c.decode(Double.self, forKey: .budgetMinutes)
        guard budget.isFinite else { throw DecodingError.dataCorruptedError(forKey: .budgetMinutes, in: c, debugDescription: "budgetMinutes must be a number") }
        let seed = try c.decodeSeed(forKey: .seed)
        request = TourPlanRequest(
            museumId: try c.decode(String.self, forKey: .museumId), userId: try c.decodeIfPresent(String.self, forKey: .userId),
            profile: try c.decodeIfPresent(UserProfile.self, forKey: .profile), budgetMinutes: budget,
            theme: try c.decodeIfPresent(String.self, forKey: .theme), mustInclude: try c.decodeIfPresent([String].self, forKey: .mustInclude) ?? [],
            exclude: try c.decodeIfPresent([String].self, forKey: .exclude) ?? [], seed: seed,
            restyle: try c.decodeIfPresent(Bool.self, forKey: .restyle) ?? false, audio: try c.decodeIfPresent(Bool.self, forKey: .audio) ?? false)
    }
}

/// `PUT /v1/tours/{id}` body: the full new list of stops.
struct TourEditBody: Decodable {
    var baseVersion: Int?
    var stops: [TourEditStop]

    private enum CodingKeys: String, CodingKey { case baseVersion, stops }
    private enum StopKeys: String, CodingKey { case exhibitId, narration }

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(["baseVersion", "stops"])
        let c = try decoder.container(keyedBy: CodingKeys.self)
        baseVersion = try c.decodeIfPresent(Int.self, forKey: .baseVersion)
        var list = try c.nestedUnkeyedContainer(forKey: .stops)
        var stops: [TourEditStop] = []
        while !list.isAtEnd {
            let stopDecoder = try list.superDecoder()
            try stopDecoder.rejectUnknownKeys(["exhibitId", "narration"])
            stops.append(try TourEditStop(from: stopDecoder))
        }
        self.stops = stops
    }
}
