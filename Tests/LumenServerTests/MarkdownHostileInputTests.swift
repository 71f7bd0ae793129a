import Foundation
import Testing
@testable import LumenServer

@Suite("Texts built to stall, crash or break out of the Markdown renderer render at once, as Markdown, sanitized")
struct MarkdownHostileInputTests {
    /// Texts of about a megabyte that take time quadratic or exponential in their length, or
    /// recursion as deep as it, in a naive renderer.
    static let hostile: [(name: String, text: String)] = [
        ("200,000 unclosed [", String(repeating: "[", count: 200_000)),
        ("100,000 [a](", String(repeating: "[a](", count: 100_000)),
        ("100,000 ](b( without a )", "[" + String(repeating: "](b(", count: 100_000)),
        ("200,000 *a_", String(repeating: "*a_", count: 200_000)),
        ("300,000 stars", String(repeating: "*", count: 300_000) + "a"),
        ("100,000 `` ` with no closing runs", String(repeating: "`` ` ", count: 100_000)),
        ("200,000 < with no >", String(repeating: "<a href=", count: 100_000)),
        ("200,000 nested quotes", String(repeating: ">", count: 200_000) + " deep"),
        ("20,000 nested list items", String(repeating: "- ", count: 20_000) + "deep"),
        ("20,000 lines of nested items then blanks", (0..<20_000).map { String(repeating: " ", count: min($0, 60)) + "- x" }.joined(separator: "\n") + String(repeating: "\n", count: 20_000)),
        ("100,000 table rows", "| a | b |\n|---|---|\n" + String(repeating: "| [x](y) | *z* |\n", count: 100_000)),
    ]

    @Test("Each hostile text renders within a minute (linear time: milliseconds)", arguments: hostile.map(\.name))
    func rendersPromptly(name: String) {
        let text = Self.hostile.first { $0.name == name }!.text
        let start = ContinuousClock.now
        let html = MarkdownRenderer.html(text)
        #expect(ContinuousClock.now - start < .seconds(60))
        #expect(!html.isEmpty)
    }

    @Test("Unclosed tags, lists before trailing spaces and script render as Markdown, escaped",
          arguments: ["<p", "a <p", "x\n<P class", "1. \n ", "* \n ", "[[[[[[[[[[[[<script>alert(1)</script>"])
    func formerRendererFailures(text: String) {
        let html = MarkdownRenderer.html(text)
        #expect(!html.contains("<script") && !html.contains("<P ") && !html.contains("<p class"), "\(html)")
    }

    @Test("Only allow-listed tags survive, without their attributes")
    func rawHTML() {
        let html = MarkdownRenderer.html("<b onclick=\"x()\">bold</b> <img src=x onerror=alert(1)> <sup>2</sup> <style>p{}</style>")
        #expect(html == "<p><b>bold</b> &lt;img src=x onerror=alert(1)&gt; <sup>2</sup> &lt;style&gt;p{}&lt;/style&gt;</p>", "\(html)")
    }

    @Test("Links with a script scheme keep their text and lose the link",
          arguments: ["[t](javascript:alert(1))", "[t](JavaScript:x)", "<javascript:alert(1)>", "[t](data:text/html,x)", "<a href=\"vbscript:x\">t</a>"])
    func refusedSchemes(text: String) {
        let html = MarkdownRenderer.html(text)
        #expect(!html.contains("href"), "\(html)")
    }

    @Test("A raw link tag keeps a safe href, percent-encoded")
    func rawLink() {
        #expect(MarkdownRenderer.html("<a href='https://x.org/a b' target=_blank>x</a>")
            == "<p><a href=\"https://x.org/a%20b\" rel=\"noopener noreferrer\">x</a></p>")
    }

    @Test("Images show as a link to the image, which the board does not load")
    func images() {
        #expect(MarkdownRenderer.html("![a plot](plot.png)") == "<p><a href=\"plot.png\" rel=\"noopener noreferrer\">a plot</a></p>")
    }
}
