import Foundation
import Hummingbird

extension Request {
    /// Decodes a JSON body with Scenewright's decoder. Bodies over ``ServerLimits/maxBodyBytes``
    /// get 413; malformed JSON and wrong types get 400 naming the JSON path (`events[0].kind`).
    func decodeJSON<T: Decodable>(as type: T.Type, context: AppRequestContext) async throws -> T {
        let buffer = try await body.collect(upTo: context.maxUploadSize)
        let data = Data(buffer.readableBytesView)
        guard !data.isEmpty else { throw Problem.invalidBody("the request needs a JSON body") }
        return try JSONCoding.decoder.decode(T.self, from: data)
    }
}
