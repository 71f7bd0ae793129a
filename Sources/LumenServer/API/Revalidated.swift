import Hummingbird
import LumenBoard

/// A series request's answer, or the `304 Not Modified` that stands for it when the request's
/// `If-None-Match` names the answer the client already has.
enum Revalidated<Value> {
    /// The client's copy is current: this 304 is the whole answer.
    case unchanged(Response)
    /// What the request asked for, to send with `tag`.
    case changed(Value, EntityTag)

    /// The response to send: the 304, or `make`'s response for the value with its `ETag` and
    /// `Cache-Control: no-cache` (the board's data changes while runs are written, so the
    /// browser asks each time and gets a 304 when nothing changed).
    func response(_ make: (Value) throws -> Response) rethrows -> Response {
        switch self {
        case .unchanged(let response):
            return response
        case .changed(let value, let tag):
            var response = try make(value)
            response.headers[.eTag] = tag.header
            response.headers[.cacheControl] = "no-cache"
            return response
        }
    }
}

extension Response {
    /// `304 Not Modified` for a client holding the representation tagged `etag`.
    static func notModified(etag: String, cacheControl: String) -> Response {
        Response(status: .notModified, headers: [.eTag: etag, .cacheControl: cacheControl, .vary: "Accept-Encoding"])
    }
}

extension BoardAPI {
    /// Runs `body` on the addressed series (as ``withSeries(_:_:_:_:)``) unless `request`
    /// already holds the answer. The answer's tag stands for the data and the question: this
    /// board process, the run and tag, the series' ``StepSeries/version`` (which changes with
    /// every point added or dropped) and the query string.
    func withSeries<Columns, R>(_ request: Request, _ address: SeriesAddress,
                                _ kind: KeyPath<RunStore.Content, [String: StepSeries<Columns>]>, _ kindName: String,
                                _ body: (StepSeries<Columns>) throws -> R) throws -> Revalidated<R> {
        try withSeries(address, kind, kindName) { series in
            let tag = EntityTag(hashing: [instance, address.run, address.tag, String(series.version), request.uri.query ?? ""])
            if let held = tag.matched(byIfNoneMatch: request.headers[values: .ifNoneMatch]) {
                return .unchanged(.notModified(etag: held, cacheControl: "no-cache"))
            }
            return .changed(try body(series), tag)
        }
    }
}
