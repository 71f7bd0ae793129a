import Hummingbird

/// Gzips text responses (JSON, HTML, CSS, JavaScript, CSV, SVG) for clients whose
/// `Accept-Encoding` allows it, while the body is sent: `Content-Encoding: gzip`, no
/// `Content-Length` (the body goes out in chunks), and the `ETag` of the gzip representation.
/// Every such response says `Vary: Accept-Encoding`, compressed or not, so caches keep the two
/// apart. Bodies under ``Gzip/minimumBytes``, images and bodies already encoded (the static
/// files are gzipped once at start) go as they are.
struct CompressionMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        guard let type = response.headers[.contentType], Gzip.isCompressible(type) else { return response }
        response.headers[.vary] = "Accept-Encoding"
        guard response.status == .ok, response.headers[.contentEncoding] == nil,
              response.body.contentLength.map({ $0 >= Gzip.minimumBytes }) ?? true,
              AcceptEncoding(request.headers[values: .acceptEncoding]).acceptsGzip else { return response }
        response.headers[.contentEncoding] = "gzip"
        if let etag = response.headers[.eTag] { response.headers[.eTag] = EntityTag.gzipped(header: etag) }
        let body = response.body
        response.body = ResponseBody { writer in
            try await body.write(GzipBodyWriter(parent: writer, level: Gzip.streamingLevel))
        }
        return response
    }
}
