import Hummingbird

/// A JSON answer kept for many requests (``LoadStateCache``), with its gzipped form made once
/// beside it: each request then sends bytes, instead of compressing the same answer again
/// (60 ms for the HParams answer of 10,000 sessions).
struct PreparedJSON: Sendable {
    let identity: ByteBuffer
    /// The gzipped bytes, or nil when the answer is too small to gain.
    let gzipped: ByteBuffer?

    init(_ text: JSONText) {
        identity = ByteBuffer(bytes: text.bytes)
        gzipped = identity.readableBytes >= Gzip.minimumBytes
            ? ByteBuffer(bytes: GzipStream.compressed(identity.readableBytesView, level: Gzip.streamingLevel)) : nil
    }

    /// The answer to `request`: gzipped when it accepts gzip, else as it is.
    /// ``CompressionMiddleware`` leaves an encoded body as it is and adds `Vary` either way.
    func response(to request: Request) -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        let body: ByteBuffer
        if let gzipped, AcceptEncoding(request.headers[values: .acceptEncoding]).acceptsGzip {
            (body, headers[.contentEncoding]) = (gzipped, "gzip")
        } else {
            body = identity
        }
        headers[.contentLength] = String(body.readableBytes)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }
}
