// Fuzz target: text summaries rendered for the board. Any text must render (libFuzzer's
// timeout catches one that takes too long, AddressSanitizer one that overflows the stack) to
// HTML whose every tag is on the board's allow-list, with only the attributes the renderer
// writes, and whose links, read as a browser reads them, never run script.
import FuzzSupport
import LumenServer

private let allowedTags: Set<String> = [
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "code", "pre",
    "blockquote", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "a", "del", "s",
    "sub", "sup", "kbd",
]

/// Attributes the renderer itself writes on tags other than links.
private func isRendererAttribute(_ attributes: Substring, on name: Substring) -> Bool {
    if name == "ol", attributes.hasPrefix(" start=\""), attributes.hasSuffix("\"") {
        return attributes.dropFirst(8).dropLast().allSatisfy(\.isNumber)
    }
    guard name == "th" || name == "td" else { return false }
    return [" style=\"text-align:left\"", " style=\"text-align:center\"", " style=\"text-align:right\""].contains(String(attributes))
}

/// An attribute value as a browser reads it: character references decoded (numeric ones and
/// the named ones that spell URL syntax), then ASCII tabs, newlines and controls removed, as
/// URL parsing strips them.
private func browserValue(_ raw: Substring) -> String {
    let named = ["colon": ":", "tab": "\t", "newline": "\n", "amp": "&", "lt": "<", "gt": ">", "quot": "\"",
                 "apos": "'", "sol": "/", "period": ".", "lpar": "(", "rpar": ")"]
    var out = "", rest = raw
    while let amp = rest.firstIndex(of: "&") {
        out += rest[..<amp]
        let after = rest[rest.index(after: amp)...]
        let name = after.prefix { $0.isLetter || $0.isNumber || $0 == "#" }
        var decoded: String?
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            decoded = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        } else if name.hasPrefix("#") {
            decoded = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        } else {
            decoded = named[name.lowercased()]
        }
        if let decoded, !name.isEmpty {
            out += decoded
            rest = after.dropFirst(name.count)
            if rest.first == ";" { rest = rest.dropFirst() }
        } else {
            out += "&"
            rest = after
        }
    }
    out += rest
    return String(out.unicodeScalars.filter { $0.value > 0x20 })
}

func checkMarkdown(_ bytes: [UInt8]) {
    let html = MarkdownRenderer.html(String(decoding: bytes, as: UTF8.self))
    // Tags are found in the bytes, as a browser's tokenizer finds them: a combining mark after
    // a ">" makes one Character of the two, but the tag still ends there.
    var rest = Array(html.utf8)[...]
    while let open = rest.firstIndex(of: UInt8(ascii: "<")) {
        guard let close = rest[open...].firstIndex(of: UInt8(ascii: ">")) else { FuzzInput.fail("unclosed tag in \(html.debugDescription)") }
        let inside = Substring(String(decoding: rest[(open + 1)..<close], as: UTF8.self))
        rest = rest[(close + 1)...]
        let name = inside.drop { $0 == "/" }.prefix { $0.isASCII && ($0.isLetter || $0.isNumber) }
        guard allowedTags.contains(String(name)) else { FuzzInput.fail("tag <\(inside)> in \(html.debugDescription)") }
        let attributes = inside.dropFirst(inside.hasPrefix("/") ? 1 + name.count : name.count)
        guard !attributes.isEmpty, !isRendererAttribute(attributes, on: name) else { continue }
        guard name == "a", attributes.hasPrefix(" href=\""), attributes.hasSuffix("\" rel=\"noopener noreferrer\"") else {
            FuzzInput.fail("attributes \(attributes.debugDescription) in \(html.debugDescription)")
        }
        let value = attributes.dropFirst(7).dropLast(27)
        guard !value.contains("\"") else { FuzzInput.fail("quote inside href in \(html.debugDescription)") }
        let url = browserValue(value).lowercased()
        // A browser reads a scheme only where the URL starts with a letter followed by letters,
        // digits, "+", "-" or "." up to a ":"; anything else is a relative URL.
        if let colon = url.firstIndex(of: ":"), let first = url.first, first.isASCII, first.isLetter,
           url[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }) {
            guard ["http", "https", "mailto"].contains(url[..<colon]) else { FuzzInput.fail("link to \(url) in \(html.debugDescription)") }
        }
    }
}

@main
enum FuzzMarkdown {
    static func main() { FuzzInput.run(checkMarkdown) }
}
