import Catalog
import Foundation
import Hummingbird

/// A film as the API returns it. Every documented key is always present (`null` when the
/// catalog does not say), so clients and the OpenAPI schema can rely on the shape.
struct FilmResource: ResponseEncodable {
    var film: Film

    private enum CodingKeys: String, CodingKey {
        case id, title, year, genres, runtimeMinutes, directors, cast, characters, synopsis, settings, keywords, moods, audience, externalIds
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(film.id, forKey: .id)
        try c.encode(film.title, forKey: .title)
        try c.encode(film.year, forKey: .year)
        try c.encode(film.genres, forKey: .genres)
        try c.encode(film.runtimeMinutes, forKey: .runtimeMinutes)
        try c.encode(film.directors, forKey: .directors)
        try c.encode(film.cast, forKey: .cast)
        try c.encode(film.characters.map(CharacterResource.init), forKey: .characters)
        try c.encode(film.synopsis, forKey: .synopsis)
        try c.encode(film.settings, forKey: .settings)
        try c.encode(film.keywords, forKey: .keywords)
        try c.encode(film.moods, forKey: .moods)
        try c.encode(film.audience, forKey: .audience)
        try c.encode(ExternalIDsResource(ids: film.externalIds), forKey: .externalIds)
    }
}

private struct CharacterResource: Encodable {
    var character: Character
    init(_ character: Character) { self.character = character }
    private enum CodingKeys: String, CodingKey { case name, description, traits }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(character.name, forKey: .name)
        try c.encode(character.description, forKey: .description)
        try c.encode(character.traits, forKey: .traits)
    }
}

private struct ExternalIDsResource: Encodable {
    var ids: ExternalIDs
    private enum CodingKeys: String, CodingKey { case movieLens100K, movieLens, imdb, tmdb }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(ids.movieLens100K, forKey: .movieLens100K)
        try c.encode(ids.movieLens, forKey: .movieLens)
        try c.encode(ids.imdb, forKey: .imdb)
        try c.encode(ids.tmdb, forKey: .tmdb)
    }
}

/// A page of a list: `{"items": [...], "total": N, "page": P, "pageSize": S}`.
struct ListResource<Item: Encodable & Sendable>: ResponseEncodable {
    var items: [Item]
    var total: Int
    var page: Int
    var pageSize: Int
}

/// A visitor profile as the API returns it.
struct UserResource: ResponseEncodable {
    var user: UserProfile

    func encode(to encoder: any Encoder) throws { try user.encode(to: encoder) }
}
