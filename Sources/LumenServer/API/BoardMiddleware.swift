import Hummingbird

/// What every route of the board shares: only GET and HEAD are answered (anything else gets a
/// 405 saying so), an error becomes its response inside the route, and a HEAD request gets the
/// GET answer's status and headers — errors, `Content-Encoding` and `ETag` included — without
/// its body.
struct BoardMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let response = try await answer(request, context: context, next: next)
        guard request.method == .head else { return response }
        // A body of unknown length, so that no Content-Length is made up for an answer that
        // would have been sent in chunks.
        return Response(status: response.status, headers: response.headers, body: ResponseBody { try await $0.finish(nil) })
    }

    private func answer(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            guard request.method == .get || request.method == .head else {
                var error = APIError(status: .methodNotAllowed, message: "the board answers GET and HEAD requests, not \(request.method)", parameter: nil)
                error.headers[.allow] = "GET, HEAD"
                throw error
            }
            return try await next(request, context)
        } catch let error as any HTTPResponseError {
            return try error.response(from: request, context: context)
        }
    }
}
