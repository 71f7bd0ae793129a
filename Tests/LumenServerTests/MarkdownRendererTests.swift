import Foundation
import Testing
@testable import LumenServer

@Suite("Text summaries render as CommonMark does")
struct MarkdownRendererTests {
    struct Case: Decodable, CustomTestStringConvertible {
        let markdown: String
        let html: String
        var testDescription: String { markdown.debugDescription }
    }

    static let cases: [Case] = {
        struct Fixture: Decodable { let cases: [Case] }
        let url = URL(fileURLWithPath: serverFixtures + "/markdown.json")
        return try! JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url)).cases
    }()

    /// `html` without the newlines between tags, which browsers ignore, and without the
    /// `rel` the board adds to every link.
    static func normalized(_ html: String) -> String {
        html.replacingOccurrences(of: " rel=\"noopener noreferrer\"", with: "")
            .replacingOccurrences(of: ">\n", with: ">")
            .replacingOccurrences(of: "\n<", with: "<")
    }

    @Test("Each case renders as markdown-it renders it (Scripts/make_markdown_fixtures.py)", arguments: cases)
    func matchesReference(_ fixture: Case) {
        #expect(Self.normalized(MarkdownRenderer.html(fixture.markdown)) == Self.normalized(fixture.html))
    }
}
