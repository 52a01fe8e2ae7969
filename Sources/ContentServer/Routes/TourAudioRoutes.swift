import Audio
import Foundation
import HTTPTypes
import Hummingbird
import Studio
import Tours

/// A tour you can listen to: `GET /v1/tours/{id}/intro/audio.{opus,mp3,wav}`,
/// `…/stops/{n}/audio.{opus,mp3,wav}` (n is the stop's number in the order walked),
/// `…/outro/audio.{opus,mp3,wav}`, and `GET /v1/tours/{id}/pack.zip?format=mp3|opus|wav`, the
/// offline pack. Each takes `?version=` to pin a version.
struct TourAudioRoutes {
    let studio: Studio

    func register(on router: Router<AppRequestContext>) {
        router.get("/v1/tours/{id}/intro/{file}") { request, context -> Response in
            try await clip(.intro, request: request, context: context)
        }
        router.get("/v1/tours/{id}/outro/{file}") { request, context -> Response in
            try await clip(.outro, request: request, context: context)
        }
        router.get("/v1/tours/{id}/stops/{n}/{file}") { request, context -> Response in
            let text = try context.parameters.require("n")
            guard let number = Int(text), (1...TourService.Limits.maxStops).contains(number) else {
                throw Problem.invalidParameter("n", "the stop number must be an integer between 1 and \(TourService.Limits.maxStops)")
            }
            return try await clip(.stop(number), request: request, context: context)
        }
        router.get("/v1/tours/{id}/pack.zip") { request, context -> Response in
            let tour = try await studio.tours.tour(id: try context.parameters.require("id"), version: try TourRoutes.version(request))
            try TourRoutes.checkAccess(tour, context)
            let format = try QueryParameters(request).choice("format", default: AudioFormat.mp3)!
            let pinned = try TourRoutes.version(request) != nil
            var response = ArtifactResponse.make(try await studio.tours.pack(id: tour.id, version: tour.version, format: format), for: request)
            if !pinned && tour.request.userId == nil { response.headers[.cacheControl] = "no-cache" }
            response.headers[.contentDisposition] = "attachment; filename=\"tour-\(tour.id.prefix(12))-v\(tour.version).zip\""
            return response
        }
    }

    /// One clip: `{file}` must be `audio.opus`, `audio.mp3` or `audio.wav`.
    private func clip(_ clip: TourClip, request: Request, context: AppRequestContext) async throws -> Response {
        let file = try context.parameters.require("file")
        guard file.hasPrefix("audio."), let format = AudioFormat(rawValue: String(file.dropFirst(6))) else {
            throw Problem.notFound("no such file '\(file.prefix(40))': a clip is audio.opus, audio.mp3 or audio.wav")
        }
        let version = try TourRoutes.version(request)
        let tour = try await studio.tours.tour(id: try context.parameters.require("id"), version: version)
        try TourRoutes.checkAccess(tour, context)
        var response = ArtifactResponse.make(try await studio.tours.audio(id: tour.id, version: tour.version, clip: clip, format: format), for: request)
        // The latest version can change; only a pinned version is immutable.
        if version == nil && tour.request.userId == nil { response.headers[.cacheControl] = "no-cache" }
        return response
    }
}
