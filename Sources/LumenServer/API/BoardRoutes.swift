import Foundation
import Hummingbird

extension BoardAPI {
    /// The board's router: one route per API endpoint (documented in `docs/API.md`), a JSON 404
    /// for any other `/api/` path, and the web UI's files for every other path. Each route
    /// answers GET and HEAD; ``BoardMiddleware`` drops the body of a HEAD answer.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: BoardMiddleware())
        router.add(middleware: CompressionMiddleware())
        let api = self
        func route(_ path: RouterPath, _ answer: @escaping @Sendable (Request) async throws -> Response) {
            router.get(path) { request, _ in try await answer(request) }
            router.head(path) { request, _ in try await answer(request) }
        }
        route("/api/status") { try await api.status(QueryParameters($0.uri.query)) }
        route("/api/runs") { try api.runs($0) }
        route("/api/scalars") { try api.scalars($0) }
        route("/api/scalars/export") { try api.export($0) }
        route("/api/scalars/group") { try api.scalarGroup($0) }
        route("/api/scalars/batch") { try api.scalarBatch($0) }
        route("/api/histograms") { try api.histograms($0) }
        route("/api/distributions") { try api.distributions($0) }
        route("/api/images") { try api.images($0) }
        route("/api/image") { try api.image(QueryParameters($0.uri.query)) }
        route("/api/texts") { try api.texts($0) }
        route("/api/graph") { try api.graph(QueryParameters($0.uri.query)) }
        route("/api/hparams") { try api.hparams($0) }
        route("/api/pr_curves") { try api.prCurves($0) }
        route("/api/custom_scalars") { _ in api.customScalars() }
        route("/api/projector") { _ in api.projectorList() }
        route("/api/projector/tensor") { try api.projectorTensor(QueryParameters($0.uri.query)) }
        route("/api/projector/metadata") { try api.projectorMetadata(QueryParameters($0.uri.query)) }
        route("/api/projector/sprite") { try api.projectorSprite(QueryParameters($0.uri.query)) }
        route("/api/projector/pca") { try api.projectorPCA(QueryParameters($0.uri.query)) }
        route("/api/projector/neighbors") { try api.projectorNeighbors(QueryParameters($0.uri.query)) }
        route("/api/**") { throw APIError.notFound("no API endpoint \(APIError.quoted($0.uri.path))") }
        route("/") { try api.staticFile($0) }
        route("/**") { try api.staticFile($0) }
        return router
    }

    /// One of the web UI's files; a request path is only ever a key among them, never a file path.
    /// Sent gzipped when the client accepts it (compressed once, as the board starts listening),
    /// with the tag of the representation sent and `Cache-Control: no-cache`, so the browser asks
    /// each time and gets a 304 while the board is the same.
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
