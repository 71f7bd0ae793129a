/// Renders text summaries' Markdown to HTML that is safe to insert into the page.
///
/// The Markdown is CommonMark's block and inline syntax with GitHub's tables and
/// strikethrough (no reference-style links, no HTML blocks). Raw HTML in the text keeps only
/// tags on an allow-list, without attributes; links keep only http, https, mailto and relative
/// targets. So script, event handlers and `javascript:` links written into a log cannot run in
/// the board.
///
/// Rendering takes time linear in the text and does not recurse: any text a log holds, however
/// many brackets, stars or nested quotes it has, renders in one pass (about as long as reading
/// it) and cannot exhaust the stack.
public enum MarkdownRenderer {
    /// `markdown` as sanitized HTML, one line per block, without a final newline.
    public static func html(_ markdown: String) -> String {
        var html = BlockRenderer.render(BlockParser.parse(markdown))
        if html.last == "\n" { html.removeLast() }
        return html
    }
}
