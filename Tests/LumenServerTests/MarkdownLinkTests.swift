import Testing
@testable import LumenServer

@Suite("Links in text summaries cannot smuggle a script scheme past the sanitizer")
struct MarkdownLinkTests {
    @Test("A character reference that spells a colon stays literal text in the href",
          arguments: ["javascript&colon;alert(1)", "javascript&#58;alert(1)", "javascript&#x3a;alert(1)", "java&Tab;script&colon;x"])
    func characterReferences(target: String) {
        let html = MarkdownRenderer.html("[click](\(target))")
        // Every `&` in an href is escaped, so the browser reads the characters the sanitizer checked.
        if let start = html.range(of: "href=\"") {
            let value = html[start.upperBound...].prefix { $0 != "\"" }
            #expect(!value.replacingOccurrences(of: "&amp;", with: "").contains("&"), "\(html)")
        }
    }

    @Test("Ordinary links keep their query strings")
    func queryStrings() {
        let html = MarkdownRenderer.html("[docs](https://example.com/a?b=1&c=2)")
        #expect(html.contains("href=\"https://example.com/a?b=1&amp;c=2\""), "\(html)")
    }
}
