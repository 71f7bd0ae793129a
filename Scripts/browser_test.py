#!/usr/bin/env python3
"""Browser test for the web UI of `lumen board`.

Start a board first (for example on the logs `lumen demo` writes), then:

    python3 Scripts/browser_test.py --url http://127.0.0.1:PORT \\
        --screenshots docs/images --scalar-tag y=2x --image-tag fake_img

It drives Debian's Chromium through Playwright for Python:

    apt-get install -y chromium
    pip install playwright

(Playwright's own browser download is not needed.) Every dashboard is opened
and checked (the Graphs checks expect lumen demo's LeNet unless told
otherwise), a 1280x800 screenshot of each is saved into the screenshots
directory, and the last line printed is `browser: N passed, M failed`; the
exit status is non-zero when anything failed.
"""

import argparse
import json
import sys
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
VIEWPORT = {"width": 1280, "height": 800}

# Counts pixels of a canvas that are clearly coloured (not white, grey or
# transparent): axes and gridlines are grey, data is drawn in run colours.
COLOURED_PIXELS_JS = """
(canvas) => {
  const { data } = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
  let count = 0;
  for (let i = 0; i < data.length; i += 4) {
    const r = data[i], g = data[i + 1], b = data[i + 2], a = data[i + 3];
    if (a > 64 && Math.max(r, g, b) - Math.min(r, g, b) > 60) count++;
  }
  return count;
}
"""

# Finds the first card of a kind, optionally with an exact data-tag.
CARD_JS = """
([selector, tag]) => [...document.querySelectorAll(selector)]
  .find((card) => tag === null || card.dataset.tag === tag) || null
"""


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def record(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print(f"ok   {name}")
        else:
            self.failed += 1
            print(f"FAIL {name}{': ' + detail if detail else ''}")
        return ok

    def run(self, name, check):
        """Runs check(); a falsy result or an exception is a failure."""
        try:
            result = check()
        except (PlaywrightError, AssertionError) as error:
            return self.record(name, False, str(error).splitlines()[0])
        return self.record(name, bool(result), "" if result else "condition not met")


class Board:
    """The page under test, with helpers that wait for the UI to settle."""

    def __init__(self, page, url, timeout_ms):
        self.page = page
        self.url = url.rstrip("/")
        self.timeout = timeout_ms

    def open(self, dashboard):
        self.page.goto(f"{self.url}/#{dashboard}")
        self.page.wait_for_selector(".tab[aria-selected='true']", timeout=self.timeout)
        self.page.mouse.move(0, 0)

    def card(self, selector, tag):
        """Waits for a finished card (ready or error) and returns its handle.

        Cards load only once on screen, so the card is scrolled into view first.
        """
        self.page.wait_for_function(f"([selector, tag]) => ({CARD_JS})([selector, tag]) !== null",
                                    arg=[selector, tag], timeout=self.timeout)
        self.page.evaluate_handle(CARD_JS, [selector, tag]).as_element().scroll_into_view_if_needed()
        self.page.wait_for_timeout(200)  # scrolling hides tooltips: let its events pass
        self.page.wait_for_function(
            f"""([selector, tag]) => {{
                const card = ({CARD_JS})([selector, tag]);
                return card && ["ready", "error", "empty"].includes(card.dataset.state);
            }}""",
            arg=[selector, tag], timeout=self.timeout)
        return self.page.evaluate_handle(CARD_JS, [selector, tag]).as_element()

    def wait(self, expression, arg=None):
        self.page.wait_for_function(expression, arg=arg, timeout=self.timeout)
        return True

    def coloured_pixels(self, card):
        canvas = card.query_selector("canvas.plot")
        return canvas.evaluate(COLOURED_PIXELS_JS) if canvas else 0

    def screenshot(self, directory, name):
        self.page.mouse.move(0, 0)
        self.page.wait_for_timeout(300)  # let hover state and fades settle
        self.page.screenshot(path=str(directory / name))


def check_scalars(board, checks, args, shots):
    board.open("scalars")
    card = board.card(".scalar-card", args.scalar_tag)
    tag = card.get_attribute("data-tag")
    checks.record(f"scalar card for {tag!r} is ready",
                  card.get_attribute("data-state") == "ready", card.inner_text()[:200])
    checks.run("scalar chart is drawn", lambda: board.coloured_pixels(card) > 100)

    runs = json.loads(card.get_attribute("data-runs") or "[]")
    listed = board.page.eval_on_selector_all(".run-item", "items => items.map(i => i.dataset.run)")
    checks.record("run list shows the runs with checkboxes",
                  len(listed) > 0 and board.page.locator(".run-item input[type=checkbox]").count() == len(listed),
                  f"runs {listed}")
    checks.record("chart shows listed runs", len(runs) > 0 and set(runs) <= set(listed), f"card runs {runs}")

    board.page.mouse.move(*centre(card))
    checks.run("hover shows a tooltip", lambda: board.wait(
        "() => { const t = document.querySelector('.tooltip'); return t && !t.hidden && t.querySelector('td'); }"))
    # The scalars screenshot keeps the tooltip: it shows what hovering gives.
    board.page.screenshot(path=str(shots / "scalars.png"))
    board.page.mouse.move(0, 0)

    if runs:
        run = runs[0]
        box = board.page.locator(f".run-item[data-run={css_string(run)}] input[type=checkbox]")
        box.uncheck()
        checks.run(f"unchecking run {run!r} hides its line", lambda: board.wait(
            "([card, run]) => !JSON.parse(card.dataset.runs).includes(run)", [card, run]))
        box.check()
        checks.run(f"checking run {run!r} shows its line again", lambda: board.wait(
            "([card, run]) => JSON.parse(card.dataset.runs).includes(run)", [card, run]))
        card = board.card(".scalar-card", tag)  # in case the UI rebuilt the card

    before = card.get_attribute("data-smoothed-sum")
    checks.record("default smoothing is 0.6", card.get_attribute("data-smoothing") == "0.6",
                  card.get_attribute("data-smoothing"))
    board.page.locator("#smoothing").fill("0.95")
    checks.run("smoothing slider re-renders the chart", lambda: board.wait(
        "([card, before]) => card.dataset.smoothing === '0.95' && card.dataset.smoothedSum !== before",
        [card, before]))
    checks.run("smoothed chart is drawn", lambda: board.coloured_pixels(card) > 100)

    board.page.locator("#x-axis button[data-value=relative]").click()
    checks.run("relative x axis redraws", lambda: board.coloured_pixels(card) > 100)
    board.page.locator("#x-axis button[data-value=step]").click()


def check_histograms(board, checks, args, shots):
    board.open("histograms")
    card = board.card(".histogram-card", args.histogram_tag)
    tag = card.get_attribute("data-tag")
    checks.record(f"histogram card for {tag!r} is ready", card.get_attribute("data-state") == "ready",
                  card.inner_text()[:200])
    checks.run("histogram (offset) is drawn", lambda: board.coloured_pixels(card) > 100)
    board.screenshot(shots, "histograms.png")
    board.page.locator("#hist-mode button[data-value=overlay]").click()
    checks.run("overlay mode redraws", lambda: board.wait(
        "(card) => card.dataset.mode === 'overlay'", card) and board.coloured_pixels(card) > 100)
    board.page.locator("#hist-mode button[data-value=offset]").click()


def check_distributions(board, checks, args, shots):
    board.open("distributions")
    card = board.card(".distribution-card", args.histogram_tag)
    checks.record(f"distribution card for {card.get_attribute('data-tag')!r} is ready",
                  card.get_attribute("data-state") == "ready", card.inner_text()[:200])
    checks.run("distribution bands are drawn", lambda: board.coloured_pixels(card) > 100)
    board.screenshot(shots, "distributions.png")


def check_images(board, checks, args, shots):
    board.open("images")
    card = board.card(".image-card", args.image_tag)
    checks.record(f"image card for {card.get_attribute('data-tag')!r} is ready",
                  card.get_attribute("data-state") == "ready", card.inner_text()[:200])
    checks.run("image loads", lambda: board.wait(
        "(card) => { const img = card.querySelector('img'); return img.complete && img.naturalWidth > 0; }", card))
    board.screenshot(shots, "images.png")
    slider = card.query_selector(".step-slider")
    if slider.get_attribute("max") in (None, "0"):
        checks.record("step slider (only one image logged: nothing to move)", True)
        return
    step = card.get_attribute("data-step")
    src = card.query_selector("img").get_attribute("src")
    slider.fill("0")
    checks.run("step slider changes the shown step", lambda: board.wait(
        "([card, step, src]) => card.dataset.step !== step && card.querySelector('img').getAttribute('src') !== src"
        " && card.querySelector('.step-label').textContent.includes('Step')",
        [card, step, src]))
    checks.run("image at the new step loads", lambda: board.wait(
        "(card) => { const img = card.querySelector('img'); return img.complete && img.naturalWidth > 0; }", card))


def check_text(board, checks, args, shots):
    board.open("text")
    card = board.card(".text-card", args.text_tag)
    checks.record(f"text card for {card.get_attribute('data-tag')!r} is ready",
                  card.get_attribute("data-state") == "ready", card.inner_text()[:200])
    checks.run("text renders as HTML with step labels", lambda: card.evaluate(
        "(card) => { const body = card.querySelector('.text-entry .text-body');"
        " return body && body.children.length > 0 && card.querySelector('.text-entry .step-label')"
        ".textContent.startsWith('Step'); }"))
    board.screenshot(shots, "text.png")


def check_graphs(board, checks, args, shots):
    page = board.page
    view = ".graph-view"
    checks.record("Graphs tab is offered (not dimmed)",
                  page.eval_on_selector(".tab[data-dashboard=graphs]", "t => !t.classList.contains('empty')"))
    board.open("graphs")
    board.wait(f"() => document.querySelector('{view}')?.dataset.state === 'ready'")
    visible = lambda: json.loads(page.eval_on_selector(view, "v => v.dataset.visible"))
    dataset = lambda key: page.eval_on_selector(view, f"v => v.dataset.{key} || ''")
    model = args.graph_model
    checks.record(f"top level shows input → {model} → output", sorted(visible()) == sorted(["input", model, "output"]),
                  str(visible()))
    checks.run("graph is drawn", lambda: page.query_selector(".graph-canvas").evaluate(COLOURED_PIXELS_JS) > 50)
    board.screenshot(shots, "graphs-collapsed.png")

    def find(text, name):
        page.fill("#graph-search", text)
        page.click(f".graph-match[data-name={css_string(name)}]")
        return board.wait("(name) => document.querySelector('.graph-view').dataset.selected === name", name)

    checks.run(f"search finds the {model} scope and the details panel describes it", lambda: find(model, model) and board.wait(
        "() => document.querySelector('.graph-details .kind-chip')?.textContent === 'Scope'"))
    box = page.query_selector(".graph-canvas").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # search centred it
    checks.run(f"clicking {model} opens it: its modules appear", lambda: board.wait(
        "(names) => { const shown = JSON.parse(document.querySelector('.graph-view').dataset.visible);"
        " return names.every((n) => shown.includes(n)); }", args.graph_children))

    node = args.graph_node
    checks.run(f"search opens the scopes around {node} and selects it", lambda: find(node.rsplit("/", 1)[-1], node)
               and json.loads(dataset("expanded")) == [model, node.rsplit("/", 1)[0]])
    checks.record("details panel shows the op", page.inner_text(".graph-details .graph-op") == args.graph_op,
                  page.inner_text(".graph-details"))
    checks.record("details panel shows the output shape", page.inner_text(".graph-details .graph-shape") == args.graph_shape,
                  page.inner_text(".graph-details .graph-shape"))
    board.screenshot(shots, "graphs.png")

    page.fill("#graph-search", args.graph_enter)
    page.press("#graph-search", "Enter")
    checks.run(f"Enter in the search box shows the best match for {args.graph_enter!r}", lambda: board.wait(
        "(text) => document.querySelector('.graph-view').dataset.selected.includes(text)", args.graph_enter))
    page.click(".graph-controls button:has-text('Close all')")
    checks.run("Close all returns to the top level", lambda: board.wait(
        "(n) => JSON.parse(document.querySelector('.graph-view').dataset.visible).length === n", 3))


def centre(element):
    box = element.query_selector("canvas.overlay").bounding_box()
    return box["x"] + box["width"] * 0.6, box["y"] + box["height"] * 0.45


def css_string(text):
    return json.dumps(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True, help="the board, e.g. http://127.0.0.1:6006")
    parser.add_argument("--screenshots", required=True, type=Path, help="directory for the PNG screenshots")
    parser.add_argument("--scalar-tag", help="scalar tag to check (default: the first card)")
    parser.add_argument("--image-tag", help="image tag to check (default: the first card)")
    parser.add_argument("--histogram-tag", help="histogram tag to check (default: the first card)")
    parser.add_argument("--text-tag", help="text tag as logged, with /text_summary (default: the first card)")
    parser.add_argument("--graph-model", default="LeNet", help="the graph's top-level scope")
    parser.add_argument("--graph-children", nargs="+", default=["Conv2d[conv1]", "Linear[fc3]"],
                        help="scopes shown when the model's scope is opened")
    parser.add_argument("--graph-node", default="LeNet/Conv2d[conv1]/Convolution", help="a node to find")
    parser.add_argument("--graph-op", default="Convolution", help="the op of --graph-node")
    parser.add_argument("--graph-shape", default="1×6×28×28", help="the output shape of --graph-node")
    parser.add_argument("--graph-enter", default="fc3", help="text whose best match Enter shows")
    parser.add_argument("--timeout", type=float, default=20, help="seconds to wait for each step")
    args = parser.parse_args()
    args.screenshots.mkdir(parents=True, exist_ok=True)

    checks = Checks()
    page_errors = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport=VIEWPORT)
        page.on("pageerror", lambda error: page_errors.append(str(error)))
        board = Board(page, args.url, int(args.timeout * 1000))
        for name, check in [("scalars", check_scalars), ("histograms", check_histograms),
                            ("distributions", check_distributions), ("images", check_images),
                            ("text", check_text), ("graphs", check_graphs)]:
            try:
                check(board, checks, args, args.screenshots)
            except PlaywrightError as error:
                checks.record(f"{name} dashboard", False, str(error).splitlines()[0])
                page.screenshot(path=str(args.screenshots / f"{name}-failure.png"))
        browser.close()
    checks.record("no JavaScript errors", not page_errors, "; ".join(page_errors[:3]))
    print(f"browser: {checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
