import Foundation
import HTTPTypes
import Hummingbird
import Store

/// Serves a content-addressed artifact: strong ETag (its id), immutable caching, and 304 when
/// the client already has it.
enum ArtifactResponse {
    static let immutable = "public, max-age=31536000, immutable"

    static func make(_ artifact: Artifact, for request: Request) -> Response {
        let etag = "\"\(artifact.id)\""
        var headers: HTTPFields = [.eTag: etag, .cacheControl: immutable]
        if let match = request.headers[.ifNoneMatch], match.split(separator: ",").contains(where: { tag in
            // The gzip representation's tag ("…-gzip") names the same content.
            let trimmed = tag.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "-gzip\"", with: "\"")
            return trimmed == etag || trimmed == "W/" + etag || trimmed == "*"
        }) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = artifact.contentType
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: artifact.bytes)))
    }
}
