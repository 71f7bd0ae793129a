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

The Images checks cover the filmstrip, the lightbox and brightness /
contrast. Comparing runs side by side needs a second run with the same image
tag: `--compare-run DIR` writes one (steps 1, 3 and 6 of the image tag, with
tensorboardX) into DIR, a new directory inside the board's log directory,
before the checks start, and waits for the board to list it:

    python3 Scripts/browser_test.py --url http://127.0.0.1:PORT \\
        --screenshots docs/images --image-tag fake_img --compare-run LOGDIR/compare

`--long-tag-run DIR` likewise writes a run whose scalar tag is 64 KiB long (too long for a
request line: the page asks for it by the series id `/api/runs` gives) and checks that its
chart is drawn. `--dense-run DIR` writes a run of 20,000 points, which the board sends
downsampled, and checks that a smoothing change fetches nothing. The page's handling of a
log directory still loading is checked by answering `/api/status` as loading, then loaded.
`--compare-experiments-run DIR` writes runs with hparams sessions (PyTorch's sub-run layout), PR
curves and a custom-scalars layout (browser_compare_checks.py) and checks the HParams, PR-curve
and custom-scalar dashboards, light and dark, and run groups on the scalar charts
(browser_group_checks.py; screenshots scalars-groups-*).
Light and dark themes (screenshots scalars-light.png and scalars-dark.png), the view kept in
the URL, the reload button and keyboard focus are checked on pages of their own, as are pinned
and full-width cards with their vertical axis menu, the step cursor and its data table (moved
and zoomed from the keyboard too), the run table with hparam columns and picked colours,
histograms on other step axes, raw text and the graph's PNG and SVG downloads (screenshots of
these in both themes: scalars-pinned-*, scalars-cursor-*, runs-table-*).
"""

import argparse
import json
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from browser_live_checks import DENSE_TAG, check_load_then_complete, check_smoothing_without_fetching, write_dense_run
from browser_feature_checks import (check_card_tools, check_graph_export, check_run_table, check_step_axes,
                                    check_step_cursor, check_text_raw)
from browser_view_checks import check_keyboard, check_reload_button, check_themes, check_url_state
from browser_group_checks import check_run_groups
from browser_compare_checks import (check_custom_scalars, check_hparams, check_nav, check_pr_curves,
                                    write_compare_experiments)

CHROMIUM = "/usr/bin/chromium"
VIEWPORT = {"width": 1280, "height": 800}

# Counts pixels of a canvas drawn in a run colour: clearly coloured ones, or
# the palette's one grey (#495057, darker than the axis labels' #5f6670, which
# keep their colour at every alpha on the transparent canvas). Axes and
# gridlines are light greys.
COLOURED_PIXELS_JS = """
(canvas) => {
  const { data } = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
  let count = 0;
  for (let i = 0; i < data.length; i += 4) {
    const r = data[i], g = data[i + 1], b = data[i + 2], a = data[i + 3];
    const runGrey = Math.max(Math.abs(r - 0x49), Math.abs(g - 0x50), Math.abs(b - 0x57)) <= 10;
    if (a > 64 && (Math.max(r, g, b) - Math.min(r, g, b) > 60 || runGrey)) count++;
  }
  return count;
}
"""

# Whether an <img> has finished loading a real image.
IMAGE_LOADED_JS = "((img) => img.complete && img.naturalWidth > 0)"

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
    checks.run("hover shows the data table at the step cursor", lambda: board.wait(
        "(card) => card.dataset.cursorStep !== '' && card.querySelector('.data-table tbody td')", card))
    # The scalars screenshot keeps the step cursor: it shows what hovering gives.
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
    board.page.locator("#image-layout button[data-value=runs]").click()
    card = board.card(".image-card", args.image_tag)
    checks.record(f"image card for {card.get_attribute('data-tag')!r} is ready",
                  card.get_attribute("data-state") == "ready", card.inner_text()[:200])
    checks.run("image loads", lambda: board.wait(f"(card) => {IMAGE_LOADED_JS}(card.querySelector('img.image'))", card))
    slider = card.query_selector(".step-slider")
    if slider.get_attribute("max") in (None, "0"):
        checks.record("step slider (only one image logged: nothing to move)", True)
        board.screenshot(shots, "images.png")
        return
    step = card.get_attribute("data-step")
    src = card.query_selector("img.image").get_attribute("src")
    slider.fill("0")
    checks.run("step slider changes the shown step", lambda: board.wait(
        "([card, step, src]) => card.dataset.step !== step && card.querySelector('img.image').getAttribute('src') !== src"
        " && card.querySelector('.step-label').textContent.includes('Step')",
        [card, step, src]))
    checks.run("image at the new step loads", lambda: board.wait(
        f"(card) => {IMAGE_LOADED_JS}(card.querySelector('img.image'))", card))
    check_filmstrip(board, checks, card)
    board.page.evaluate("document.activeElement?.blur()")
    board.screenshot(shots, "images.png")
    check_lazy_thumbnails(board, checks)
    check_lightbox(board, checks, card, shots)
    check_adjust(board, checks, card)
    check_compare(board, checks, args, shots)


def check_training_images(board, checks, args, shots):
    """The demo's training run: each given image tag's card shows its newest epoch, decoded at
    the size the API reports, with one filmstrip thumbnail per epoch."""
    if not args.training_image_tags:
        return
    board.open("images")
    board.page.locator("#image-layout button[data-value=runs]").click()
    for tag in args.training_image_tags:
        card = board.card(".image-card", tag)
        checks.record(f"training image card {tag!r} is ready", card.get_attribute("data-state") == "ready",
                      card.inner_text()[:200])
        checks.run(f"{tag}: image loads", lambda: board.wait(f"(card) => {IMAGE_LOADED_JS}(card.querySelector('img.image'))", card))
        images = api_images(board, card.get_attribute("data-run"), tag)
        newest = images[-1]
        size = board.page.evaluate("(card) => { const img = card.querySelector('img.image');"
                                   " return [img.naturalWidth, img.naturalHeight]; }", card)
        checks.record(f"{tag}: the newest epoch ({newest['step']}) is shown at its logged size",
                      card.get_attribute("data-step") == str(newest["step"]) and size == [newest["width"], newest["height"]],
                      f"step {card.get_attribute('data-step')}, size {size}")
        thumbs = card.query_selector_all(".filmstrip .thumb")
        checks.record(f"{tag}: one thumbnail per epoch ({len(images)})", len(thumbs) == len(images), f"{len(thumbs)} thumbnails")
    board.page.evaluate("document.activeElement?.blur()")
    board.screenshot(shots, "images-training.png")


def check_filmstrip(board, checks, card):
    images = api_images(board, card.get_attribute("data-run"), card.get_attribute("data-tag"))
    thumbs = card.query_selector_all(".filmstrip .thumb")
    checks.record(f"filmstrip has one thumbnail per logged image ({len(images)})", len(thumbs) == len(images),
                  f"{len(thumbs)} thumbnails")
    checks.record("thumbnails are labelled with their steps",
                  [t.inner_text() for t in thumbs] == [str(i["step"]) for i in images],
                  str([t.inner_text() for t in thumbs]))
    checks.run("thumbnails load", lambda: board.wait(
        f"(card) => [...card.querySelectorAll('.thumb img')].every({IMAGE_LOADED_JS})", card))
    last = thumbs[-1]
    last.click()
    checks.run("clicking a thumbnail shows its step", lambda: board.wait(
        "([card, thumb]) => card.dataset.step === thumb.dataset.step"
        " && card.querySelector('img.image').getAttribute('src') === thumb.dataset.url"
        " && thumb.getAttribute('aria-pressed') === 'true'", [card, last]))
    checks.record("only the current thumbnail is highlighted",
                  len(card.query_selector_all(".thumb[aria-pressed=true]")) == 1)
    card.focus()
    board.page.keyboard.press("ArrowLeft")
    checks.run("← on the focused card moves one step back", lambda: board.wait(
        "([card, step]) => card.dataset.step === step", [card, str(images[-2]["step"])]))
    board.page.keyboard.press("ArrowRight")
    checks.run("→ moves forward again", lambda: board.wait(
        "([card, step]) => card.dataset.step === step", [card, str(images[-1]["step"])]))
    card.query_selector_all(".filmstrip .thumb")[max(0, len(images) - 2)].click()


def check_lazy_thumbnails(board, checks):
    strip = board.page.evaluate_handle(
        "() => [...document.querySelectorAll('.image-card .filmstrip')].find((s) => s.scrollWidth > 2 * s.clientWidth)"
        " || null").as_element()
    if strip is None:
        checks.record("lazy thumbnails (no filmstrip overflows: nothing to check)", True)
        return
    count = len(strip.query_selector_all(".thumb"))
    fetched = lambda: len(strip.query_selector_all(".thumb img[src]"))
    checks.record(f"a long filmstrip fetches only the thumbnails near view ({fetched()} of {count})",
                  0 < fetched() < count)
    strip.evaluate("(s) => { s.scrollLeft = 0; }")
    checks.run("scrolling the filmstrip loads the thumbnails it reaches", lambda: board.wait(
        f"(s) => {IMAGE_LOADED_JS}(s.querySelector('.thumb img'))", strip))


def check_lightbox(board, checks, card, shots):
    page = board.page
    step = card.get_attribute("data-step")
    card.query_selector("img.image").click()
    checks.run("clicking the image opens the lightbox at the card's step", lambda: board.wait(
        f"(step) => {{ const box = document.querySelector('.lightbox');"
        f" return box && box.dataset.step === step && {IMAGE_LOADED_JS}(box.querySelector('img')); }}", step))
    scale = page.eval_on_selector(".lightbox", "box => Number(box.dataset.scale)")
    checks.record("the lightbox shows the image large", page.eval_on_selector(
        ".lightbox img", "img => img.getBoundingClientRect().width >= Math.min(400, 4 * img.naturalWidth)"),
                  f"scale {scale}")
    if scale >= 2:
        checks.record("small images are enlarged with hard pixel edges",
                      page.eval_on_selector(".lightbox img", "img => getComputedStyle(img).imageRendering") == "pixelated")
    board.screenshot(shots, "images-lightbox.png")
    page.keyboard.press("ArrowRight")
    checks.run("→ in the lightbox shows the next step, and the card follows", lambda: board.wait(
        "([card, step]) => { const box = document.querySelector('.lightbox');"
        " return box.dataset.step !== step && card.dataset.step === box.dataset.step; }", [card, step]))
    page.keyboard.press("ArrowLeft")
    checks.run("← in the lightbox goes back", lambda: board.wait(
        "(step) => document.querySelector('.lightbox').dataset.step === step", step))
    page.keyboard.press("Escape")
    checks.run("Escape closes the lightbox", lambda: board.wait("() => !document.querySelector('.lightbox')"))
    card.query_selector("img.image").click()
    board.wait("() => document.querySelector('.lightbox')")
    page.mouse.click(8, VIEWPORT["height"] - 8)
    checks.run("a click outside the image closes the lightbox", lambda: board.wait(
        "() => !document.querySelector('.lightbox')"))


def check_adjust(board, checks, card):
    page = board.page
    img = card.query_selector("img.image")
    filter_of = lambda: img.evaluate("img => getComputedStyle(img).filter")
    checks.record("images start unfiltered", filter_of() == "none", filter_of())
    page.locator("#image-brightness").fill("150")
    page.locator("#image-contrast").fill("80")
    checks.run("brightness and contrast set the images' CSS filter", lambda: board.wait(
        "(img) => getComputedStyle(img).filter === 'brightness(1.5) contrast(0.8)'", img))
    checks.record("the filter applies to the filmstrip too", card.query_selector(".thumb img").evaluate(
        "img => getComputedStyle(img).filter") == "brightness(1.5) contrast(0.8)")
    page.click("#image-adjust-reset")
    checks.run("Reset removes the filter", lambda: board.wait(
        "(img) => getComputedStyle(img).filter === 'none'", img) and page.input_value("#image-brightness") == "100")


def check_compare(board, checks, args, shots):
    page = board.page
    page.locator("#image-layout button[data-value=compare]").click()
    card = board.card(".image-compare-card", args.image_tag)
    tag = card.get_attribute("data-tag")
    runs = json.loads(card.get_attribute("data-runs") or "[]")
    checks.record(f"compare mode: one card for {tag!r} with a cell per run that logged it",
                  card.get_attribute("data-state") == "ready" and len(runs) == len(card.query_selector_all(".compare-cell")),
                  f"runs {runs}")
    if len(runs) < 2:
        checks.record("compare mode shows two runs (pass --compare-run to write a second run)", False, f"runs {runs}")
        return
    steps = {run: [i["step"] for i in api_images(board, run, tag)] for run in runs}
    union = sorted(set().union(*steps.values()))
    slider = card.query_selector(".step-slider")
    checks.record(f"compare mode: one shared slider over the union of the runs' steps ({len(union)})",
                  int(slider.get_attribute("max")) + 1 == len(union), slider.get_attribute("max"))
    shared = next((i for i, step in enumerate(union) if all(step in s for s in steps.values())), None)
    if shared is not None:
        slider.fill(str(shared))
        checks.run(f"compare mode: {len(runs)} runs side by side at step {union[shared]}", lambda: board.wait(
            "([card, step]) => card.dataset.step === step && [...card.querySelectorAll('.compare-cell')].every((cell) =>"
            f" cell.dataset.kind === 'exact' && cell.dataset.step === step && {IMAGE_LOADED_JS}(cell.querySelector('img')))",
            [card, str(union[shared])]))
        card.focus()
        page.keyboard.press("ArrowRight")
        checks.run("compare mode: → moves every run to the next step", lambda: board.wait(
            "([card, step]) => card.dataset.step === step", [card, str(union[shared + 1])]))
    # A step some run did not log, after one it did: that run shows its nearest earlier step.
    gaps = [(i, run) for i, step in enumerate(union) for run in runs
            if step not in steps[run] and any(s < step for s in steps[run])]
    gap = gaps[-1] if gaps else None
    if gap is None:
        checks.record("compare mode: nearest earlier step (the runs log the same steps: nothing to check)", True)
    else:
        index, run = gap
        earlier = str(max(s for s in steps[run] if s < union[index]))
        slider.fill(str(index))
        checks.run(f"compare mode: run {run!r} without step {union[index]} shows step {earlier}, labelled nearest earlier",
                   lambda: board.wait(
            "([card, run, step]) => { const cell = [...card.querySelectorAll('.compare-cell')].find((c) => c.dataset.run === run);"
            " return cell.dataset.kind === 'earlier' && cell.dataset.step === step"
            " && cell.querySelector('.compare-note').textContent.includes('nearest earlier'); }", [card, run, earlier]))
    board.wait(f"(card) => [...card.querySelectorAll('.compare-cell img:not([hidden])')].every({IMAGE_LOADED_JS})", card)
    smallest = min(runs, key=lambda r: api_images(board, r, tag)[0]["width"])
    card.query_selector(f".compare-cell[data-run={css_string(smallest)}] img").click()
    checks.run(f"compare mode: clicking run {smallest!r}'s image enlarges it, small images pixelated", lambda: board.wait(
        f"() => {{ const box = document.querySelector('.lightbox'); const img = box?.querySelector('img');"
        f" return img && {IMAGE_LOADED_JS}(img) && (Number(box.dataset.scale) < 2"
        f" || getComputedStyle(img).imageRendering === 'pixelated'); }}"))
    page.keyboard.press("Escape")
    board.wait("() => !document.querySelector('.lightbox')")
    page.evaluate("document.activeElement?.blur()")
    board.screenshot(shots, "images-compare.png")
    page.locator("#image-layout button[data-value=runs]").click()
    checks.run("back to a card per run", lambda: board.wait(
        "() => !document.querySelector('.image-compare-card') && document.querySelector('.image-card .filmstrip')"))


def api_images(board, run, tag):
    return board.page.evaluate(
        "async ([run, tag]) => (await (await fetch(`/api/images?run=${encodeURIComponent(run)}"
        "&tag=${encodeURIComponent(tag)}`)).json()).images", [run, tag])


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


def write_compare_run(directory, tag):
    """Writes 24x24 images of `tag` at steps 1, 3, 6 and every 10th step from 10 to 390 into
    `directory` (a new run) with tensorboardX, unless it already holds an event file. The gaps
    check comparing at a step a run did not log; the 42 steps check that thumbnails load lazily."""
    import numpy as np
    from tensorboardX import SummaryWriter

    directory.mkdir(parents=True, exist_ok=True)
    if any(directory.glob("events.out.tfevents.*")):
        return
    y, x = np.mgrid[0:24, 0:24]
    writer = SummaryWriter(str(directory))
    for step in [1, 3, 6, *range(10, 400, 10)]:
        image = np.stack([x * 10, np.full_like(x, 40), y * 10], axis=-1).astype(np.uint8)
        image[np.hypot(x - 11.5, y - 11.5) < 2 + 9 * step / (step + 4)] = (255, 196, 40)
        writer.add_image(tag, image, step, dataformats="HWC")
    writer.close()


# 64 KiB of UTF-8: listed by /api/runs, but 196 KB once percent-encoded in a request line.
LONG_TAG = "é" * 32_768


def write_long_tag_run(directory):
    """Writes three points of the scalar LONG_TAG into `directory` (a new run) with
    TensorBoard's own event writer, which keeps a tag as given, unless it already holds an
    event file."""
    from tensorboard.compat.proto.event_pb2 import Event
    from tensorboard.compat.proto.summary_pb2 import Summary
    from tensorboard.summary.writer.event_file_writer import EventFileWriter

    directory.mkdir(parents=True, exist_ok=True)
    if any(directory.glob("events.out.tfevents.*")):
        return
    writer = EventFileWriter(str(directory))
    for step in range(3):
        value = Summary.Value(tag=LONG_TAG, simple_value=float(step * step))
        writer.add_event(Event(wall_time=time.time(), step=step, summary=Summary(value=[value])))
    writer.close()


def check_long_tag(board, checks, args, shots):
    board.open("scalars")
    card = board.card(".scalar-card", LONG_TAG)
    checks.record("the scalar card of a 64 KiB tag is ready",
                  card.get_attribute("data-state") == "ready", card.inner_text()[-200:])
    checks.run("the 64 KiB tag's chart is drawn", lambda: board.coloured_pixels(card) > 100)


def wait_for_run(url, name, kind, tag, timeout):
    """Waits until the board lists a run ending in `name` with `tag` among its tags of `kind`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with urllib.request.urlopen(f"{url.rstrip('/')}/api/runs") as response:
            runs = json.load(response)
        if any(r["name"].split("/")[-1] == name and tag in r["tags"].get(kind, []) for r in runs):
            return True
        time.sleep(1)
    return False


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
    parser.add_argument("--compare-run", type=Path,
                        help="a new run directory inside the board's log directory: a second run with --image-tag"
                             " is written there to check comparing runs")
    parser.add_argument("--training-image-tags", nargs="*", default=[],
                        help="image tags of lumen demo's training run to check (e.g. CAM/overlays)")
    parser.add_argument("--long-tag-run", type=Path,
                        help="a new run directory inside the board's log directory: a run with a 64 KiB scalar tag"
                             " is written there to check that its chart shows")
    parser.add_argument("--dense-run", type=Path,
                        help="a new run directory inside the board's log directory: a run of 20,000 points is"
                             " written there to check smoothing without fetching")
    parser.add_argument("--compare-experiments-run", type=Path,
                        help="a new directory inside the board's log directory: runs with hparams sessions, PR"
                             " curves and a custom-scalars layout are written there to check those dashboards")
    parser.add_argument("--timeout", type=float, default=20, help="seconds to wait for each step")
    args = parser.parse_args()
    args.screenshots.mkdir(parents=True, exist_ok=True)

    checks = Checks()
    if args.compare_run:
        if not args.image_tag:
            parser.error("--compare-run needs --image-tag")
        write_compare_run(args.compare_run, args.image_tag)
        checks.record(f"the board lists the compare run {args.compare_run.name!r}",
                      wait_for_run(args.url, args.compare_run.name, "images", args.image_tag, args.timeout * 3))
    if args.long_tag_run:
        write_long_tag_run(args.long_tag_run)
        checks.record(f"the board lists the long-tag run {args.long_tag_run.name!r}",
                      wait_for_run(args.url, args.long_tag_run.name, "scalars", LONG_TAG, args.timeout * 3))
    if args.dense_run:
        write_dense_run(args.dense_run)
        checks.record(f"the board lists the dense run {args.dense_run.name!r}",
                      wait_for_run(args.url, args.dense_run.name, "scalars", DENSE_TAG, args.timeout * 3))
    if args.compare_experiments_run:
        write_compare_experiments(args.compare_experiments_run)
        checks.record("the board lists the PR-curve run of the experiments",
                      wait_for_run(args.url, "pr", "prCurves", "pr/classifier", args.timeout * 3))
    page_errors = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport=VIEWPORT)
        page.on("pageerror", lambda error: page_errors.append(str(error)))
        board = Board(page, args.url, int(args.timeout * 1000))
        for name, check in [("scalars", check_scalars), ("histograms", check_histograms),
                            ("distributions", check_distributions), ("images", check_images),
                            ("training images", check_training_images),
                            ("text", check_text), ("graphs", check_graphs),
                            *([("long tag", check_long_tag)] if args.long_tag_run else []),
                            *([("compare tabs", check_nav), ("hparams", check_hparams), ("PR curves", check_pr_curves),
                               ("custom scalars", check_custom_scalars), ("run groups", check_run_groups)]
                              if args.compare_experiments_run else []),
                            ("load then complete", check_load_then_complete),
                            *([("smoothing without fetching", check_smoothing_without_fetching)] if args.dense_run else []),
                            ("themes", check_themes), ("URL state", check_url_state),
                            ("reload button", check_reload_button), ("keyboard", check_keyboard),
                            ("card tools", check_card_tools), ("step cursor", check_step_cursor),
                            ("run table", check_run_table), ("step axes", check_step_axes),
                            ("text raw", check_text_raw), ("graph export", check_graph_export)]:
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
