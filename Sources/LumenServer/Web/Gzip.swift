/// What the board gzips, and how hard.
enum Gzip {
    /// Below this, gzip's 18 bytes of framing and the work outweigh what it saves.
    static let minimumBytes = 1024
    /// For answers compressed while they are sent: zlib level 1 gives most of level 6's saving
    /// for a fifth of its time on the board's JSON (docs/API.md has the figures).
    static let streamingLevel: Int32 = 1
    /// For the UI's files, compressed once at start: the smallest.
    static let staticLevel: Int32 = 9

    /// Whether a body of this `Content-Type` is text that gzip shrinks.
    static func isCompressible(_ contentType: String) -> Bool {
        let type = contentType.prefix { $0 != ";" }.lowercased()
        return type.hasPrefix("text/") || type == "application/json" || type == "image/svg+xml"
            || type == "application/javascript"
    }
}
