import Foundation
import Hummingbird

/// A JSON response body: either built with ``JSONText`` (long number arrays, written directly)
/// or encoded from a small `Encodable` value. Non-finite numbers are `null` either way.
struct JSONBody: ResponseGenerator {
    let bytes: ByteBuffer

    init(_ text: JSONText) { bytes = ByteBuffer(string: text.text) }

    init(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        bytes = ByteBuffer(bytes: try encoder.encode(value))
    }

    func response(status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8", .contentLength: String(bytes.readableBytes)]
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: .init(byteBuffer: bytes))
    }

    func response(from request: Request, context: some RequestContext) -> Response { response() }
}

/// A number that is encoded as JSON `null` when it is not finite (JSON has no NaN or ∞).
struct FiniteNumber: Encodable {
    let value: Double

    init(_ value: Double) { self.value = value }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if value.isFinite { try container.encode(value) } else { try container.encodeNil() }
    }
}
