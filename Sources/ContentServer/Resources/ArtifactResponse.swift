import Foundation
import HTTPTypes
import Hummingbird
import Studio

/// Serves a content-addressed artifact: strong ETag (its id) and 304 when the client already
/// has it. Public artifacts are `public, immutable`, so any cache may keep them; personal ones
/// are `private, no-store`, so no shared cache keeps them after their owner is deleted.
enum ArtifactResponse {
    static let immutable = "public, max-age=31536000, immutable"
    static let personal = "private, no-store"

    static func make(_ artifact: ServedArtifact, for request: Request) -> Response {
        let etag = "\"\(artifact.id)\""
        var headers: HTTPFields = [.eTag: etag, .cacheControl: artifact.isPersonal ? personal : immutable]
        if notModified(request, etag: etag) { return Response(status: .notModified, headers: headers) }
        headers[.contentType] = artifact.contentType
        // The cached ByteBuffer is shared, not copied, into the response.
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: artifact.body))
    }

    /// True when the request's `If-None-Match` names `etag` (or its gzip representation, or `*`).
    static func notModified(_ request: Request, etag: String) -> Bool {
        guard let match = request.headers[.ifNoneMatch] else { return false }
        return match.split(separator: ",").contains { tag in
            let trimmed = tag.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "-gzip\"", with: "\"")
            return trimmed == etag || trimmed == "W/" + etag || trimmed == "*"
        }
    }
}

extension AppRequestContext {
    /// Personal artifacts are their owner's: reading one needs a key that may read users.
    func requireAccess(to artifact: ServedArtifact) throws {
        if artifact.isPersonal { try require(.read) }
    }
}
