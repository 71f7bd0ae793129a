import Ink

/// Renders text summaries' Markdown to HTML that is safe to insert into the page: Ink's
/// output passed through an allow-list of tags and attributes, so script, event handlers and
/// `javascript:` links written into a log cannot run in the board.
///
/// Ink's link parsing takes time exponential in the number of `[` left open at once, and
/// recurses once per level (20,000 open `[` overflow the stack). A text that opens more than
/// ``maxOpenBrackets`` at once is therefore shown as escaped plain text, with a note saying why.
/// So is a text with a `<p` that no `>` follows: Ink stops a paragraph before it, fails to read
/// it as HTML, and starts the same empty paragraph again, forever.
public enum MarkdownRenderer {
    /// The most `[` open at once that a text may have and still be rendered as Markdown.
    static let maxOpenBrackets = 8

    /// `markdown` as sanitized HTML, or as escaped plain text with a note when it nests too deep.
    public static func html(_ markdown: String) -> String {
        let open = mostOpenBrackets(markdown)
        guard open <= maxOpenBrackets else {
            return plainText(markdown, because: "\(open) nested or unclosed “[” exceed the \(maxOpenBrackets) that Markdown rendering allows")
        }
        guard !hasUnclosedParagraphTag(markdown) else {
            return plainText(markdown, because: "a “&lt;p” with no “&gt;” after it cannot be rendered as Markdown")
        }
        // Trailing blank space changes nothing in Markdown, and a list followed by a last line of
        // spaces makes Ink index past the end of the text and crash.
        let trimmed = markdown.utf8.reversed().drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }.count
        return HTMLSanitizer.sanitize(MarkdownParser().html(from: String(decoding: markdown.utf8.prefix(trimmed), as: UTF8.self)))
    }

    /// `text` escaped in a `<pre>`, after a note saying why it is not rendered.
    private static func plainText(_ text: String, because reason: String) -> String {
        "<p><em>Shown as plain text: \(reason).</em></p><pre>\(HTMLSanitizer.escapeText(text))</pre>"
    }

    /// Whether some `<p` or `<P` in `text` has no `>` anywhere after it.
    static func hasUnclosedParagraphTag(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        let afterLastClose = bytes.lastIndex(of: UInt8(ascii: ">")) ?? 0
        return (afterLastClose..<bytes.count).dropLast().contains { bytes[$0] == UInt8(ascii: "<") && bytes[$0 + 1] | 0x20 == UInt8(ascii: "p") }
    }

    /// The largest number of `[` open at any point of `text` (each `]` closes one; a
    /// backslash-escaped bracket does not count).
    static func mostOpenBrackets(_ text: String) -> Int {
        var open = 0, most = 0, escaped = false
        for byte in text.utf8 {
            if escaped {
                escaped = false
                continue
            }
            switch byte {
            case UInt8(ascii: "\\"): escaped = true
            case UInt8(ascii: "["):
                open += 1
                most = max(most, open)
            case UInt8(ascii: "]"): open = max(0, open - 1)
            default: break
            }
        }
        return most
    }
}

/// Keeps only an allow-list of HTML tags (without attributes, except safe `href`s on links),
/// escapes everything else, and drops the contents of script and style elements.
enum HTMLSanitizer {
    private static let allowed: Set<String> = [
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "code", "pre",
        "blockquote", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "a", "del", "s",
    ]
    private static let dropContents: Set<String> = ["script", "style", "iframe", "object", "noscript"]

    static func sanitize(_ html: String) -> String {
        var out = ""
        var rest = Substring(html)
        var skipping: String?
        while let open = rest.firstIndex(of: "<") {
            if skipping == nil { out += rest[..<open] }
            guard let close = rest[open...].firstIndex(of: ">") else {
                if skipping == nil { out += escape(rest[open...]) }
                return out
            }
            let inside = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            let isClosing = inside.hasPrefix("/")
            let name = inside.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }.lowercased()
            if let skipped = skipping {
                if isClosing && name == skipped { skipping = nil }
                continue
            }
            if dropContents.contains(name) && !isClosing {
                skipping = name
                continue
            }
            guard allowed.contains(name) else {
                out += escape("<" + inside + ">")
                continue
            }
            if isClosing {
                out += "</\(name)>"
            } else if name == "a", let href = safeHref(inside) {
                out += "<a href=\"\(escapeText(href))\" rel=\"noopener noreferrer\">"
            } else {
                out += "<\(name)>"
            }
        }
        if skipping == nil { out += rest }
        return out
    }

    /// The link target when it is http(s), mailto, a fragment or a relative path. It is written
    /// back with every `&` escaped, so a browser reads the characters checked here and not
    /// character references that spell another scheme (`javascript&colon;…`).
    private static func safeHref(_ tag: Substring) -> String? {
        guard let range = tag.range(of: "href=\"") else { return nil }
        let value = tag[range.upperBound...].prefix { $0 != "\"" }
        let decoded = String(value).replacingOccurrences(of: "&amp;", with: "&")
        let lower = decoded.lowercased().filter { !$0.isWhitespace }
        if let colon = lower.firstIndex(of: ":"), !lower[..<colon].contains("/") {
            let scheme = lower[..<colon]
            guard ["http", "https", "mailto"].contains(scheme) else { return nil }
        }
        return decoded
    }

    /// `text` with `&`, `<`, `>` and `"` escaped, for use as HTML text.
    static func escapeText(_ text: String) -> String {
        escape(Substring(text.replacingOccurrences(of: "&", with: "&amp;")))
    }

    private static func escape(_ s: Substring) -> String {
        var out = ""
        for c in s {
            switch c {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}
