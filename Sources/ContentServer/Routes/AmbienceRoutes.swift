import Audio
import Foundation
import Hummingbird
import Studio

/// `GET /v1/ambience/{tag}.{opus,mp3,wav}`: the looping ambience a staged room's
/// `KHR_audio_emitter` and `extras.scenewright.audio.url` point at. Public and immutable.
struct AmbienceRoutes {
    let studio: Studio

    func register(on router: Router<AppRequestContext>) {
        router.get("/v1/ambience/{file}") { request, context -> Response in
            let file = try context.parameters.require("file")
            guard let dot = file.lastIndex(of: "."), let format = AudioFormat(rawValue: String(file[file.index(after: dot)...])) else {
                throw Problem.notFound("no such file '\(file.prefix(40))': an ambience is <tag>.opus, <tag>.mp3 or <tag>.wav")
            }
            return ArtifactResponse.make(try await studio.ambience.loop(tag: String(file[..<dot]), format: format), for: request)
        }
    }
}
