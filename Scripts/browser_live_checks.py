"""Browser checks of how the board's page follows the server: completing what it read while
the log directory was loading, and smoothing without fetching. Used by browser_test.py."""

import json

DENSE_TAG = "dense/loss"
DENSE_STEPS = 20_000


def write_dense_run(directory):
    """Writes DENSE_STEPS noisy points of DENSE_TAG into `directory` (a new run) with
    tensorboardX, unless it already holds an event file: more points than a chart has pixels,
    so the board sends them downsampled."""
    import numpy as np
    from tensorboardX import SummaryWriter

    directory.mkdir(parents=True, exist_ok=True)
    if any(directory.glob("events.out.tfevents.*")):
        return
    rng = np.random.default_rng(7)
    values = 2.0 * np.exp(-np.arange(DENSE_STEPS) / 4000) + rng.normal(0, 0.15, DENSE_STEPS)
    writer = SummaryWriter(str(directory))
    for step, value in enumerate(values):
        writer.add_scalar(DENSE_TAG, float(value), step)
    writer.close()


def check_load_then_complete(board, checks, args, shots):
    """While /api/status says the log directory is loading, a card says its data may be
    partial; when loading ends, the card fetches its series again and the mark goes."""
    page = board.page
    loading = {"on": True}

    def status(route):
        response = route.fetch()
        body = response.json()
        if loading["on"]:
            body["loaded"] = False
        route.fulfill(response=response, body=json.dumps(body), headers={**response.headers, "content-type": "application/json"})

    page.route("**/api/status*", status)  # with or without ?after=…
    try:
        board.open("scalars")
        page.reload()  # a fresh page, which first sees the log directory loading
        card = board.card(".scalar-card", args.scalar_tag)
        checks.run("a card read while the logdir loads is marked as loading", lambda: board.wait(
            "(card) => card.dataset.partial === 'true' && !card.querySelector('.partial-mark').hidden", card))
        board.screenshot(shots, "scalars-loading.png")
        fetched = []

        def note(request):
            if "/api/scalars/batch?" in request.url:
                fetched.append(request.url)

        page.on("request", note)
        loading["on"] = False
        checks.run("when loading ends the card fetches again and loses the mark", lambda: board.wait(
            "(card) => card.dataset.partial === 'false' && card.querySelector('.partial-mark').hidden", card))
        checks.record("the end of loading refetched the card's series", len(fetched) > 0, f"{len(fetched)} requests")
        page.remove_listener("request", note)
    finally:
        # A status request may be waiting on the server: its handler's answer is not wanted any more.
        page.unroute_all(behavior="ignoreErrors")


def check_smoothing_without_fetching(board, checks, args, shots):
    """A smoothing change on a downsampled series redraws from the page's data and fetches
    nothing; hovering then shows the server's exact smoothed value."""
    page = board.page
    board.open("scalars")
    card = board.card(".scalar-card", DENSE_TAG)
    checks.run("the dense series is drawn", lambda: board.coloured_pixels(card) > 100)
    points = int(card.get_attribute("data-points") or 0)
    checks.record("the dense series comes downsampled", 0 < points < DENSE_STEPS, f"{points} points drawn")
    fetched = []

    def note(request):
        if "/api/" in request.url and not any(poll in request.url for poll in ("/api/status", "/api/runs")):
            fetched.append(request.url)

    page.on("request", note)
    before = card.get_attribute("data-smoothed-sum")
    page.locator("#smoothing").fill("0.99")
    checks.run("a smoothing change redraws the dense chart", lambda: board.wait(
        "([card, before]) => card.dataset.smoothing === '0.99' && card.dataset.smoothedSum !== before", [card, before]))
    page.wait_for_timeout(1000)  # a refetch, if any, would be under way by now
    checks.record("a smoothing change fetches nothing", not fetched, "; ".join(fetched[:3]))

    box = card.query_selector("canvas.overlay").bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5)
    checks.run("hovering shows the server's exact smoothed value", lambda: board.wait(
        """(card) => { const cell = card.dataset.cursorStep !== '' && card.querySelector('.data-table td.smoothed');
                       return cell && !cell.textContent.startsWith('≈'); }""", card))
    checks.record("the exact value came from one small request", any("minStep=" in url for url in fetched),
                  "; ".join(fetched[:3]))
    page.remove_listener("request", note)
    page.mouse.move(0, 0)
    page.locator("#smoothing").fill("0.6")

    # Every smoothing kind redraws from the page's data too; the data table's exact value is the
    # server's under the same kind, and "None" draws the raw line with the slider disabled.
    page.locator("#smoothing").fill("0.9")
    sums = {}
    for kind in ("time-ema", "moving-average", "gaussian"):
        fetched.clear()
        page.on("request", note)
        before = card.get_attribute("data-smoothed-sum")
        page.select_option("#smoothing-kind", kind)
        checks.run(f"smoothing kind {kind} redraws the dense chart", lambda: board.wait(
            "([card, kind, before]) => card.dataset.smoothingKind === kind && card.dataset.smoothedSum !== before",
            [card, kind, before]))
        page.wait_for_timeout(500)
        checks.record(f"smoothing kind {kind} fetches nothing", not fetched, "; ".join(fetched[:3]))
        page.mouse.move(box["x"] + box["width"] * 0.4, box["y"] + box["height"] * 0.5)
        checks.run(f"smoothing kind {kind}: the data table shows the server's value under that kind", lambda: board.wait(
            """(card) => { const cell = card.dataset.cursorStep !== '' && card.querySelector('.data-table td.smoothed');
                          return cell && !cell.textContent.startsWith('≈'); }""", card))
        checks.record(f"smoothing kind {kind}: the exact value's request names the kind",
                      any(f"smoothingKind={kind}" in url for url in fetched), "; ".join(fetched[:3]))
        page.remove_listener("request", note)
        page.mouse.move(0, 0)
        sums[kind] = card.get_attribute("data-smoothed-sum")
    checks.record("the kinds draw different lines", len(set(sums.values())) == len(sums), str(sums))
    page.select_option("#smoothing-kind", "none")
    checks.run("smoothing kind none disables the slider", lambda: board.wait(
        "() => document.querySelector('#smoothing').disabled && document.querySelector('#smoothing-value').disabled"))
    checks.run("smoothing kind none draws the raw line only", lambda: board.wait(
        "(card) => card.dataset.smoothingKind === 'none' && !card.__card.chart.series.some((s) => s.smooth)", card))
    page.select_option("#smoothing-kind", "ema")
    page.locator("#smoothing").fill("0.6")
