import Hummingbird

/// Gzips text responses (JSON, HTML, CSS, JavaScript, CSV, SVG) for clients whose
/// `Accept-Encoding` allows it, while the body is sent: `Content-Encoding: gzip`, no
/// `Content-Length` (the body goes out in chunks), and the `ETag` of the gzip representation.
/// Every such response says `Vary: Accept-Encoding`, compressed or not, so caches keep the two
/// apart. Bodies under ``minimumBytes``, images and bodies already encoded (the static files
/// are gzipped once at start) go as they are.
struct CompressionMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Below this, gzip's 18 bytes of framing and the work outweigh what it saves.
    static var minimumBytes: Int { 1024 }
    /// zlib level 1: on the board's JSON it gives most of level 6's saving for a fraction of
    /// its time (docs/API.md has the figures).
    static var level: Int32 { 1 }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        guard let type = response.headers[.contentType], Self.isCompressible(type) else { return response }
        response.headers[.vary] = "Accept-Encoding"
        guard response.status == .ok, response.headers[.contentEncoding] == nil,
              response.body.contentLength.map({ $0 >= Self.minimumBytes }) ?? true,
              AcceptEncoding(request.headers[values: .acceptEncoding]).acceptsGzip else { return response }
        response.headers[.contentEncoding] = "gzip"
        if let etag = response.headers[.eTag] { response.headers[.eTag] = EntityTag.gzipped(header: etag) }
        let body = response.body
        response.body = ResponseBody { writer in
            try await body.write(GzipBodyWriter(parent: writer, level: Self.level))
        }
        return response
    }

    /// Whether a body of this `Content-Type` is text that gzip shrinks.
    static func isCompressible(_ contentType: String) -> Bool {
        let type = contentType.prefix { $0 != ";" }.lowercased()
        return type.hasPrefix("text/") || type == "application/json" || type == "image/svg+xml"
            || type == "application/javascript"
    }
}
