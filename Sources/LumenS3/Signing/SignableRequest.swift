/// An HTTP request as Signature Version 4 sees it.
public struct SignableRequest: Sendable {
    public var method: String
    /// The path, not percent-encoded (an object key keeps its spaces and UTF-8 here); the
    /// request target sent is ``URIEncoding/path(_:)`` of it.
    public var path: String
    /// The query string as sent, without the `?`.
    public var query: String
    /// Headers in order; a name may repeat.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(method: String, path: String, query: String = "", headers: [(name: String, value: String)], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }
}
