/// What the text between `<` and `>` in Markdown may become: an autolink, or a tag on the
/// board's allow-list written back without attributes (a link keeps only a safe `href`).
/// Anything else stays text, so no script, event handler or style written into a log reaches
/// the page.
enum RawHTML {
    static let allowedTags: Set<String> = [
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "code", "pre",
        "blockquote", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "a", "del", "s",
        "sub", "sup", "kbd",
    ]

    /// For an autolink (`https://…`, `name@example.com`): its target, or `.some(nil)` when its
    /// scheme is refused. Nil when `inside` is not an autolink.
    static func autolinkTarget(_ inside: ArraySlice<UInt8>) -> LinkTarget?? {
        // An autolink's scheme is 2 to 32 characters long.
        if let colon = inside.firstIndex(of: UInt8(ascii: ":")), (2...32).contains(colon - inside.startIndex), LinkTarget.isScheme(inside[..<colon]) {
            return .some(LinkTarget(inside))
        }
        if isEmailAddress(inside) {
            return .some(LinkTarget(Array("mailto:".utf8) + inside))
        }
        return nil
    }

    /// The tag `inside` stands for (`b`, `/b`, `a href="…"`), written without attributes, if it
    /// is an allowed tag.
    static func allowedTag(_ inside: ArraySlice<UInt8>) -> String? {
        let isClosing = inside.first == UInt8(ascii: "/")
        let afterSlash = isClosing ? inside.dropFirst() : inside
        let name = afterSlash.prefix { $0.isASCIILetter || $0.isASCIIDigit }
        guard let first = name.first, first.isASCIILetter else { return nil }
        let rest = afterSlash.dropFirst(name.count)
        guard rest.isEmpty || rest.first == 0x20 || rest.first == 0x0A || rest.first == UInt8(ascii: "/") else { return nil }
        let tag = String(decoding: name, as: UTF8.self).lowercased()
        guard allowedTags.contains(tag) else { return nil }
        if isClosing { return "</\(tag)>" }
        guard tag == "a", let href = attribute("href", in: rest), let target = LinkTarget(href) else { return "<\(tag)>" }
        var html = HTMLBuffer()
        html.openLink(target)
        return html.string
    }

    /// The value of attribute `name` (lowercase) in `attributes`, quoted or not.
    private static func attribute(_ name: String, in attributes: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        var index = attributes.startIndex
        let end = attributes.endIndex
        while index < end {
            while index < end, !attributes[index].isASCIILetter { index += 1 }
            let nameStart = index
            while index < end, attributes[index].isASCIILetter || attributes[index] == UInt8(ascii: "-") { index += 1 }
            let found = String(decoding: attributes[nameStart..<index], as: UTF8.self).lowercased()
            while index < end, attributes[index] == 0x20 || attributes[index] == 0x0A { index += 1 }
            guard index < end, attributes[index] == UInt8(ascii: "=") else { continue }
            index += 1
            while index < end, attributes[index] == 0x20 || attributes[index] == 0x0A { index += 1 }
            guard index < end else { return nil }
            let quote = attributes[index]
            let valueStart: Int
            var valueEnd: Int
            if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                valueStart = index + 1
                valueEnd = valueStart
                while valueEnd < end, attributes[valueEnd] != quote { valueEnd += 1 }
                index = min(valueEnd + 1, end)
            } else {
                valueStart = index
                valueEnd = index
                while valueEnd < end, attributes[valueEnd] != 0x20, attributes[valueEnd] != 0x0A { valueEnd += 1 }
                index = valueEnd
            }
            if found == name { return attributes[valueStart..<valueEnd] }
        }
        return nil
    }

    private static func isEmailAddress(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let at = bytes.firstIndex(of: UInt8(ascii: "@")) else { return false }
        let local = bytes[..<at], domain = bytes[(at + 1)...]
        let localPunctuation = Set(".!#$%&'*+/=?^_`{|}~-".utf8)
        guard !local.isEmpty, local.allSatisfy({ $0.isASCIILetter || $0.isASCIIDigit || localPunctuation.contains($0) }) else { return false }
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            (1...63).contains(label.count) && label.first != UInt8(ascii: "-") && label.last != UInt8(ascii: "-")
                && label.allSatisfy { $0.isASCIILetter || $0.isASCIIDigit || $0 == UInt8(ascii: "-") }
        }
    }
}
