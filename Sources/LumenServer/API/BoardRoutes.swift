import Hummingbird

extension BoardAPI {
    /// The board's router: one route per API endpoint (documented in `docs/API.md`), a JSON 404
    /// for any other `/api/` path, and the web UI's files for every other path. HEAD is answered
    /// as GET is, without the body.
    public func router() -> Router<BasicRequestContext> {
        let router = Router(options: .autoGenerateHeadEndpoints)
        router.add(middleware: BoardMiddleware())
        let api = self
        router.get("/api/status") { request, _ in try await api.status(QueryParameters(request.uri.query)) }
        router.get("/api/runs") { _, _ in try api.runs() }
        router.get("/api/scalars") { request, _ in try api.scalars(QueryParameters(request.uri.query)) }
        router.get("/api/scalars/export") { request, _ in try api.export(QueryParameters(request.uri.query)) }
        router.get("/api/histograms") { request, _ in try api.histograms(QueryParameters(request.uri.query)) }
        router.get("/api/distributions") { request, _ in try api.distributions(QueryParameters(request.uri.query)) }
        router.get("/api/images") { request, _ in try api.images(QueryParameters(request.uri.query)) }
        router.get("/api/image") { request, _ in try api.image(QueryParameters(request.uri.query)) }
        router.get("/api/texts") { request, _ in try api.texts(QueryParameters(request.uri.query)) }
        router.get("/api/graph") { request, _ in try api.graph(QueryParameters(request.uri.query)) }
        router.get("/api/**") { request, _ -> Response in
            throw APIError.notFound("no API endpoint \(APIError.quoted(request.uri.path))")
        }
        router.get("/") { request, _ in try api.staticFile(request.uri.path) }
        router.get("/**") { request, _ in try api.staticFile(request.uri.path) }
        return router
    }

    /// One of the web UI's files; a request path is only ever a key among them, never a file path.
    private func staticFile(_ path: String) throws -> Response {
        guard let file = ui.file(at: path) else { throw APIError.notFound("no page \(APIError.quoted(path))") }
        let headers: HTTPFields = [.contentType: file.contentType, .contentLength: String(file.bytes.count), .cacheControl: "no-cache"]
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: file.bytes)))
    }
}
