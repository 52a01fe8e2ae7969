import Catalog
import Foundation
import HTTPTypes
import Hummingbird
import Narrative
import Studio

/// `POST /v1/dialogues`, `GET /v1/dialogues/{id}?format=json|yarn|ink`,
/// `GET /v1/films/{id}/ask?q=`, `GET /v1/films/{id}/card?userId=`.
struct DialogueRoutes {
    let studio: Studio

    func register(on router: Router<AppRequestContext>) {
        router.post("/v1/dialogues") { request, context -> Response in
            let body = try await request.decodeJSON(as: DialogueBody.self, context: context)
            if body.userId != nil { try context.require(.read) }
            let summary = try await studio.createDialogue(filmId: body.filmId, character: body.character, userId: body.userId, seed: body.seed)
            var response = try JSONResource(value: summary).response(from: request, context: context)
            response.status = .created
            response.headers[.location] = summary.urls.json
            return response
        }
        router.get("/v1/dialogues/{id}") { request, context -> Response in
            let query = try QueryParameters(request)
            let format = try query.choice("format", default: DialogueFormat.json)!
            return ArtifactResponse.make(try await studio.dialogueArtifact(id: try context.parameters.require("id"), format: format), for: request)
        }
        router.get("/v1/films/{id}/ask") { request, context -> JSONResource<FilmAnswer> in
            let query = try QueryParameters(request)
            guard let question = try query.string("q", maxLength: FilmQuestionAnswerer.maxQuestionLength) else {
                throw Problem.invalidParameter("q", "'q' (the question) is required")
            }
            return JSONResource(value: try await studio.ask(filmId: try context.parameters.require("id"), question: question))
        }
        router.get("/v1/films/{id}/card") { request, context -> JSONResource<FilmCard> in
            let query = try QueryParameters(request)
            let userId = try query.string("userId", maxLength: 200)
            if userId != nil { try context.require(.read) }
            return JSONResource(value: try await studio.filmCard(filmId: try context.parameters.require("id"), userId: userId))
        }
    }
}

/// `POST /v1/dialogues` body.
struct DialogueBody: Decodable {
    var filmId: String
    var character: String
    var userId: String?
    var seed: UInt64?

    private enum CodingKeys: String, CodingKey { case filmId, character, userId, seed }

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(["filmId", "character", "userId", "seed"])
        let c = try decoder.container(keyedBy: CodingKeys.self)
        filmId = try c.decode(String.self, forKey: .filmId)
        character = try c.decode(String.self, forKey: .character)
        userId = try c.decodeIfPresent(String.self, forKey: .userId)
        seed = try c.decodeSeed(forKey: .seed)
        let trimmed = character.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || trimmed.count > DialogueLimits.maxCharacterLength {
            throw DecodingError.dataCorruptedError(
                forKey: .character, in: c, debugDescription: "character must be 1 to \(DialogueLimits.maxCharacterLength) characters")
        }
    }
}
