import Catalog
import Foundation
import Studio

/// `POST /v1/users` body: a visitor profile. `id` is required; everything else has defaults.
struct CreateUserBody: Decodable {
    var profile: UserProfile

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(["id", "displayName", "audience", "depth", "language", "pace", "accessibility", "likedGenres", "dislikedGenres"])
        profile = try UserProfile(from: decoder)
    }
}

/// `POST /v1/users/{id}/events` body: `{"events": [...]}`.
struct EventsBody: Decodable {
    var events: [EventBody]

    private enum CodingKeys: String, CodingKey { case events }

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(["events"])
        events = try decoder.container(keyedBy: CodingKeys.self).decode([EventBody].self, forKey: .events)
    }
}

/// One feedback event in a request.
struct EventBody: Decodable {
    var input: FeedbackInput

    private enum CodingKeys: String, CodingKey { case filmId, kind, value, timestamp, idempotencyKey }

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(["filmId", "kind", "value", "timestamp", "idempotencyKey"])
        let c = try decoder.container(keyedBy: CodingKeys.self)
        input = FeedbackInput(
            filmId: try c.decode(String.self, forKey: .filmId), kind: try c.decode(FeedbackKind.self, forKey: .kind),
            value: try c.decodeIfPresent(Double.self, forKey: .value), timestamp: try c.decodeIfPresent(Date.self, forKey: .timestamp),
            idempotencyKey: try c.decode(String.self, forKey: .idempotencyKey))
    }
}
