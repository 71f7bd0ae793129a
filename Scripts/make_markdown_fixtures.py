#!/usr/bin/env python3
"""Renders Markdown cases with markdown-it-py (CommonMark with GitHub tables and strikethrough,
raw HTML off) into Tests/LumenServerTests/Fixtures/markdown.json, the reference that
MarkdownRendererTests holds Lumen's renderer to.

    pip install markdown-it-py && python3 Scripts/make_markdown_fixtures.py

Cases stay inside what the board renders the same way: no images, raw HTML, character
references, link titles, reference-style links or fence info strings (the board shows images
as links, keeps only allow-listed raw tags, and writes no title or class attributes).
XHTML-style void tags (<hr />, <br />) are written as <hr>, <br>, and strikethrough's <s> as
GitHub's <del>, as the board writes them.
"""
import json
import pathlib

from markdown_it import MarkdownIt, __version__

CASES = [
    # paragraphs and breaks
    "plain text", "two\nlines", "first\n\nsecond", "hard  \nbreak", "hard\\\nbreak", "trailing spaces   ",
    "  indented paragraph\n   continues",
    # headings
    "# h1", "###### h6", "####### seven", "#no space", "## closed ##", "## trailing # not closed#",
    "Setext\n===", "Setext two\n---", "multi\nline\n===",
    # thematic breaks
    "***", "- - -", "___", "a\n***\nb",
    # emphasis
    "*em* and _em_", "**strong** and __strong__", "***both***", "*a **b** c*", "**a *b* c**",
    "foo*bar*", "foo_bar_", "*foo**bar*", "**foo*", "*foo**", "a * b * c", "_foo_bar", "*(*foo*)*",
    "~~struck~~", "~one~", "a ~~b~~ c", "**unclosed", "*a _b* c_", "snake_case_name",
    "\u201c*quoted*\u201d",
    # code
    "`code`", "``a ` b``", "` a `", "`  `", "unclosed `tick", "`a\nb`", "x `*not em*` y",
    "```\nfenced\n  code\n```", "~~~\ntilde\n~~~", "```\nunclosed fence", "    indented\n    code\n\n    more",
    "  ```\n  a\n   b\n  ```", "````\n```\n````",
    # links
    "[link](https://example.com)", "[rel](docs/a.md)", "[empty]()", "[spaces](<a b>)",
    "[paren](https://en.wikipedia.org/wiki/A_(b))", "[esc](a\\)b)", "[*em* link](x)", "[a [b](c) d](e)",
    "[not a link] here", "[unclosed(x)", "<https://example.com/a?b=1&c=2>", "<mailto:me@example.com>",
    "<me@example.com>", "[x](https://a.b/c?d=1&e=2)", "[x](caf\u00e9)", "*[a*](b)", "[a](b) [c](d)",
    "[x](  y  )", "](x)",
    # escapes
    "\\*not em\\*", "\\# not heading", "\\[x\\](y)", "back\\slash", "a < b > c & d \"q\"",
    # block quotes
    "> quote", "> a\n> b", "> a\nlazy", "> a\n\n> b", "> > nested", ">no space", "> # head\n> - item",
    # lists
    "- a\n- b", "* a\n* b", "+ a", "1. one\n2. two", "3. three\n4. four", "1) paren", "- a\n\n- b",
    "- a\n  - b\n    - c", "- a\n\n  para", "- a\n+ b", "1. a\n- b", "- a\n- b\n\n  c", "-\n  empty first",
    "- a\n  - b\n\n  - c\n- d", "para\n- list", "para\n2. no", "- `code`\n- **bold**", "10. ten",
    "- a\n```\nb\n```", "-    indented code in item", "- > quote in item",
    # tables
    "| a | b |\n|---|---|\n| 1 | 2 |", "a | b\n--- | ---\n1 | 2", "| l | c | r |\n|:--|:-:|--:|\n| 1 | 2 | 3 |",
    "| a |\n| - |", "| a | b |\n|---|---|\n| only |", "| a | b |\n|---|---|\n| 1 | 2 | 3 |",
    "| a | b |\n|---|\n| 1 | 2 |", "| `x\\|y` | **b** |\n|---|---|\n| [l](u) | ~~s~~ |",
    "| a |\n|---|\n| 1 |\n\nafter",
    # mixed
    "# Title\n\nSome *text* with `code`.\n\n- one\n- two\n\n> quote\n\n---\n\n1. x\n2. y",
    "line\twith\ttabs", "\tindented by tab",
]


def render(md: MarkdownIt, text: str) -> str:
    html = md.render(text).replace("<hr />", "<hr>").replace("<br />", "<br>")
    return html.replace("<s>", "<del>").replace("</s>", "</del>")


def main() -> None:
    md = MarkdownIt("commonmark", {"html": False}).enable("table").enable("strikethrough")
    cases = [{"markdown": text, "html": render(md, text)} for text in CASES]
    out = pathlib.Path(__file__).resolve().parent.parent / "Tests/LumenServerTests/Fixtures/markdown.json"
    out.write_text(json.dumps({"renderer": f"markdown-it-py {__version__}", "cases": cases}, indent=1, ensure_ascii=False) + "\n")
    print(f"{len(cases)} cases -> {out}")


if __name__ == "__main__":
    main()
