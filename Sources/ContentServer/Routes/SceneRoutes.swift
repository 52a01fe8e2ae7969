import Catalog
import Foundation
import HTTPTypes
import Hummingbird
import Preview
import Studio

/// `POST /v1/scenes`, `GET /v1/scenes/{id}` (`.glb`, `.gltf`, `.usdz`), `GET /v1/users/{id}/stage`.
struct SceneRoutes {
    let studio: Studio

    func register(on router: Router<AppRequestContext>) {
        router.post("/v1/scenes") { request, context -> Response in
            let body = try await request.decodeJSON(as: StageBody.self, context: context)
            // Staging for a user reads their profile: it needs a key.
            if body.userId != nil { try context.require(.read) }
            let summary = try await studio.scenes.stage(StageRequest(filmId: body.filmId, userId: body.userId, seed: body.seed, restyle: body.restyle))
            var response = try JSONResource(value: StagedSceneResource(summary: summary)).response(from: request, context: context)
            response.status = .created
            response.headers[.location] = ResourceURLs.scene(summary.id).scene
            if summary.owner != nil { response.headers[.cacheControl] = ArtifactResponse.personal }
            return response
        }
        router.get("/v1/scenes/{id}") { request, context -> Response in
            let name = try context.parameters.require("id")
            let (id, format) = Self.parse(name)
            let artifact = try await studio.scenes.scene(id: id, format: format)
            try context.requireAccess(to: artifact)
            return ArtifactResponse.make(artifact, for: request)
        }
        router.get("/v1/scenes/{id}/preview.png") { request, context -> Response in
            let query = try QueryParameters(request)
            let range = PreviewRenderer.sizeRange
            let view = try query.choice("view", default: PreviewRenderer.View.perspective)!
            let width = try query.int("width", default: PreviewSettings.defaultWidth, range: range)!
            let height = try query.int("height", default: PreviewSettings.defaultHeight, range: range)!
            let sceneId = try context.parameters.require("id")
            // Personal scenes are checked before anything is rendered for them.
            try context.requireAccess(to: try await studio.scenes.scene(id: sceneId, format: .json))
            let artifact = try await studio.previews.preview(PreviewRequest(sceneId: sceneId, view: view, width: width, height: height))
            return ArtifactResponse.make(artifact, for: request)
        }
        router.get("/v1/users/{id}/stage") { request, context -> Response in
            try context.require(.read)
            let query = try QueryParameters(request)
            let k = try query.int("k", default: 3, range: 1...StagingLimits.maxStageK)!
            let seed = try query.int("seed", range: 0...Int(StagingLimits.maxSeed)).map(UInt64.init)
            let userId = try context.parameters.require("id")
            let (list, scenes) = try await studio.scenes.stageRecommendations(userId: userId, k: k, seed: seed)
            let listing = StageListing(
                userId: userId, recommender: list.algorithm ?? "content", coldStart: list.coldStart,
                items: zip(list.items, scenes).map { StageListing.Item(recommendation: $0, scene: StagedSceneResource(summary: $1)) })
            var response = try JSONResource(value: listing).response(from: request, context: context)
            response.headers[.cacheControl] = ArtifactResponse.personal
            return response
        }
    }

    /// `abc…` → (abc…, json); `abc….glb` → (abc…, glb).
    static func parse(_ name: String) -> (String, SceneFormat) {
        for format in [SceneFormat.glb, .gltf, .usdz, .json] where name.hasSuffix("." + format.rawValue) {
            return (String(name.dropLast(format.rawValue.count + 1)), format)
        }
        return (name, .json)
    }
}

/// `POST /v1/scenes` body.
struct StageBody: Decodable {
    var filmId: String
    var userId: String?
    var seed: UInt64?
    /// Ask the language model (if configured) to restyle the hotspot cards.
    var restyle: Bool

    private enum CodingKeys: String, CodingKey { case filmId, userId, seed, restyle }

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(["filmId", "userId", "seed", "restyle"])
        let c = try decoder.container(keyedBy: CodingKeys.self)
        filmId = try c.decode(String.self, forKey: .filmId)
        userId = try c.decodeIfPresent(String.self, forKey: .userId)
        seed = try c.decodeSeed(forKey: .seed)
        restyle = try c.decodeIfPresent(Bool.self, forKey: .restyle) ?? false
    }
}

/// `GET /v1/users/{id}/stage`: the films the recommender picked, each with its staged scene.
struct StageListing: Encodable, Sendable {
    struct Item: Encodable, Sendable {
        var recommendation: Recommendation
        var scene: StagedSceneResource
    }

    var userId: String
    /// The model that chose the films (`content` before any feedback has been fitted).
    var recommender: String
    var coldStart: Bool
    var items: [Item]
}

/// Any encodable value as a JSON response.
struct JSONResource<Value: Encodable & Sendable>: ResponseEncodable {
    var value: Value
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}
