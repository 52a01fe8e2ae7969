import Foundation
import Studio

/// Where each resource lives: the one place HTTP URLs are built.
enum ResourceURLs {
    static func scene(_ id: String) -> SceneURLs {
        SceneURLs(scene: "/v1/scenes/\(id)", glb: "/v1/scenes/\(id).glb", gltf: "/v1/scenes/\(id).gltf", usdz: "/v1/scenes/\(id).usdz", preview: "/v1/scenes/\(id)/preview.png")
    }

    static func dialogue(_ id: String) -> DialogueURLs {
        DialogueURLs(json: "/v1/dialogues/\(id)", yarn: "/v1/dialogues/\(id)?format=yarn", ink: "/v1/dialogues/\(id)?format=ink")
    }

    static func dialogueVoice(_ id: String) -> String { "/v1/dialogues/\(id)?format=voice" }

    static func tour(_ id: String, version: Int? = nil) -> String { version.map { "/v1/tours/\(id)?version=\($0)" } ?? "/v1/tours/\(id)" }
}

/// A staged scene's formats.
struct SceneURLs: Encodable, Sendable {
    var scene: String
    var glb: String
    var gltf: String
    var usdz: String
    var preview: String
}

/// A dialogue's formats.
struct DialogueURLs: Encodable, Sendable {
    var json: String
    var yarn: String
    var ink: String
}

/// `POST /v1/scenes` answer: the summary and where to fetch the scene.
struct StagedSceneResource: Encodable, Sendable {
    var summary: StagedSceneSummary

    private enum CodingKeys: String, CodingKey { case urls }

    func encode(to encoder: any Encoder) throws {
        try summary.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(ResourceURLs.scene(summary.id), forKey: .urls)
    }
}

/// `POST /v1/dialogues` answer: the summary and where to fetch each format.
struct DialogueResource: Encodable, Sendable {
    var summary: DialogueSummary

    private enum CodingKeys: String, CodingKey { case urls, voice }

    func encode(to encoder: any Encoder) throws {
        var summary = self.summary
        let voice = summary.voice
        summary.voice = nil
        try summary.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(ResourceURLs.dialogue(summary.id), forKey: .urls)
        if var voice {
            if voice.model != nil { voice.url = ResourceURLs.dialogueVoice(summary.id) }
            try c.encode(voice, forKey: .voice)
        }
    }
}

/// A tour version with its URL.
struct TourVersionResource: Encodable, Sendable {
    var tourId: String
    var summary: TourVersionSummary

    private enum CodingKeys: String, CodingKey { case url }

    func encode(to encoder: any Encoder) throws {
        try summary.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(ResourceURLs.tour(tourId, version: summary.version), forKey: .url)
    }
}

/// `GET /v1/users/{id}/export`: everything stored about a user, tours with their URLs.
struct UserExportResource: Encodable, Sendable {
    var export: UserExport

    private struct Tour: Encodable {
        var version: UserExport.StoredTourVersion
        var url: String
        private enum CodingKeys: String, CodingKey { case url }
        func encode(to encoder: any Encoder) throws {
            try version.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(url, forKey: .url)
        }
    }

    private enum CodingKeys: String, CodingKey { case exportedAt, profile, events, tours, artifacts }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(export.exportedAt, forKey: .exportedAt)
        try c.encode(export.profile, forKey: .profile)
        try c.encode(export.events, forKey: .events)
        try c.encode(export.tours.map { Tour(version: $0, url: ResourceURLs.tour($0.id, version: $0.version)) }, forKey: .tours)
        try c.encode(export.artifacts, forKey: .artifacts)
    }
}
