"""Browser checks of the board page's view: light and dark themes, the view kept in the URL
(links, back and forward), the header's reload button, and reaching the controls with the
keyboard. Each check opens its own page (a fresh browser context: no saved settings) so that
what it sets does not leak into the other checks. Used by browser_test.py."""

import json
import re
from urllib.parse import urlencode

# The light theme's axis colour (style.css --chart-axis), which the dark theme must not use.
LIGHT_AXIS = "#c4c9d0"
SETTINGS_KEY = "lumen.board.settings"

# Counts the pixels of a canvas drawn exactly in one #rrggbb colour, fully opaque: the
# axis frame is such a line.
PIXELS_OF_COLOUR_JS = """
([canvas, hex]) => {
  const n = parseInt(hex.trim().slice(1), 16);
  const [r, g, b] = [n >> 16, (n >> 8) & 255, n & 255];
  const { data } = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
  let count = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i] === r && data[i + 1] === g && data[i + 2] === b && data[i + 3] === 255) count++;
  }
  return count;
}
"""

# How many pixels of a canvas are mostly opaque and within a few levels of a #rrggbb colour: a
# line drawn anti-aliased (as several one-pixel strokes side by side) in that colour.
PIXELS_NEAR_COLOUR_JS = """
([canvas, hex]) => {
  const n = parseInt(hex.trim().slice(1), 16);
  const [r, g, b] = [n >> 16, (n >> 8) & 255, n & 255];
  const { data } = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
  const near = (a, b) => Math.abs(a - b) <= 24;
  let count = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] >= 160 && near(data[i], r) && near(data[i + 1], g) && near(data[i + 2], b)) count++;
  }
  return count;
}
"""

# Relative luminance (WCAG) of a computed CSS colour "rgb(r, g, b)".
LUMINANCE_JS = """
(css) => {
  const [r, g, b] = css.match(/[\\d.]+/g).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
"""

# The lowest contrast ratio between a run colour (--run-0 … --run-11) and the card panel.
LOWEST_RUN_CONTRAST_JS = f"""
() => {{
  const luminance = {LUMINANCE_JS};
  const probe = document.createElement("span");
  document.body.append(probe);
  const colour = (name) => {{ probe.style.color = `var(${{name}})`; return getComputedStyle(probe).color; }};
  const panel = luminance(colour("--panel"));
  let lowest = Infinity;
  for (let i = 0; i < 12; i++) {{
    const run = luminance(colour(`--run-${{i}}`));
    lowest = Math.min(lowest, (Math.max(run, panel) + 0.05) / (Math.min(run, panel) + 0.05));
  }}
  probe.remove();
  return lowest;
}}
"""

# What has keyboard focus, described for the checks below (null: nothing or the body).
FOCUSED_JS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  return {
    id: el.id, tab: el.classList.contains("tab"), inCard: !!el.closest(".card"),
    tag: el.tagName.toLowerCase(),
    ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
    ringColour: style.outlineColor,
  };
}
"""


# Whether every card on screen has finished loading.
CARDS_IN_VIEW_READY_JS = """
() => [...document.querySelectorAll(".card")]
  .filter((card) => { const r = card.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; })
  .every((card) => ["ready", "empty", "error"].includes(card.dataset.state))
"""


def new_board(board, **options):
    """A Board on a new page of its own browser context, with its JavaScript errors kept."""
    page = board.page.context.browser.new_page(viewport=board.page.viewport_size, **options)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    fresh = type(board)(page, board.url, board.timeout)
    fresh.errors = errors
    return fresh


def close(board, checks, name):
    checks.record(f"{name}: no JavaScript errors", not board.errors, "; ".join(board.errors[:3]))
    board.page.close()


def screenshot_from_top(board, shots, name):
    """A screenshot of the top of the page once the cards there are drawn."""
    board.page.evaluate("window.scrollTo(0, 0)")
    board.wait(CARDS_IN_VIEW_READY_JS)
    board.screenshot(shots, name)


def background_luminance(page):
    return page.evaluate(f"({LUMINANCE_JS})(getComputedStyle(document.body).backgroundColor)")


def plot_pixels(hex_colour):
    """A JavaScript expression: how many pixels of `card`'s chart are drawn in hex_colour."""
    return f"({PIXELS_OF_COLOUR_JS})([card.querySelector('canvas.plot'), {json.dumps(hex_colour)}])"


def axis_pixels(card, hex_colour):
    return card.evaluate(f"(card) => {plot_pixels(hex_colour)}")


def theme_axis(page):
    return page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--chart-axis').trim()")


def check_themes(board, checks, args, shots):
    """The system's dark setting (Playwright's color_scheme) darkens the page and the charts'
    axes; the header toggle overrides it both ways and is remembered; screenshots of both."""
    light = new_board(board, color_scheme="light")
    light.open("scalars")
    card = light.card(".scalar-card", args.scalar_tag)
    checks.run("light: the chart is drawn in run colours", lambda: light.coloured_pixels(card) > 100)
    checks.record("light: the chart's axes use the light axis colour",
                  theme_axis(light.page) == LIGHT_AXIS and axis_pixels(card, LIGHT_AXIS) > 20,
                  f"{theme_axis(light.page)}: {axis_pixels(card, LIGHT_AXIS)} pixels")
    checks.run("light: every run colour stands out from the panel (contrast ≥ 3, WCAG's for graphics)",
               lambda: light.page.evaluate(LOWEST_RUN_CONTRAST_JS) >= 3)
    screenshot_from_top(light, shots, "scalars-light.png")
    close(light, checks, "light theme")

    dark = new_board(board, color_scheme="dark")
    page = dark.page
    dark.open("scalars")
    card = dark.card(".scalar-card", args.scalar_tag)
    checks.record("dark: the system setting darkens the page",
                  page.get_attribute("html", "data-theme") == "dark" and background_luminance(page) < 0.05,
                  f"theme {page.get_attribute('html', 'data-theme')}, background luminance {background_luminance(page):.3f}")
    dark_axis = theme_axis(page)
    checks.run("dark: the chart is drawn", lambda: dark.wait(
        f"(card) => {plot_pixels(dark_axis)} > 20", card))
    checks.record("dark: the chart's axes use the dark axis colour, not the light one",
                  dark_axis != LIGHT_AXIS and axis_pixels(card, LIGHT_AXIS) == 0,
                  f"{dark_axis}; {axis_pixels(card, LIGHT_AXIS)} light axis pixels")
    checks.run("dark: every run colour stands out from the panel (contrast ≥ 3, WCAG's for graphics)",
               lambda: page.evaluate(LOWEST_RUN_CONTRAST_JS) >= 3)
    screenshot_from_top(dark, shots, "scalars-dark.png")

    toggle = page.locator("#theme-toggle")
    checks.record("the theme toggle starts at system", toggle.get_attribute("data-choice") == "system",
                  toggle.get_attribute("data-choice"))
    toggle.click()
    checks.run("the toggle's light overrides the system's dark setting", lambda: dark.wait(
        f"""(card) => document.documentElement.dataset.theme === 'light'
              && {plot_pixels(LIGHT_AXIS)} > 20""", card))
    checks.record("light: the page background is light", background_luminance(page) > 0.8,
                  f"luminance {background_luminance(page):.3f}")
    page.reload()
    checks.run("the chosen theme is remembered across a reload", lambda: dark.wait(
        "() => document.documentElement.dataset.theme === 'light'"
        " && document.getElementById('theme-toggle').dataset.choice === 'light'"))
    card = dark.card(".scalar-card", args.scalar_tag)
    page.locator("#theme-toggle").click()  # light → dark
    checks.run("the toggle's dark redraws the chart with the dark axis colour", lambda: dark.wait(
        f"""(card) => document.documentElement.dataset.theme === 'dark'
              && {plot_pixels(LIGHT_AXIS)} === 0 && {plot_pixels(dark_axis)} > 20""", card))
    page.locator("#theme-toggle").click()  # dark → system
    checks.record("the toggle cycles back to system", page.locator("#theme-toggle").get_attribute("data-choice") == "system")
    close(dark, checks, "dark theme")


def js_regex_escape(text):
    return re.sub(r"[.*+?^${}()|[\]\\/]", lambda m: "\\" + m.group(0), text)


def check_url_state(board, checks, args, shots):
    """A link with the view in its hash opens with that view, over settings saved in the
    browser; a changed dashboard or axis adds a history entry that back restores."""
    view = new_board(board)
    page = view.page
    view.open("scalars")
    card = view.card(".scalar-card", args.scalar_tag)
    card_tag = card.get_attribute("data-tag")
    runs = page.eval_on_selector_all(".run-item", "items => items.map(i => i.dataset.run)")
    if len(runs) < 2:
        checks.record("the URL checks need two runs", False, f"runs {runs}")
        return close(view, checks, "URL state")
    # A run the card draws stays shown; another run is hidden by the link.
    shown = json.loads(card.get_attribute("data-runs"))[0]
    hidden = next(run for run in runs if run != shown)
    query = urlencode([("smoothing", "0.9"), ("xAxis", "relative"), ("yScale", "log"),
                       ("runFilter", f"^({js_regex_escape(shown)}|{js_regex_escape(hidden)})$"),
                       ("tagFilter", f"^{js_regex_escape(card_tag)}$"), ("hide", hidden)])
    # Saved settings that the link must win over, then a fresh load of the link.
    page.evaluate("([key, hash]) => { history.replaceState(null, '', hash);"
                  " localStorage.setItem(key, JSON.stringify({ smoothing: 0.2, xAxis: 'wall' })); }",
                  [SETTINGS_KEY, f"#scalars?{query}"])
    page.reload()
    card = view.card(".scalar-card", card_tag)
    checks.run("a link's smoothing, axes and filters win over saved settings", lambda: view.wait(
        """([card, shown, hidden]) => card.dataset.smoothing === '0.9'
             && document.querySelector('#x-axis [aria-pressed=true]').dataset.value === 'relative'
             && document.querySelector('#y-scale [aria-pressed=true]').dataset.value === 'log'
             && document.getElementById('smoothing').value === '0.9'
             && JSON.stringify(JSON.parse(card.dataset.runs)) === JSON.stringify([shown])""",
        [card, shown, hidden]))
    checks.record("a link's run filter leaves only its runs in the list",
                  page.eval_on_selector_all(".run-item:not([hidden])", "items => items.map(i => i.dataset.run)")
                  == [run for run in runs if run in (shown, hidden)])
    checks.record("a link's hidden run is unchecked",
                  not page.locator(f".run-item[data-run={json.dumps(hidden)}] input[type=checkbox]").is_checked())
    checks.record("a link's tag filter leaves one card", page.locator(".scalar-card").count() == 1,
                  f"{page.locator('.scalar-card').count()} cards")

    page.locator(".tab[data-dashboard=histograms]").click()
    checks.run("a dashboard change shows in the URL", lambda: view.wait(
        "() => location.hash.startsWith('#histograms?') && location.hash.includes('smoothing=0.9')"))
    page.go_back()
    checks.run("back restores the previous dashboard", lambda: view.wait(
        """() => location.hash.startsWith('#scalars?')
             && document.querySelector('.tab[aria-selected=true]').dataset.dashboard === 'scalars'
             && document.querySelector('.scalar-card')"""))
    page.locator("#x-axis button[data-value=step]").click()
    checks.run("an axis change shows in the URL", lambda: view.wait("() => !location.hash.includes('xAxis=')"))
    page.go_back()
    checks.run("back restores the previous axis in the sidebar and the chart", lambda: view.wait(
        """() => location.hash.includes('xAxis=relative')
             && document.querySelector('#x-axis [aria-pressed=true]').dataset.value === 'relative'"""))
    page.go_forward()
    checks.run("forward brings the later axis back", lambda: view.wait(
        "() => document.querySelector('#x-axis [aria-pressed=true]').dataset.value === 'step'"))
    entries = page.evaluate("history.length")
    page.locator("#smoothing").fill("0.75")
    checks.run("dragging the smoothing rewrites the URL's smoothing", lambda: view.wait(
        "() => location.hash.includes('smoothing=0.75')"))
    checks.record("… in the same history entry", page.evaluate("history.length") == entries,
                  f"{entries} entries before, {page.evaluate('history.length')} after")
    page.goto(f"{view.url}/#distributions")
    checks.run("an old #dashboard link still opens its dashboard and keeps the settings", lambda: view.wait(
        """() => document.querySelector('.tab[aria-selected=true]').dataset.dashboard === 'distributions'
             && location.hash.startsWith('#distributions?') && location.hash.includes('smoothing=0.75')"""))
    close(view, checks, "URL state")


def check_reload_button(board, checks, args, shots):
    """The reload button fetches the status, the runs and the series of the cards in view at
    once (polling alone fetches no series when nothing changed), and the header says when the
    page last saw the data change."""
    view = new_board(board)
    page = view.page
    view.open("scalars")
    view.card(".scalar-card", args.scalar_tag)
    updated = page.locator("#updated")
    checks.run("the header says when the data last changed", lambda: view.wait(
        "() => /^updated (just now|\\d+ (s|min|h) ago)$/.test(document.getElementById('updated').textContent)"))
    checks.record("the updated time explains itself", "last saw the data change" in (updated.get_attribute("title") or ""))
    seen = []
    page.on("request", lambda request: seen.append(request.url))
    page.locator("#reload").click()
    for path in ("/api/status", "/api/runs", "/api/scalars/batch?"):
        checks.record(f"the reload button fetches {path.rstrip('?')}", wait_for_request(view, seen, path))
    close(view, checks, "reload button")


def wait_for_request(view, seen, path):
    """Waits, up to the board's timeout, until `seen` holds a URL containing path."""
    waited = 0
    while not any(path in url for url in seen):
        if waited >= view.timeout:
            return False
        view.page.wait_for_timeout(100)  # lets Playwright deliver request events
        waited += 100
    return True


def check_keyboard(board, checks, args, shots):
    """Tab reaches the dashboard tabs, the reload button, the theme toggle and a card's
    buttons, each with a visible focus ring, in both themes."""
    for scheme in ("light", "dark"):
        view = new_board(board, color_scheme=scheme)
        page = view.page
        view.open("scalars")
        view.card(".scalar-card", args.scalar_tag)
        page.evaluate("() => { window.scrollTo(0, 0); document.activeElement?.blur(); }")
        wanted = {"a dashboard tab": lambda f: f["tab"], "the reload button": lambda f: f["id"] == "reload",
                  "the theme toggle": lambda f: f["id"] == "theme-toggle", "a card's button": lambda f: f["inCard"]}
        found = {}
        for _ in range(300):
            page.keyboard.press("Tab")
            focused = page.evaluate(FOCUSED_JS)
            if focused is None:
                continue
            for name, matches in wanted.items():
                if name not in found and matches(focused):
                    found[name] = focused
            if len(found) == len(wanted):
                break
        for name in wanted:
            focused = found.get(name)
            checks.record(f"{scheme}: Tab reaches {name} and shows a focus ring", bool(focused and focused["ring"]),
                          json.dumps(focused) if focused else "never focused")
        close(view, checks, f"keyboard ({scheme})")
