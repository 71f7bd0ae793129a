"""Browser checks of run groups on the scalar charts, on the runs browser_compare_checks writes
(`trial-0` … `trial-7`, each with `train/loss` at steps 0–19 and an hparams session whose
`optimizer` is adam for even trials, sgd for odd ones): grouped by a regex and by a
hyper-parameter, each group drawn as its mean over a band, the data table at the step cursor
giving the mean, the band's edges and the runs counted — checked against the runs' own values
from /api/scalars — and the grouping kept in the URL. Screenshots scalars-groups-light.png and
scalars-groups-dark.png. Called from browser_test.py with `--compare-experiments-run`."""

import json
import re
import statistics
import urllib.parse
import urllib.request

from browser_compare_checks import FAINT_COLOURED_JS, SESSIONS
from browser_view_checks import close, new_board

TAG = "train/loss"
CURSOR_STEP = 7


def api(board, path, **query):
    with urllib.request.urlopen(f"{board.url}{path}?{urllib.parse.urlencode(query)}") as response:
        return json.load(response)


def run_values(board, runs, step):
    """Each run's train/loss value at `step`, from /api/scalars."""
    values = []
    for run in runs:
        series = api(board, "/api/scalars", run=run, tag=TAG)
        values.append(series["value"][series["step"].index(step)])
    return values


def table_row(card, group):
    """The data table's cells of a group's row, as text."""
    return card.evaluate(
        "(card, group) => [...card.querySelectorAll(`.data-table tr[data-group=\"${group}\"] td`)].map((td) => td.textContent)",
        group)


def close_to(text, expected):
    """Whether a formatted cell shows `expected` (the table prints 4 significant digits)."""
    try:
        return abs(float(text.replace("−", "-")) - expected) <= 1e-3 * max(1, abs(expected))
    except ValueError:
        return False


def check_run_groups(board, checks, args, shots):
    # The runs lie in the experiments' directory inside the board's log directory.
    trials = sorted((r["name"] for r in api(board, "/api/runs") if re.search(r"trial-\d+$", r["name"]) and TAG in r["tags"]["scalars"]),
                    key=lambda name: int(name.rsplit("-", 1)[1]))
    checks.record(f"the board lists the {SESSIONS} trials with {TAG}", len(trials) == SESSIONS, str(trials))
    for scheme in ("light", "dark"):
        view = new_board(board, color_scheme=scheme)
        page = view.page
        # Every trial in one group by a regex's capture; the band is ± one standard deviation.
        page.goto(f"{view.url}/#scalars?smoothing=0&groupBy=regex&groupRegex=(trial)-&band=std&runFilter=trial-%5Cd%2B%24")
        page.wait_for_selector(".tab[aria-selected='true']", timeout=view.timeout)
        card = view.card(".scalar-card", TAG)
        checks.run(f"{scheme}: a regex's capture groups the runs into one line", lambda: view.wait(
            "([card, n]) => { const g = JSON.parse(card.dataset.groups || '[]');"
            " return g.length === 1 && g[0].label === 'trial' && g[0].runs.length === n && JSON.parse(card.dataset.runs).length === 0; }",
            [card, SESSIONS]))
        checks.record(f"{scheme}: the group's band is shaded under its line",
                      card.query_selector("canvas.plot").evaluate(FAINT_COLOURED_JS) > 200)
        checks.record(f"{scheme}: the sidebar's legend lists the group with its runs",
                      page.evaluate("() => document.querySelector('#group-legend li')?.dataset.group") == "trial"
                      and page.evaluate("() => document.getElementById('run-groups').dataset.groups") == "1")
        if scheme == "light":
            check_cursor_row(view, checks, card, trials)
            check_hparam_groups(view, checks, trials)
        # The screenshot: the trials by optimizer, each group's mean ± one standard deviation.
        page.goto(f"{view.url}/#scalars?smoothing=0&groupBy=hparam&groupHParam=optimizer&band=std&runFilter=trial-%5Cd%2B%24")
        card = view.card(".scalar-card", TAG)
        checks.run(f"{scheme}: a link grouping by a hyper-parameter draws its groups", lambda: view.wait(
            "(card) => JSON.parse(card.dataset.groups || '[]').length === 2", card))
        page.evaluate("window.scrollTo(0, 0)")
        view.screenshot(shots, f"scalars-groups-{scheme}.png")
        close(view, checks, f"run groups ({scheme})")


def check_cursor_row(view, checks, card, trials):
    """The step cursor's row of the group: mean, mean ± std and the runs counted, from the runs'
    own values at that step."""
    page = view.page
    values = run_values(view, trials, CURSOR_STEP)
    mean = statistics.fmean(values)
    std = statistics.stdev(values)
    # The page's own step-cursor module, from the registry of its bundled modules.
    page.evaluate("(step) => globalThis.lumenModules.get('/step-cursor.js').setCursorStep(step, null)", CURSOR_STEP)
    checks.run("the step cursor moves the group's row to its step", lambda: view.wait(
        "([card, step]) => card.dataset.cursorStep === String(step)", [card, CURSOR_STEP]))
    cells = table_row(card, "trial")
    band = cells[2].split(" – ") if len(cells) > 2 else []
    checks.record(f"the row gives the mean of the {len(trials)} runs at step {CURSOR_STEP}",
                  len(cells) > 1 and close_to(cells[1], mean), f"{cells} vs mean {mean:.6g}")
    checks.record("… the band's edges at mean ± their standard deviation",
                  len(band) == 2 and close_to(band[0], mean - std) and close_to(band[1], mean + std), f"{band} vs ±{std:.6g}")
    checks.record("… and every run counted", len(cells) > 3 and cells[3] == f"{len(trials)} of {len(trials)}", str(cells))
    page.click("#group-band button[data-value=minmax]")
    checks.run("Min–max (the default, so the URL drops band=) puts the band's edges at the lowest and highest run", lambda: view.wait(
        "([card, lo, hi]) => { const cell = card.querySelector('.data-table tr[data-group=trial] td.band')?.textContent ?? '';"
        " const [a, b] = cell.split(' – ').map((t) => Number(t.replace('−', '-')));"
        " return Math.abs(a - lo) <= 1e-3 * Math.max(1, Math.abs(lo)) && Math.abs(b - hi) <= 1e-3 * Math.max(1, Math.abs(hi))"
        " && !new URLSearchParams(location.hash.split('?')[1]).has('band'); }",
        [card, min(values), max(values)]))


def check_hparam_groups(view, checks, trials):
    """Grouping by the sessions' `optimizer`: two groups of half the trials each, kept in the URL
    so that the link opens the same groups."""
    page = view.page
    page.select_option("#group-by", "hparam")
    page.wait_for_function("() => [...document.querySelectorAll('#group-hparam option')].some((o) => o.value === 'optimizer')",
                           timeout=view.timeout)
    page.select_option("#group-hparam", "optimizer")
    card = view.card(".scalar-card", TAG)
    expected = {"optimizer = adam": trials[0::2], "optimizer = sgd": trials[1::2]}
    checks.run("grouping by a hyper-parameter gives a group per value, each with its sessions' runs", lambda: view.wait(
        "([card, expected]) => { const g = JSON.parse(card.dataset.groups || '[]');"
        " return g.length === 2 && g.every((x) => JSON.stringify([...x.runs].sort()) === JSON.stringify(expected[x.label])); }",
        [card, expected]))
    hash = page.evaluate("() => location.hash")
    params = urllib.parse.parse_qs(hash.split("?", 1)[1])
    checks.record("the URL keeps the grouping", params.get("groupBy") == ["hparam"] and params.get("groupHParam") == ["optimizer"], hash)
    linked = new_board(view)
    linked.page.goto(f"{view.url}/{hash}")
    linked_card = linked.card(".scalar-card", TAG)
    checks.run("the link opens the same groups", lambda: linked.wait(
        "(card) => JSON.parse(card.dataset.groups || '[]').map((g) => g.label).join() === 'optimizer = adam,optimizer = sgd'",
        linked_card))
    close(linked, checks, "run groups (linked)")
