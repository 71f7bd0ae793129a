import Foundation
import Testing
@testable import LumenServer

@Suite("Markdown that would stall or crash the renderer is shown as plain text")
struct MarkdownGuardTests {
    @Test("Links, lists and a few brackets still render as Markdown")
    func ordinaryMarkdown() {
        let html = MarkdownRenderer.html("## Notes\n- [docs](https://example.com) and [a] [b]\n- `x[i][j]`")
        #expect(html.contains("<h2>") && html.contains("<a href=\"https://example.com\""))
        #expect(!html.contains("Shown as plain text"))
    }

    @Test("Open brackets are counted once each; escaped ones and closed pairs do not add up")
    func counting() {
        #expect(MarkdownRenderer.mostOpenBrackets("[a](b) [c](d) [e]") == 1)
        #expect(MarkdownRenderer.mostOpenBrackets("[[[x]]]") == 3)
        #expect(MarkdownRenderer.mostOpenBrackets(#"\[\[\[ [a"#) == 1)
        #expect(MarkdownRenderer.mostOpenBrackets("] ] [") == 1)
    }

    @Test("30 unclosed brackets (minutes in the renderer) and 20,000 (a stack overflow) come back at once, escaped",
          arguments: [30, 20_000])
    func pathologicalBrackets(count: Int) {
        let text = String(repeating: "[", count: count) + "<script>alert(1)</script>"
        let html = MarkdownRenderer.html(text)
        #expect(html.contains("Shown as plain text: \(count) nested or unclosed"))
        #expect(html.contains("&lt;script&gt;") && !html.contains("<script>"))
    }
}

@Suite("A paragraph tag left open, which makes the Markdown renderer loop forever, is shown as plain text")
struct UnclosedParagraphTagTests {
    @Test("Texts with a “<p” that no “>” follows come back at once, escaped",
          arguments: ["<p", "a <p", "x\n<P class", "<p>fine</p> then <p", "| |\n|0-|---|<pscir $ |\n|0--"])
    func unclosed(text: String) {
        let html = MarkdownRenderer.html(text)
        #expect(html.contains("Shown as plain text: a “&lt;p” with no “&gt;” after it"), "\(html)")
        #expect(html.contains("&lt;p") || html.contains("&lt;P"))
    }

    @Test("A “<p” closed later, “< p”, “<div” and plain text still render as Markdown",
          arguments: ["<p>para</p>", "<p\nclass=x>text</p>", "< p", "<div", "**bold** and <b>x</b>", "a > b <q"])
    func rendered(text: String) {
        #expect(!MarkdownRenderer.html(text).contains("Shown as plain text"), "\(text)")
    }
}

@Suite("A list followed by a last line of spaces, which crashed the Markdown renderer, renders")
struct TrailingBlankLineTests {
    @Test("The text renders without its trailing blank space", arguments: ["1. \n ", "1. a\n ", "* \n ", "1.  \n  "])
    func listThenSpaces(text: String) {
        let html = MarkdownRenderer.html(text)
        #expect(html == MarkdownRenderer.html(text.trimmingCharacters(in: .whitespacesAndNewlines)), "\(html)")
        #expect(text != "1. a\n " || html.contains("<li>a</li>"), "\(html)")
    }
}
