import CompressNIO
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// gzip for JSON, glTF, Markdown and other text when the client accepts it and the body is
/// worth compressing (1 KiB or more, known length). The compressed representation gets its own
/// ETag (`"…-gzip"`, which ``ArtifactResponse`` also honours in `If-None-Match`) and every
/// compressible response says `Vary: Accept-Encoding`.
struct CompressionMiddleware<Context: RequestContext>: RouterMiddleware {
    static var minimumBytes: Int { 1024 }
    static var compressibleTypes: [String] { ["application/json", "application/problem+json", "model/gltf+json", "model/gltf-binary", "model/vnd.usdz+zip", "text/"] }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        guard let type = response.headers[.contentType], Self.compressibleTypes.contains(where: type.hasPrefix) else { return response }
        response.headers[.vary] = [response.headers[.vary], "Accept-Encoding"].compactMap { $0 }.joined(separator: ", ")
        guard Self.acceptsGzip(request), response.headers[.contentEncoding] == nil,
              let length = response.body.contentLength, length >= Self.minimumBytes else { return response }
        let sink = Collector.Sink()
        try await response.body.write(Collector(sink: sink))
        var body = sink.buffer
        let compressed = try body.compress(with: .gzip())
        guard compressed.readableBytes < length else { return response }
        response.body = ResponseBody(byteBuffer: compressed)
        response.headers[.contentEncoding] = "gzip"
        if let etag = response.headers[.eTag], etag.hasSuffix("\"") { response.headers[.eTag] = String(etag.dropLast()) + "-gzip\"" }
        return response
    }

    /// True when `Accept-Encoding` lists gzip without `q=0`.
    static func acceptsGzip(_ request: Request) -> Bool {
        guard let header = request.headers[.acceptEncoding]?.lowercased() else { return false }
        return header.split(separator: ",").contains { item in
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.first == "gzip" || parts.first == "*" else { return false }
            return !parts.dropFirst().contains { $0.replacingOccurrences(of: " ", with: "") == "q=0" || $0 == "q=0.0" }
        }
    }

    /// Gathers a response body into one buffer (the writer is consumed; the sink keeps the bytes).
    struct Collector: ResponseBodyWriter {
        final class Sink: @unchecked Sendable {
            // @unchecked: used by one request's task only, sequentially.
            var buffer = ByteBuffer()
        }

        let sink: Sink
        mutating func write(_ part: ByteBuffer) async throws {
            var part = part
            sink.buffer.writeBuffer(&part)
        }
        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}
