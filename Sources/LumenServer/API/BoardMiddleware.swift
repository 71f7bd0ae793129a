import Hummingbird

/// What every route of the board shares: only GET and HEAD are answered (anything else gets a
/// 405 saying so), and an error becomes its response inside the route, so that a HEAD request —
/// which the router answers with the GET route, dropping the body — gets an error's status and
/// headers without its body too.
struct BoardMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
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
