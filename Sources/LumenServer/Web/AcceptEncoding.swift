/// What a request's `Accept-Encoding` header allows, as far as the board cares: whether gzip
/// may be sent.
///
/// Each listed coding may carry a weight (`gzip;q=0.5`); weight 0 refuses it. `*` stands for
/// every coding not listed by name. No header means the client asked for nothing but the
/// identity coding (what browsers never do, and what command-line clients usually want).
struct AcceptEncoding {
    /// Whether a gzip-encoded body is acceptable.
    let acceptsGzip: Bool

    /// The header's values (a request may send the header more than once).
    init(_ values: [String]) {
        var gzip: Double?
        var any: Double?
        for item in values.joined(separator: ",").split(separator: ",") {
            let parts = item.split(separator: ";")
            guard let name = parts.first?.trimmingSpaces.lowercased(), !name.isEmpty else { continue }
            let weight = parts.dropFirst().lazy.compactMap(Self.weight).first ?? 1
            switch name {
            case "gzip", "x-gzip": gzip = weight
            case "*": any = weight
            default: break
            }
        }
        acceptsGzip = (gzip ?? any ?? 0) > 0
    }

    /// The weight a `q=…` parameter gives, or nil for another parameter or an unreadable one.
    private static func weight(_ parameter: Substring) -> Double? {
        let pair = parameter.split(separator: "=", maxSplits: 1)
        guard pair.count == 2, pair[0].trimmingSpaces.lowercased() == "q" else { return nil }
        return Double(pair[1].trimmingSpaces).map { min(max($0, 0), 1) }
    }
}

private extension Substring {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: Substring {
        var s = self
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return s
    }
}
