import Ink

/// Renders text summaries' Markdown to HTML that is safe to insert into the page: Ink's
/// output passed through an allow-list of tags and attributes, so script, event handlers and
/// `javascript:` links written into a log cannot run in the board.
enum MarkdownRenderer {
    static func html(_ markdown: String) -> String {
        HTMLSanitizer.sanitize(MarkdownParser().html(from: markdown))
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
                out += "<a href=\"\(escape(Substring(href)))\" rel=\"noopener noreferrer\">"
            } else {
                out += "<\(name)>"
            }
        }
        if skipping == nil { out += rest }
        return out
    }

    /// The link target when it is http(s), mailto, a fragment or a relative path.
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
