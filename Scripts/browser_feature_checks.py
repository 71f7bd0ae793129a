"""Browser checks of the board's tools for looking closer: scalar cards pinned, full width and
with a fitted or manual vertical axis; the step cursor with its data table, linked across charts
and moved with the keyboard; the run table (sorting, colours, hparam columns, checked runs
only, a long list listed in batches as it scrolls); histograms and distributions on other step axes; text shown raw; the graph downloaded as
PNG and SVG. Each check opens its own page (browser_view_checks.new_board). Used by
browser_test.py."""

import json
import re
import urllib.request
import xml.etree.ElementTree as ElementTree

from browser_view_checks import PIXELS_NEAR_COLOUR_JS, close, new_board, screenshot_from_top

# Pixels of the hover canvas that something is drawn on (the cursor's line and dots).
OVERLAY_PIXELS_JS = """
(card) => {
  const canvas = card.querySelector('canvas.overlay');
  const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
  let count = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) count++;
  return count;
}
"""

# Whether the focused element shows a focus ring at least 2 px wide.
FOCUS_RING_JS = """
() => { const s = getComputedStyle(document.activeElement);
        return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2; }
"""

PICKED = "#ff00ff"
HPARAMS = ("lr", "optimizer")


def scalar_card(view, tag):
    return view.card(".scalar-card", tag)


def dataset(card, key):
    return card.evaluate(f"(card) => card.dataset.{key} ?? ''")


def check_card_tools(board, checks, args, shots):
    """Pin (kept in the URL, shown first under "Pinned"), full width, the y-axis menu's manual
    range and its fit buttons, each reached and worked from the keyboard."""
    for scheme in ("light", "dark"):
        view = new_board(board, color_scheme=scheme)
        page = view.page
        view.open("scalars")
        card = scalar_card(view, args.scalar_tag)
        tag = card.get_attribute("data-tag")
        card.query_selector("button.pin").focus()
        page.keyboard.press("Enter")
        checks.run(f"{scheme}: Enter on a card's Pin shows it first, under Pinned, and in the URL", lambda: view.wait(
            """(tag) => { const first = document.querySelector('.group');
                 return first.querySelector('.group-name').textContent === 'Pinned'
                   && first.querySelector(`.scalar-card[data-pinned=true]`)?.dataset.tag === tag
                   && new URLSearchParams(location.hash.split('?')[1]).getAll('pin').includes(tag); }""", tag))
        card = scalar_card(view, tag)
        card.query_selector("button.wide").focus()
        page.keyboard.press("Enter")
        checks.run(f"{scheme}: Full width makes the card as wide as its row", lambda: view.wait(
            """(card) => card.dataset.wide === 'true'
                 && card.getBoundingClientRect().width > 0.95 * card.parentElement.getBoundingClientRect().width""", card))
        if scheme == "light":
            page.reload()
            card = scalar_card(view, tag)
            checks.record("a reloaded link keeps the card pinned and wide",
                          dataset(card, "pinned") == "true" and dataset(card, "wide") == "true")
            check_y_axis_menu(view, checks, card)
        screenshot_from_top(view, shots, f"scalars-pinned-{scheme}.png")
        close(view, checks, f"card tools ({scheme})")


def check_y_axis_menu(view, checks, card):
    page = view.page
    fitted = json.loads(dataset(card, "yDomain"))
    summary = card.query_selector(".y-axis-menu summary")
    summary.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # All data
    page.keyboard.press("Tab")  # Ignore outliers
    page.keyboard.press("Tab")  # Min
    page.keyboard.type("-5")
    page.keyboard.press("Tab")  # Max
    page.keyboard.type("50")
    page.keyboard.press("Enter")
    checks.run("a manual min and max typed in the Y axis menu set the chart's range", lambda: view.wait(
        "(card) => card.dataset.yDomain === '[-5,50]'"
        " && card.querySelector('.y-axis-menu summary').textContent === 'Y axis: manual'", card))
    card.query_selector(".y-axis-menu button[data-fit=all]").click()
    checks.run("Fit to all data clears the manual range", lambda: view.wait(
        """([card, fitted]) => JSON.parse(card.dataset.yDomain).join() === fitted.join()
             && card.querySelector('.y-min').value === '' && card.querySelector('.y-max').value === ''
             && card.querySelector('.y-axis-menu button[data-fit=all]').getAttribute('aria-pressed') === 'true'""",
        [card, fitted]))
    card.query_selector(".y-axis-menu button[data-fit=outliers]").click()
    checks.run("Fit ignoring outliers fits within the full range", lambda: view.wait(
        """([card, fitted]) => { const [lo, hi] = JSON.parse(card.dataset.yDomain);
             return card.querySelector('.y-axis-menu button[data-fit=outliers]').getAttribute('aria-pressed') === 'true'
               && lo >= fitted[0] && hi <= fitted[1]; }""", [card, fitted]))
    page.keyboard.press("Escape")
    card.evaluate("(card) => { card.querySelector('.y-axis-menu').open = false; }")


def check_step_cursor(board, checks, args, shots):
    """Hovering a chart sets the step cursor: a data table under it (a row per run) and the
    same step marked on every other chart in view; from the keyboard, ← → move it, + − zoom
    around it, Shift+→ pans and 0 resets, with a focus ring on the chart."""
    for scheme in ("light", "dark"):
        view = new_board(board, color_scheme=scheme)
        page = view.page
        view.open("scalars")
        card = scalar_card(view, args.scalar_tag)
        others = [c for c in page.query_selector_all(".scalar-card") if c.get_attribute("data-tag") != card.get_attribute("data-tag")]
        box = card.query_selector("canvas.overlay").bounding_box()
        page.mouse.move(box["x"] + box["width"] * 0.6, box["y"] + box["height"] * 0.5)
        checks.run(f"{scheme}: hovering a chart shows the data table, a row per run, at the cursor's step", lambda: view.wait(
            """(card) => card.dataset.cursorStep !== ''
                 && card.querySelector('.data-table-caption').textContent.includes('Step cursor at')
                 && card.querySelectorAll('.data-table tbody tr').length === JSON.parse(card.dataset.runs).length""", card))
        headings = card.evaluate("(card) => [...card.querySelectorAll('.data-table th')].map((th) => th.textContent)")
        checks.record(f"{scheme}: the table has run, value, smoothed, step, time and relative columns",
                      headings == ["Run", "Value", "Smoothed", "Step", "Time", "Relative"], str(headings))
        step = dataset(card, "cursorStep")
        linked = next((c for c in others if c.is_visible() and dataset(c, "state") == "ready"
                       and c.bounding_box()["y"] < 800), None)
        if linked is None:
            checks.record(f"{scheme}: a second scalar chart in view, for the linked cursor", False)
        else:
            checks.run(f"{scheme}: the same step's cursor shows on another chart", lambda: view.wait(
                f"([card, step]) => card.dataset.cursorStep === step && ({OVERLAY_PIXELS_JS})(card) > 50", [linked, step]))
        if scheme == "light":
            page.screenshot(path=str(shots / "scalars-cursor-light.png"))
        else:
            page.screenshot(path=str(shots / "scalars-cursor-dark.png"))
        page.mouse.move(0, 0)
        checks.run(f"{scheme}: leaving the chart takes the cursor away everywhere", lambda: view.wait(
            "(card) => card.dataset.cursorStep === '' && card.querySelector('.data-table-caption').textContent === 'Last points'",
            card))
        if scheme == "light":
            check_chart_keys(view, checks, card)
        close(view, checks, f"step cursor ({scheme})")


def check_chart_keys(view, checks, card):
    page = view.page
    page.evaluate("() => { window.scrollTo(0, 0); document.activeElement?.blur(); }")
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate("(card) => document.activeElement === card.querySelector('canvas.overlay')", card):
            break
    checks.record("Tab reaches a chart, with a focus ring",
                  page.evaluate("(card) => document.activeElement === card.querySelector('canvas.overlay')", card)
                  and page.evaluate(FOCUS_RING_JS))
    page.keyboard.press("ArrowRight")
    checks.run("→ on a focused chart sets the step cursor", lambda: view.wait("(card) => card.dataset.cursorStep !== ''", card))
    first = float(dataset(card, "cursorStep"))
    page.keyboard.press("ArrowRight")
    checks.run("→ again moves it to a later step", lambda: view.wait(
        "([card, first]) => Number(card.dataset.cursorStep) > first", [card, first]))
    page.keyboard.press("ArrowLeft")
    checks.run("← moves it back", lambda: view.wait("([card, first]) => Number(card.dataset.cursorStep) === first", [card, first]))
    full = json.loads(dataset(card, "xDomain"))
    page.keyboard.press("+")
    checks.run("+ zooms in around the cursor", lambda: view.wait(
        """([card, full, step]) => { const [lo, hi] = JSON.parse(card.dataset.xDomain);
             return card.dataset.zoomed === 'true' && hi - lo < 0.6 * (full[1] - full[0]) && lo <= step && step <= hi; }""",
        [card, full, first]))
    zoomed = json.loads(dataset(card, "xDomain"))
    page.keyboard.press("Shift+ArrowLeft")
    checks.run("Shift+← pans to earlier steps", lambda: view.wait(
        "([card, zoomed]) => JSON.parse(card.dataset.xDomain)[0] < zoomed[0]", [card, zoomed]))
    page.keyboard.press("-")
    checks.run("− zooms back out to every step", lambda: view.wait("(card) => card.dataset.zoomed === 'false'", card))
    page.keyboard.press("+")
    view.wait("(card) => card.dataset.zoomed === 'true'", card)
    page.keyboard.press("0")
    checks.run("0 shows every step again", lambda: view.wait("(card) => card.dataset.zoomed === 'false'", card))
    page.keyboard.press("Escape")
    checks.run("Escape takes the cursor away", lambda: view.wait("(card) => card.dataset.cursorStep === ''", card))


def fake_hparams(i):
    return [0.1, 0.001, 0.01][i % 3], ["sgd", "adam"][i % 2]


def runs_as_sessions(route):
    """Answers /api/runs with the board's runs, each marked an hparams session."""
    response = route.fetch()
    runs = response.json()
    for run in runs:
        run["session"] = True
    route.fulfill(response=response, json=runs)


# /api/hparams, asked for in either form (the page asks for ?numbers=binary).
HPARAMS_REQUESTS = re.compile(r"/api/hparams(\?.*)?$")


def sessions_of_runs(url):
    """A handler answering /api/hparams with a session for each of the board's runs (the page's
    run table takes the runs' values from there), in the JSON form, which the page reads as
    readily as the binary one."""
    def answer(route):
        with urllib.request.urlopen(f"{url}/api/runs") as response:
            names = [run["name"] for run in json.load(response)]
        values = [fake_hparams(i) for i in range(len(names))]
        sessions = {"name": names, "runs": [[name] for name in names], "status": [None] * len(names),
                    "startTime": [0] * len(names), "endTime": [None] * len(names),
                    "values": [[v[0] for v in values], [v[1] for v in values]], "metrics": [], "metricSteps": []}
        hparams = [{"name": name, "displayName": "", "description": "", "type": kind, "domain": None, "interval": None}
                   for name, kind in zip(HPARAMS, ("number", "string"))]
        route.fulfill(json={"hparams": hparams, "metrics": [], "sessions": sessions})
    return answer


def check_run_table(board, checks, args, shots):
    """The run table sorts by name and by hparam columns (shown when runs report hparams), a
    picked colour is used by every chart and kept in the browser, and "Only checked runs"
    hides unchecked ones."""
    for scheme in ("light", "dark"):
        view = new_board(board, color_scheme=scheme)
        page = view.page
        page.route("**/api/runs", runs_as_sessions)
        page.route(HPARAMS_REQUESTS, sessions_of_runs(view.url))
        view.open("scalars")
        card = scalar_card(view, args.scalar_tag)
        order = lambda: page.eval_on_selector_all(".run-item", "rows => rows.map((r) => r.dataset.run)")
        headers = page.eval_on_selector_all(".run-table thead th[data-column]", "ths => ths.map((th) => th.dataset.column)")
        checks.record(f"{scheme}: runs with hparams get a column each", headers == ["name", *HPARAMS], str(headers))
        if scheme == "light":
            check_run_sorting(view, checks, order)
            check_run_colour(view, checks, card, json.loads(card.get_attribute("data-runs"))[0])
        screenshot_from_top(view, shots, f"runs-table-{scheme}.png")
        close(view, checks, f"run table ({scheme})")
    check_long_run_list(new_board(board), checks)


def with_extra_runs(count):
    """A handler answering /api/runs with the board's runs and `count` more without data."""
    def answer(route):
        response = route.fetch()
        runs = response.json()
        tags = {"scalars": [], "histograms": [], "images": [], "texts": [], "prCurves": []}
        runs += [{"name": f"zz-extra-{i:04d}", "lastWallTime": 0, "tags": tags, "graphs": 0,
                  "customScalars": False, "session": False, "embeddings": 0} for i in range(count)]
        route.fulfill(response=response, json=runs)
    return answer


def check_long_run_list(view, checks):
    """Many runs: the sidebar lists the first 60, appends 200 more when its end is scrolled
    into view, and "list all" lists the rest."""
    page = view.page
    page.route("**/api/runs", with_extra_runs(400))
    view.open("scalars")
    total = page.evaluate("() => fetch('/api/runs').then((r) => r.json()).then((runs) => runs.length)")
    rows = "() => document.querySelectorAll('.run-item').length"
    checks.run(f"{total} runs: the sidebar lists the first 60 and says how many there are", lambda: view.wait(
        f"() => ({rows})() === 60 && document.querySelector('.run-more')?.textContent.startsWith('60 of {total:,} runs listed')"))
    page.eval_on_selector(".sidebar", "(s) => { s.scrollTop = s.scrollHeight; }")
    checks.run("scrolling to the end of the list appends 200 more", lambda: view.wait(f"() => ({rows})() === 260"))
    page.click(".run-more button")
    checks.run("list all lists every run, with no more row", lambda: view.wait(
        f"() => ({rows})() === {total} && !document.querySelector('.run-more')"))
    page.unroute("**/api/runs")
    close(view, checks, "long run list")


def check_run_sorting(view, checks, order):
    page = view.page
    runs = order()
    lr = lambda: page.eval_on_selector_all(".run-item td[data-hparam=lr]", "tds => tds.map((td) => Number(td.textContent))")
    page.click(".run-table th[data-column=lr] button")
    checks.run("a click on an hparam's header sorts the runs by it", lambda: view.wait(
        """() => { const v = [...document.querySelectorAll('.run-item td[data-hparam=lr]')].map((td) => Number(td.textContent));
                   return v.every((x, i) => i === 0 || v[i - 1] <= x)
                     && document.querySelector('.run-table th[data-column=lr]').getAttribute('aria-sort') === 'ascending'; }"""))
    page.click(".run-table th[data-column=lr] button")
    checks.run("a second click reverses the order", lambda: view.wait(
        """() => { const v = [...document.querySelectorAll('.run-item td[data-hparam=lr]')].map((td) => Number(td.textContent));
                   return v.every((x, i) => i === 0 || v[i - 1] >= x); }"""))
    checks.record("every run shows its lr", len(lr()) == len(runs) and all(v in (0.1, 0.001, 0.01) for v in lr()), str(lr()))
    page.click(".run-table th[data-column=name] button")
    checks.run("a click on Run sorts by name again", lambda: view.wait(
        "(runs) => JSON.stringify([...document.querySelectorAll('.run-item')].map((r) => r.dataset.run)) === JSON.stringify(runs)",
        runs))
    if len(runs) > 1:
        page.locator(f".run-item[data-run={json.dumps(runs[1])}] input[type=checkbox]").uncheck()
        page.check("#only-checked-runs")
        checks.run("Only checked runs leaves the unchecked run out of the list", lambda: view.wait(
            "(run) => !document.querySelector(`.run-item[data-run=\"${run}\"]`)", runs[1]))
        page.uncheck("#only-checked-runs")
        page.locator(f".run-item[data-run={json.dumps(runs[1])}] input[type=checkbox]").check()


def check_run_colour(view, checks, card, run):
    page = view.page
    page.locator(f".run-item[data-run={json.dumps(run)}] input[type=color]").fill(PICKED)
    checks.run(f"a colour picked for {run!r} draws its line in that colour", lambda: view.wait(
        f"(card) => ({PIXELS_NEAR_COLOUR_JS})([card.querySelector('canvas.plot'), {json.dumps(PICKED)}]) > 50", card))
    checks.record("… and colours its swatch in the data table",
                  card.evaluate("(card, run) => getComputedStyle(card.querySelector(`.data-table tr[data-run=\"${run}\"] .swatch`))"
                                ".backgroundColor", run) == "rgb(255, 0, 255)")
    tag = card.get_attribute("data-tag")
    page.reload()
    card = scalar_card(view, tag)
    checks.run("the picked colour is kept across a reload", lambda: view.wait(
        f"""([card, run]) => document.querySelector(`.run-item[data-run="${{run}}"] input[type=color]`).value === {json.dumps(PICKED)}
              && ({PIXELS_NEAR_COLOUR_JS})([card.querySelector('canvas.plot'), {json.dumps(PICKED)}]) > 50""", [card, run]))
    page.click("#reset-run-colors")
    checks.run("Reset colours goes back to the palette", lambda: view.wait(
        f"(card) => ({PIXELS_NEAR_COLOUR_JS})([card.querySelector('canvas.plot'), {json.dumps(PICKED)}]) === 0", card))


def check_step_axes(board, checks, args, shots):
    """Histograms and distributions follow the sidebar's Step axis: step, relative, wall."""
    view = new_board(board)
    page = view.page
    for dashboard, selector in (("histograms", ".histogram-card"), ("distributions", ".distribution-card")):
        view.open(dashboard)
        card = view.card(selector, args.histogram_tag)
        for axis in ("relative", "wall", "step"):
            page.click(f"#hist-axis button[data-value={axis}]")
            checks.run(f"{dashboard} redraw on the {axis} axis", lambda: view.wait(
                "([card, axis]) => card.dataset.axis === axis", [card, axis]) and view.coloured_pixels(card) > 100)
            if axis == "relative" and dashboard == "distributions":
                view.screenshot(shots, "distributions-relative.png")
    close(view, checks, "step axes")


def check_text_raw(board, checks, args, shots):
    """The text dashboard's Raw shows each text exactly as /api/texts says it was logged."""
    view = new_board(board)
    page = view.page
    view.open("text")
    card = view.card(".text-card", args.text_tag)
    page.click("#text-format button[data-value=raw]")
    checks.run("Raw shows the logged text as it is", lambda: view.wait(
        """async (card) => { const body = card.querySelector('.text-entry pre.text-body.raw');
             if (!body) return false;
             const query = new URLSearchParams({ run: card.dataset.run, tag: card.dataset.tag });
             const texts = (await (await fetch(`/api/texts?${query}`)).json()).texts;
             return body.textContent === texts[texts.length - 1].text; }""", card))
    view.screenshot(shots, "text-raw.png")
    page.click("#text-format button[data-value=markdown]")
    checks.run("Markdown renders it again", lambda: view.wait(
        "(card) => card.dataset.format === 'markdown' && !card.querySelector('pre.text-body.raw')", card))
    close(view, checks, "text raw")


def check_graph_export(board, checks, args, shots):
    """The graph downloads as a PNG and as an SVG holding the items drawn on the canvas."""
    view = new_board(board, accept_downloads=True)
    page = view.page
    view.open("graphs")
    view.wait("() => document.querySelector('.graph-view')?.dataset.state === 'ready'")
    shown = json.loads(page.eval_on_selector(".graph-view", "v => v.dataset.visible"))
    with page.expect_download() as png:
        page.click(".graph-controls [data-export=png]")
    data = open(png.value.path(), "rb").read()
    checks.record("PNG download is a PNG image", data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 2000,
                  f"{len(data)} bytes, {png.value.suggested_filename}")
    with page.expect_download() as svg:
        page.click(".graph-controls [data-export=svg]")
    root = ElementTree.parse(svg.value.path()).getroot()
    texts = {"".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")}
    paths = len(list(root.iter("{http://www.w3.org/2000/svg}path")))
    checks.record("SVG download names every item shown, drawn as paths",
                  set(shown) <= texts and paths >= len(shown), f"{sorted(shown)} in {sorted(texts)[:12]}; {paths} paths")
    close(view, checks, "graph export")
