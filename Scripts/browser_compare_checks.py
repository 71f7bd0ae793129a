"""Browser checks of the board's experiment-comparison dashboards: HParams, PR curves and
custom scalars, on a run written for the test with tensorboardX (`write_compare_experiments`,
PyTorch's layout: each session a sub-run beside its run's curves). Called from
browser_test.py, which passes `--compare-experiments-run DIR`."""

import json
import urllib.request

from browser_view_checks import close, new_board

PR_TAG = "pr/classifier"
PR_STEPS = [0, 10, 20, 30]
SESSIONS = 8
MULTILINE = "train vs val"
MARGIN = "val with band"

# Pixels of a canvas drawn faintly in colour: a shaded band (not lines, axes or text).
FAINT_COLOURED_JS = """
(canvas) => {
  const { data } = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
  let count = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] > 20 && data[i + 3] < 100 && Math.max(data[i], data[i + 1], data[i + 2]) - Math.min(data[i], data[i + 1], data[i + 2]) > 60) count++;
  }
  return count;
}
"""

# Pixels of a canvas clearly drawn in colour (not grey axes or text).
COLOURED_JS = """
(canvas) => {
  const { data } = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
  let count = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] > 64 && Math.max(data[i], data[i + 1], data[i + 2]) - Math.min(data[i], data[i + 1], data[i + 2]) > 60) count++;
  }
  return count;
}
"""


def write_compare_experiments(directory):
    """Writes, unless already there: SESSIONS training runs `trial-i`, each with its loss curves
    and an add_hparams session in a sub-run (PyTorch's layout); a run `pr` with PR curves at
    PR_STEPS; a run `custom` with a custom-scalars layout (a multiline and a margin chart) and
    its scalars."""
    import numpy as np
    from tensorboardX import SummaryWriter

    directory.mkdir(parents=True, exist_ok=True)
    if any(directory.rglob("events.out.tfevents.*")):
        return
    rng = np.random.default_rng(12)
    for i in range(SESSIONS):
        lr = [1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1, 3e-1][i]
        optimizer = ["adam", "sgd"][i % 2]
        writer = SummaryWriter(str(directory / f"trial-{i}"))
        final = 0.0
        for step in range(20):
            final = float(2.0 * np.exp(-step * lr * 30) + 0.1 * i / SESSIONS)
            writer.add_scalar("train/loss", final, step)
        accuracy = float(np.clip(0.6 + 0.04 * i - (0.2 if lr > 0.05 else 0) + rng.normal(0, 0.01), 0, 1))
        writer.add_hparams({"lr": lr, "optimizer": optimizer, "layers": 2 + i % 3, "batch_norm": i % 3 == 0},
                           {"hparam/accuracy": accuracy, "hparam/loss": final}, name="session")
        writer.close()
    writer = SummaryWriter(str(directory / "pr"))
    for k, step in enumerate(PR_STEPS):
        labels = rng.integers(0, 2, 400)
        predictions = np.clip(labels * (0.3 + 0.1 * k) + rng.uniform(0, 0.7, 400), 0, 1)
        writer.add_pr_curve(PR_TAG, labels, predictions, step)
    writer.close()
    writer = SummaryWriter(str(directory / "custom"))
    writer.add_custom_scalars({"Losses": {MULTILINE: ["Multiline", ["loss/train", "loss/val"]]},
                               "Margins": {MARGIN: ["Margin", ["loss/val", "bounds/val_low", "bounds/val_high"]]}})
    for step in range(60):
        val = 1.5 * np.exp(-step / 20) + 0.2
        writer.add_scalar("loss/train", 1.4 * np.exp(-step / 15) + 0.1, step)
        writer.add_scalar("loss/val", val, step)
        writer.add_scalar("bounds/val_low", val - 0.15, step)
        writer.add_scalar("bounds/val_high", val + 0.2, step)
    writer.close()


def session_rows(resp):
    """/api/hparams's sessions, sent by column, as one dict per session: name, runs, and the
    values and metrics as lists in the order of `hparams` and `metrics`."""
    columns = resp["sessions"]
    return [{"name": name, "runs": columns["runs"][s], "values": [v[s] for v in columns["values"]],
             "metrics": [m[s] for m in columns["metrics"]]} for s, name in enumerate(columns["name"])]


def api(board, path):
    with urllib.request.urlopen(f"{board.url}{path}") as response:
        return json.load(response)


def check_nav(board, checks, args, shots):
    """The three tabs show, as the log directory has their data."""
    board.open("scalars")
    for name in ["hparams", "pr-curves", "custom-scalars"]:
        checks.run(f"the {name} tab shows when some run has its data",
                   lambda name=name: board.wait(f"() => !document.querySelector('.tab[data-dashboard=\"{name}\"]').hidden"))


def open_hparams(board):
    board.open("hparams")
    board.wait("() => Number(document.getElementById('main').dataset.sessions) > 0")
    return board.page


def check_hparams(board, checks, args, shots):
    page = open_hparams(board)
    main = "document.getElementById('main')"
    sessions = session_rows(api(board, "/api/hparams"))
    checks.record(f"HParams: all {len(sessions)} sessions are listed",
                  page.evaluate(f"Number({main}.dataset.sessions)") == len(sessions) >= SESSIONS)
    checks.run("HParams: the table shows a row per session",
               lambda: board.wait(f"(n) => document.querySelectorAll('.hp-data').length === n", len(sessions)))
    checks.run("HParams: parallel coordinates are drawn in colour",
               lambda: board.wait(f"() => ({COLOURED_JS})(document.querySelector('.pc-front')) > 200"))
    checks.record("HParams: each session's row runs are its sub-run and the run with its curves",
                  all(len(s["runs"]) == 2 and s["runs"][0] == s["runs"][1] + "/session" for s in sessions),
                  json.dumps([s["runs"] for s in sessions][:2]))

    # Sorting by a metric: the best session first.
    page.click(".hp-head [data-column='m:hparam/accuracy']")
    metrics = [m["tag"] for m in api(board, "/api/hparams")["metrics"]]
    best = max(sessions, key=lambda s: s["metrics"][metrics.index("hparam/accuracy")])
    checks.run("HParams: sorting by a metric puts the best session first",
               lambda: board.wait("(name) => document.querySelector('.hp-data')?.dataset.session === name", best["name"]))

    # Brushing the lr axis: fewer sessions selected, rows and lines follow.
    columns = page.eval_on_selector_all(".hp-head .hp-sort", "(els) => els.map((e) => e.dataset.column)")[1:]
    page.evaluate("window.scrollTo(0, 0)")  # the sort header's click scrolled the table into view
    box = page.query_selector(".pc-top").bounding_box()
    k = len(columns)
    axis_x = box["x"] + 56 + columns.index("h:lr") * (box["width"] - 112) / (k - 1)
    top, bottom = box["y"] + 48, box["y"] + box["height"] - 26
    page.mouse.move(axis_x, top - 4)
    page.mouse.down()
    page.mouse.move(axis_x, top + (bottom - top) * 0.3, steps=4)
    page.mouse.up()
    checks.run("HParams: a brush on an axis selects fewer sessions",
               lambda: board.wait(f"(n) => Number({main}.dataset.selected) < n && Number({main}.dataset.selected) > 0", len(sessions)))
    checks.run("HParams: the table lists only the brushed sessions",
               lambda: board.wait(f"() => document.querySelectorAll('.hp-data').length === Number({main}.dataset.selected)"))
    select_ms = float(page.evaluate(f"{main}.dataset.selectMs"))
    checks.record(f"HParams: a brush updates in ≤ 50 ms ({select_ms:.1f} ms for {len(sessions)} sessions)", select_ms <= 50)
    shot(board, shots, "hparams-light.png")
    page.mouse.click(axis_x, bottom - 5)
    checks.run("HParams: a click on the axis clears its brush",
               lambda: board.wait(f"(n) => Number({main}.dataset.selected) === n", len(sessions)))

    # Log scale: a click on the axis title.
    page.mouse.click(axis_x, box["y"] + 16)
    checks.run("HParams: a click on a numeric axis title switches it to a log scale",
               lambda: board.wait(f"() => {main}.dataset.logAxes === 'h:lr'"))
    page.mouse.click(axis_x, box["y"] + 16)

    # A numeric filter, then a discrete one.
    accuracies = sorted(s["metrics"][metrics.index("hparam/accuracy")] for s in sessions)
    threshold = (accuracies[len(accuracies) // 2 - 1] + accuracies[len(accuracies) // 2]) / 2
    page.fill(".hp-filters [data-column='m:hparam/accuracy'] input[aria-label$='min']", f"{threshold:.6f}")
    expected = sum(1 for a in accuracies if a >= round(threshold, 6))
    checks.run(f"HParams: a min filter on a metric keeps the {expected} sessions above it",
               lambda: board.wait(f"(n) => Number({main}.dataset.selected) === n", expected))
    page.fill(".hp-filters [data-column='m:hparam/accuracy'] input[aria-label$='min']", "")
    page.click(".hp-filters [data-column='h:optimizer'] summary")
    page.uncheck(".hp-filters [data-column='h:optimizer'] input[value='sgd']")
    adam = sum(1 for s in sessions if "adam" in s["values"])
    checks.run(f"HParams: unticking a string value keeps the {adam} other sessions",
               lambda: board.wait(f"(n) => Number({main}.dataset.selected) === n", adam))
    page.check(".hp-filters [data-column='h:optimizer'] input[value='sgd']")
    page.mouse.click(5, 5)

    # Hiding a column removes it from the table and the plot.
    page.click(".hp-toolbar summary")
    page.uncheck(".hp-column-list input[data-column='h:layers']")
    checks.run("HParams: hiding a column removes it from the table",
               lambda: board.wait("() => !document.querySelector(\".hp-head [data-column='h:layers']\")"))
    page.check(".hp-column-list input[data-column='h:layers']")
    page.mouse.click(5, 5)

    check_scatter_matrix(board, checks, sessions, metrics)
    open_hparams(board)
    board.wait("() => document.querySelectorAll('.hp-data').length > 0")

    # Clicking a session opens its curves.
    row = page.query_selector(".hp-data")
    name = row.get_attribute("data-session")
    row.click()
    checks.run("HParams: clicking a session shows Scalars filtered to its runs",
               lambda: board.wait("(name) => location.hash.startsWith('#scalars') && document.getElementById('run-filter').value.includes(name)", name))
    checks.run("HParams: the session's run curves are drawn",
               lambda: board.wait("() => [...document.querySelectorAll('.scalar-card')].some((c) => c.dataset.tag === 'train/loss')"))
    page.evaluate("() => { document.getElementById('run-filter').value = ''; document.getElementById('run-filter').dispatchEvent(new Event('input')); }")

    dark = new_board(board, color_scheme="dark")
    open_hparams(dark)
    dark.wait("() => document.querySelectorAll('.hp-data').length > 0")
    shot(dark, shots, "hparams-dark.png")
    close(dark, checks, "HParams dark")


# The scatter-plot matrix's geometry (scatter-matrix.js): cells of CELL px, GAP apart, after PAD.
SM_CELL, SM_GAP, SM_LEFT, SM_TOP = 92, 10, 118, 8


def check_scatter_matrix(board, checks, sessions, metrics):
    """The matrix draws every session in every hyper-parameter × metric cell; a rectangle dragged
    in a cell brushes both of its columns (shown by the parallel coordinates too), a double click
    clears them, and a click on a dot opens that session's curves."""
    page = board.page
    main = "document.getElementById('main')"
    hparams = [h["name"] for h in api(board, "/api/hparams")["hparams"]]
    checks.run("HParams: the scatter-plot matrix is drawn in colour",
               lambda: board.wait(f"() => ({COLOURED_JS})(document.querySelector('.sm-front')) > 200"))
    page.query_selector(".sm-top").scroll_into_view_if_needed()
    box = page.query_selector(".sm-top").bounding_box()
    i, j = hparams.index("lr"), metrics.index("hparam/accuracy")
    x0 = box["x"] + SM_LEFT + i * (SM_CELL + SM_GAP)
    y0 = box["y"] + SM_TOP + j * (SM_CELL + SM_GAP)
    page.mouse.move(x0 + 1, y0 + 1)
    page.mouse.down()
    page.mouse.move(x0 + SM_CELL * 0.5, y0 + SM_CELL - 1, steps=4)
    page.mouse.up()
    checks.run("HParams: a rectangle dragged in a matrix cell brushes its hyper-parameter and metric",
               lambda: board.wait(f"(n) => Number({main}.dataset.selected) < n && Number({main}.dataset.selected) > 0"
                                  f" && {main}.dataset.brushes.split(',').sort().join() === 'h:lr,m:hparam/accuracy'", len(sessions)))
    page.mouse.dblclick(x0 + SM_CELL * 0.75, y0 + SM_CELL * 0.5)
    checks.run("HParams: a double click in the cell clears both brushes",
               lambda: board.wait(f"(n) => Number({main}.dataset.selected) === n && {main}.dataset.brushes === ''", len(sessions)))
    # The session with the highest lr sits at the cell's right edge, at its accuracy's height.
    lr = hparams.index("lr")
    top = max(sessions, key=lambda s: s["values"][lr])
    accuracies = [s["metrics"][j] for s in sessions]
    p = (top["metrics"][j] - min(accuracies)) / (max(accuracies) - min(accuracies))
    page.mouse.click(x0 + SM_CELL - 2, y0 + (1 - p) * (SM_CELL - 4) + 2)
    checks.run("HParams: a click on a matrix dot shows Scalars filtered to that session's runs",
               lambda: board.wait("(name) => location.hash.startsWith('#scalars') && document.getElementById('run-filter').value.includes(name)",
                                  top["name"]))
    page.evaluate("() => { document.getElementById('run-filter').value = ''; document.getElementById('run-filter').dispatchEvent(new Event('input')); }")


def check_pr_curves(board, checks, args, shots):
    board.open("pr-curves")
    page = board.page
    card = board.card(".pr-card", PR_TAG)
    checks.record("PR curves: the card is ready", card.get_attribute("data-state") == "ready", card.get_attribute("data-state"))
    checks.run("PR curves: the curve is drawn", lambda: card.eval_on_selector("canvas.plot", COLOURED_JS) > 100)
    checks.record("PR curves: the slider starts at the newest step", card.get_attribute("data-step") == str(PR_STEPS[-1]),
                  str(card.get_attribute("data-step")))
    card.eval_on_selector("input[type=range]", "(s) => { s.value = '0'; s.dispatchEvent(new Event('input')); }")
    checks.run("PR curves: the slider shows the first step",
               lambda: card.get_attribute("data-step") == str(PR_STEPS[0]))
    box = card.query_selector("canvas.overlay").bounding_box()
    for fx in [0.5, 0.7, 0.3, 0.9]:
        page.mouse.move(box["x"] + box["width"] * fx, box["y"] + box["height"] * 0.35)
        if page.is_visible(".tooltip"):
            break
    checks.run("PR curves: the tooltip gives threshold, precision and recall",
               lambda: all(word in page.inner_text(".tooltip") for word in ["Threshold", "Precision", "Recall", "TP / FP"]))
    card.eval_on_selector("input[type=range]", "(s) => { s.value = s.max; s.dispatchEvent(new Event('input')); }")
    shot(board, shots, "pr-curves-light.png")
    dark = new_board(board, color_scheme="dark")
    dark.open("pr-curves")
    dark.card(".pr-card", PR_TAG)
    shot(dark, shots, "pr-curves-dark.png")
    close(dark, checks, "PR curves dark")


def check_custom_scalars(board, checks, args, shots):
    board.open("custom-scalars")
    page = board.page
    board.card(".custom-scalar-card", None)
    board.wait("() => [...document.querySelectorAll('.custom-scalar-card')].every((c) => c.dataset.state === 'ready')")
    cards = page.eval_on_selector_all(".custom-scalar-card", "(els) => els.map((e) => [e.dataset.chart, e.dataset.kind, e.dataset.lines])")
    found = {chart: (kind, lines) for chart, kind, lines in cards}
    checks.record("Custom scalars: the multiline chart draws both tags",
                  found.get(MULTILINE) == ("multiline", "2"), json.dumps(cards))
    checks.record("Custom scalars: the margin chart draws the value with its band",
                  found.get(MARGIN) == ("margin", "1"), json.dumps(cards))
    margin = page.query_selector(f".custom-scalar-card[data-chart='{MARGIN}']")
    checks.run("Custom scalars: the band is shaded", lambda: margin.eval_on_selector("canvas.plot", FAINT_COLOURED_JS) > 2000)
    checks.record("Custom scalars: grouped by the layout's categories",
                  page.eval_on_selector_all(".group .group-name", "(els) => els.map((e) => e.textContent)") == ["Losses", "Margins"])
    shot(board, shots, "custom-scalars-light.png")
    dark = new_board(board, color_scheme="dark")
    dark.open("custom-scalars")
    dark.card(".custom-scalar-card", None)
    dark.wait("() => [...document.querySelectorAll('.custom-scalar-card')].every((c) => c.dataset.state === 'ready')")
    shot(dark, shots, "custom-scalars-dark.png")
    close(dark, checks, "Custom scalars dark")


def shot(board, shots, name):
    board.page.evaluate("window.scrollTo(0, 0)")
    board.screenshot(shots, name)
