import Audio
import Catalog
import Foundation
import HTTPTypes
import Hummingbird
import Narrative
import Studio
import Voice

/// `POST /v1/dialogues`, `GET /v1/dialogues/{id}?format=json|yarn|ink`,
/// `GET /v1/dialogues/{id}/lines/{lineId}/audio.{opus,mp3}`, `GET /v1/dialogues/{id}/voiceover.zip?format=opus|mp3|wav`,
/// `GET /v1/films/{id}/ask?q=`, `GET /v1/films/{id}/card?userId=&restyle=`, `POST /v1/dialogues/{id}/chat`.
struct DialogueRoutes {
    let studio: Studio

    func register(on router: Router<AppRequestContext>) {
        router.post("/v1/dialogues") { request, context -> Response in
            let body = try await request.decodeJSON(as: DialogueBody.self, context: context)
            if body.userId != nil { try context.require(.read) }
            let summary = try await studio.dialogues.createDialogue(
                DialogueRequest(filmId: body.filmId, character: body.character, userId: body.userId, seed: body.seed, restyle: body.restyle))
            var response = try JSONResource(value: DialogueResource(summary: summary)).response(from: request, context: context)
            response.status = .created
            response.headers[.location] = ResourceURLs.dialogue(summary.id).json
            if summary.owner != nil { response.headers[.cacheControl] = ArtifactResponse.personal }
            return response
        }
        router.get("/v1/dialogues/{id}") { request, context -> Response in
            let query = try QueryParameters(request)
            let format = try query.choice("format", default: DialogueFormat.json)!
            let artifact = try await studio.dialogues.dialogue(id: try context.parameters.require("id"), format: format)
            try context.requireAccess(to: artifact)
            return ArtifactResponse.make(artifact, for: request)
        }
        router.get("/v1/dialogues/{id}/lines/{lineId}/{file}") { request, context -> Response in
            let file = try context.parameters.require("file")
            guard file.hasPrefix("audio."), let format = AudioFormat(rawValue: String(file.dropFirst(6))), format != .wav else {
                throw Problem.notFound("no such file '\(file.prefix(40))': a line's clip is audio.opus or audio.mp3")
            }
            let lineId = try context.parameters.require("lineId")
            guard lineId.count <= 64, lineId.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == ":") }) else {
                throw Problem.notFound("no line '\(lineId.prefix(40))': line ids look like line:0123456789abcdef")
            }
            let id = try context.parameters.require("id")
            try context.requireAccess(to: try await studio.dialogues.dialogue(id: id, format: .json))
            return ArtifactResponse.make(try await studio.dialogues.lineAudio(id: id, lineId: lineId, format: format), for: request)
        }
        router.get("/v1/dialogues/{id}/voiceover.zip") { request, context -> Response in
            let format = try QueryParameters(request).choice("format", default: AudioFormat.opus)!
            let id = try context.parameters.require("id")
            // A personal dialogue's clips are its visitor's: check before synthesising anything.
            try context.requireAccess(to: try await studio.dialogues.dialogue(id: id, format: .json))
            var response = ArtifactResponse.make(try await studio.dialogues.voiceover(id: id, format: format), for: request)
            response.headers[.contentDisposition] = "attachment; filename=\"voiceover-\(id.prefix(12)).zip\""
            return response
        }
        router.get("/v1/films/{id}/ask") { request, context -> JSONResource<FilmAnswer> in
            let query = try QueryParameters(request)
            guard let question = try query.string("q", maxLength: FilmQuestionAnswerer.maxQuestionLength) else {
                throw Problem.invalidParameter("q", "'q' (the question) is required")
            }
            return JSONResource(value: try await studio.filmText.ask(filmId: try context.parameters.require("id"), question: question))
        }
        router.get("/v1/films/{id}/card") { request, context -> Response in
            let query = try QueryParameters(request)
            let userId = try query.string("userId", maxLength: 200)
            if userId != nil { try context.require(.read) }
            let filmId = try context.parameters.require("id")
            var response =
                try query.bool("restyle", default: false)
                ? try JSONResource(value: try await studio.filmText.restyledFilmCard(filmId: filmId, userId: userId)).response(from: request, context: context)
                : try JSONResource(value: try await studio.filmText.filmCard(filmId: filmId, userId: userId)).response(from: request, context: context)
            if userId != nil { response.headers[.cacheControl] = ArtifactResponse.personal }
            return response
        }
        router.post("/v1/dialogues/{id}/chat") { request, context -> Response in
            let id = try context.parameters.require("id")
            let body = try await request.decodeJSON(as: ChatBody.self, context: context)
            // Chatting with a dialogue written for a visitor reads their profile's choices: a key.
            let stored = try await studio.dialogues.dialogue(id: id, format: .json)
            try context.requireAccess(to: stored)
            var response = try JSONResource(value: try await studio.chat.chat(dialogueId: id, message: body.message, history: body.history ?? []))
                .response(from: request, context: context)
            response.headers[.cacheControl] = stored.isPersonal ? ArtifactResponse.personal : "no-store"
            return response
        }
    }
}

/// `POST /v1/dialogues` body.
struct DialogueBody: Decodable {
    var filmId: String
    var character: String
    var userId: String?
    var seed: UInt64?
    /// Ask the language model (if configured) to restyle the character's lines.
    var restyle: Bool

    private enum CodingKeys: String, CodingKey { case filmId, character, userId, seed, restyle }

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(["filmId", "character", "userId", "seed", "restyle"])
        let c = try decoder.container(keyedBy: CodingKeys.self)
        filmId = try c.decode(String.self, forKey: .filmId)
        character = try c.decode(String.self, forKey: .character)
        userId = try c.decodeIfPresent(String.self, forKey: .userId)
        seed = try c.decodeSeed(forKey: .seed)
        restyle = try c.decodeIfPresent(Bool.self, forKey: .restyle) ?? false
        let trimmed = character.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || trimmed.count > DialogueLimits.maxCharacterLength {
            throw DecodingError.dataCorruptedError(
                forKey: .character, in: c, debugDescription: "character must be 1 to \(DialogueLimits.maxCharacterLength) characters")
        }
    }
}

/// `POST /v1/dialogues/{id}/chat` body.
struct ChatBody: Decodable {
    var message: String
    var history: [ChatTurn]?

    private enum CodingKeys: String, CodingKey { case message, history }

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(["message", "history"])
        let c = try decoder.container(keyedBy: CodingKeys.self)
        message = try c.decode(String.self, forKey: .message)
        history = try c.decodeIfPresent([ChatTurn].self, forKey: .history)
    }
}
