/// The HTML a Markdown text renders to, built as UTF-8 bytes.
struct HTMLBuffer {
    private(set) var bytes: [UInt8] = []

    /// Appends markup written by the renderer itself, as is.
    mutating func markup(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Appends text from the document with `&`, `<`, `>` and `"` escaped.
    mutating func text<C: Collection>(_ source: C) where C.Element == UInt8 {
        for byte in source { escaped(byte) }
    }

    /// Appends one byte of document text, escaped.
    mutating func escaped(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "&"): bytes.append(contentsOf: "&amp;".utf8)
        case UInt8(ascii: "<"): bytes.append(contentsOf: "&lt;".utf8)
        case UInt8(ascii: ">"): bytes.append(contentsOf: "&gt;".utf8)
        case UInt8(ascii: "\""): bytes.append(contentsOf: "&quot;".utf8)
        default: bytes.append(byte)
        }
    }

    /// Appends a character reference from the document (`&copy;`, `&#169;`) as is: the browser
    /// decodes it to one character of text.
    mutating func characterReference<C: Collection>(_ source: C) where C.Element == UInt8 {
        bytes.append(contentsOf: source)
    }

    /// Appends the opening tag of a link to `url`, which must come from ``LinkTarget``.
    mutating func openLink(_ url: LinkTarget) {
        markup("<a href=\"")
        text(url.encoded.utf8)
        markup("\" rel=\"noopener noreferrer\">")
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}
