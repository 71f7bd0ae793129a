import Hummingbird

/// A strong entity tag (`ETag`) naming one representation of a response, and the
/// `If-None-Match` test against it.
///
/// A gzip-encoded body is a different representation of the same data, so it gets its own tag:
/// the identity tag with `-gz` appended (``gzipped``). `If-None-Match` matches either, because a
/// client only holds the one it was sent, and the server sends the same encoding again for the
/// same request.
struct EntityTag: Equatable {
    /// The tag without quotes.
    let opaque: String

    /// The tag of data identified by `parts` (hashed, so any text may go in).
    init(hashing parts: [String]) {
        var hash = FNV128()
        for part in parts {
            hash.mix(part.utf8)
            hash.mix(0)
        }
        opaque = hash.hex
    }

    init(opaque: String) { self.opaque = opaque }

    /// The `ETag` header's value.
    var header: String { "\"\(opaque)\"" }

    /// The tag of the gzip-encoded body.
    var gzipped: EntityTag { EntityTag(opaque: opaque + Self.gzipSuffix) }

    /// The header value of a gzip-encoded body whose identity tag is the header value `etag`.
    static func gzipped(header etag: String) -> String {
        guard etag.hasPrefix("\""), etag.hasSuffix("\""), etag.count >= 2 else { return etag }
        return String(etag.dropLast()) + gzipSuffix + "\""
    }

    /// The tag among a request's `If-None-Match` values that this one (or its gzip twin)
    /// matches, as the request spelled it, or `*`; nil when none does.
    func matched(byIfNoneMatch values: [String]) -> String? {
        for value in values.joined(separator: ",").split(separator: ",") {
            var tag = Substring(value.filter { $0 != " " && $0 != "\t" })
            if tag == "*" { return header }
            if tag.hasPrefix("W/") { tag = tag.dropFirst(2) }
            guard tag.count >= 2, tag.first == "\"", tag.last == "\"" else { continue }
            let opaque = tag.dropFirst().dropLast()
            if opaque == self.opaque || opaque == self.opaque + Self.gzipSuffix { return String(tag) }
        }
        return nil
    }

    private static let gzipSuffix = "-gz"
}
