/// An object as a listing or a HEAD request describes it.
public struct S3ObjectSummary: Sendable, Equatable {
    /// Its key.
    public var key: String
    /// Its size in bytes.
    public var size: Int64
    /// Its ETag, quotes included, as the server gave it: what changes when its bytes do.
    public var etag: String

    public init(key: String, size: Int64, etag: String) {
        self.key = key
        self.size = size
        self.etag = etag
    }
}

/// How many requests of each kind a client has sent, retries included.
public struct S3RequestCounts: Sendable, Equatable {
    public var list = 0
    public var get = 0
    public var head = 0
    /// PUTs, and the requests of multipart uploads (one per part, plus create, complete or abort).
    public var put = 0
    public var delete = 0

    public init(list: Int = 0, get: Int = 0, head: Int = 0, put: Int = 0, delete: Int = 0) {
        self.list = list
        self.get = get
        self.head = head
        self.put = put
        self.delete = delete
    }
}
