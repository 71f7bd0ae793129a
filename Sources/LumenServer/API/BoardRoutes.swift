import Foundation
import Hummingbird

extension BoardAPI {
    /// The board's router: one route per API endpoint (documented in `docs/API.md`), a JSON 404
    /// for any other `/api/` path, and the web UI's files for every other path. HEAD is answered
    /// as GET is, without the body.
    public func router() -> Router<BasicRequestContext> {
        let router = Router(options: .autoGenerateHeadEndpoints)
        router.add(middleware: BoardMiddleware())
        router.add(middleware: CompressionMiddleware())
        let api = self
        router.get("/api/status") { _, _ in try api.status() }
        router.get("/api/runs") { _, _ in try api.runs() }
        router.get("/api/scalars") { request, _ in try api.scalars(request) }
        router.get("/api/scalars/export") { request, _ in try api.export(request) }
        router.get("/api/histograms") { request, _ in try api.histograms(request) }
        router.get("/api/distributions") { request, _ in try api.distributions(request) }
        router.get("/api/images") { request, _ in try api.images(request) }
        router.get("/api/image") { request, _ in try api.image(QueryParameters(request.uri.query)) }
        router.get("/api/texts") { request, _ in try api.texts(request) }
        router.get("/api/graph") { request, _ in try api.graph(QueryParameters(request.uri.query)) }
        router.get("/api/**") { request, _ -> Response in
            throw APIError.notFound("no API endpoint \(APIError.quoted(request.uri.path))")
        }
        router.get("/") { request, _ in try api.staticFile(request) }
        router.get("/**") { request, _ in try api.staticFile(request) }
        return router
    }

    /// One of the web UI's files; a request path is only ever a key among them, never a file path.
    /// Sent gzipped when the client accepts it (compressed once, at start), with the tag of the
    /// representation sent and `Cache-Control: no-cache`, so the browser asks each time and
    /// gets a 304 while the board is the same.
    private func staticFile(_ request: Request) throws -> Response {
        let path = request.uri.path
        guard let file = ui.file(at: path) else { throw APIError.notFound("no page \(APIError.quoted(path))") }
        if let held = file.etag.matched(byIfNoneMatch: request.headers[values: .ifNoneMatch]) {
            return .notModified(etag: held, cacheControl: "no-cache")
        }
        var headers: HTTPFields = [.contentType: file.contentType, .cacheControl: "no-cache"]
        let bytes: Data
        if let gzipped = file.gzipped, AcceptEncoding(request.headers[values: .acceptEncoding]).acceptsGzip {
            (bytes, headers[.contentEncoding], headers[.eTag]) = (gzipped, "gzip", file.etag.gzipped.header)
        } else {
            (bytes, headers[.eTag]) = (file.bytes, file.etag.header)
        }
        headers[.contentLength] = String(bytes.count)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
