#!/usr/bin/env python3
"""Times Lumen's board and TensorBoard as a person sees them, in headless Chromium (Playwright):

    python3 Scripts/board_browser_bench.py --lumen .build/release/lumen --logdir DIR \\
        [--tensorboard tensorboard] [--repeat 3]

Each repetition starts a fresh `lumen board` and a fresh `tensorboard` (alternating, one at a
time) on DIR and opens its scalars page at once, then reports:

* launch → first chart with data: the server process started → a scalar card shows points
  (TensorBoard: a scalar card's data table has a row);
* launch → all series complete: the card of every scalar tag (`--tags`, each with every run's
  series) drawn from complete data
  (Lumen: read after loading ended, and how long after the end of loading that was; TensorBoard
  fetches only the cards of expanded groups, so this is "never" when some stay collapsed —
  the cards it did draw by then are counted);
* smoothing change → visible charts redrawn: the smoothing input's event → the next frame
  (TensorBoard: → the next frame after its charts' data tables show the new smoothed values),
  the time Lumen's page spends in the event and its animation-frame callbacks (the rest is
  the wait for the display's next refresh), and the bytes fetched in the second that
  follows (not counting the page's wait for new data, /api/status);
* bytes for the first view: every response the page received until all series were complete,
  or until the limit (transfer sizes, so compression counts);
* server memory: resident set of the server and its children (TensorBoard's data server) once
  loaded;
* a point written → on screen: a fresh server with default settings on a new log directory,
  a writer that flushes every second adding a point every 100 ms for 20 s, and the time each
  step is first shown (TensorBoard: first received by the page, as its data tables follow the
  step cursor rather than the newest point).

Min and median over the repetitions are printed side by side. Every server is killed (its
process group, SIGKILL after a 5 s grace period) whatever happens. The 10 M-point log directory
of the board benchmarks is made by `lumen-bench reader --logdir DIR`.
"""

import argparse
import json
import os
import signal
import statistics
import sys
import subprocess
import tempfile
import threading
import time
import urllib.request

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
VIEWPORT = {"width": 1280, "height": 1800}  # every card of a 5-tag logdir in view
LIMIT_S = 60  # how long a page is given to show every series

BYTES_JS = """
() => [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
  .reduce((n, e) => n + e.transferSize, 0)
"""


class Lumen:
    """Lumen's board: cards are `.scalar-card` with `data-points` and `data-partial`."""

    name = "Lumen"
    page_path = "#scalars"

    # Polls until every scalar card is drawn from complete data; page-clock times of the first
    # drawn card, of loading's end and of completion (null if the limit passed).
    WATCH_JS = """
    async ([tags, limit]) => {
      const times = { firstChart: null, loaded: null, complete: null, drawn: 0 };
      while (performance.now() < limit) {
        const now = performance.now();
        const cards = [...document.querySelectorAll('.scalar-card')];
        const drawn = cards.filter((c) => Number(c.dataset.points || 0) > 0);
        times.drawn = drawn.length;
        if (times.firstChart === null && drawn.length) times.firstChart = now;
        const loadedNow = !document.querySelector('#status .loading');
        if (times.loaded === null && loadedNow && cards.length) times.loaded = now;
        if (times.loaded !== null && cards.length >= tags && drawn.length === cards.length &&
            cards.every((c) => c.dataset.partial === 'false' && !c.classList.contains('busy'))) {
          times.complete = now;
          break;
        }
        await new Promise((r) => setTimeout(r, 10));
      }
      return times;
    }
    """

    SMOOTHING_JS = """
    async (value) => {
      const slider = document.querySelector('#smoothing');
      const before = performance.getEntriesByType('resource').length;
      const start = performance.now();
      slider.value = value;
      // The page redraws in animation-frame callbacks: time them.
      const schedule = window.requestAnimationFrame;
      let handler = 0;
      window.requestAnimationFrame = (callback) => schedule((t) => {
        const begun = performance.now();
        try { callback(t); } finally { handler += performance.now() - begun; }
      });
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      handler += performance.now() - start;
      await new Promise((r) => schedule(() => r()));
      window.requestAnimationFrame = schedule;
      const frame = performance.now() - start;
      await new Promise((r) => setTimeout(r, 1000));
      const later = performance.getEntriesByType('resource').slice(before)
        .filter((e) => !e.name.includes('/api/status'));  // the page's wait for new data
      return { frame, handler, bytes: later.reduce((n, e) => n + e.transferSize, 0) };
    }
    """

    # The newest step the card of `tag` shows.
    LAST_STEP_JS = """
    (tag) => {
      const el = document.querySelector(`.scalar-card[data-tag="${tag}"]`);
      const steps = [...(el?.__card?.data?.values() || [])].map((d) => d.resp.step[d.resp.step.length - 1] ?? -1);
      return Math.max(-1, ...steps);
    }
    """

    @classmethod
    def watch_live(cls, page, tag):
        """The newest step of `tag` the page shows."""
        return lambda: page.evaluate(cls.LAST_STEP_JS, tag)

    @staticmethod
    def wait_for_runs(url):
        """Lumen's page follows the server's loading by itself."""

    @staticmethod
    def command(args, logdir, port):
        return [args.lumen, "board", "--logdir", logdir, "--port", str(port)]


class TensorBoard:
    """TensorBoard 2.x's Time Series dashboard: `scalar-card` elements, each with a data table
    whose rows (one per run: smoothed, value, step, relative time) appear once data is drawn."""

    name = "TensorBoard"
    page_path = "#timeseries"

    WATCH_JS = """
    async ([tags, limit]) => {
      const times = { firstChart: null, loaded: null, complete: null, drawn: 0 };
      while (performance.now() < limit) {
        const now = performance.now();
        const cards = [...document.querySelectorAll('scalar-card')];
        const drawn = cards.filter((c) => c.querySelector('scalar-card-data-table tb-data-table-content-row'));
        times.drawn = drawn.length;
        if (times.firstChart === null && drawn.length) times.firstChart = now;
        if (drawn.length >= tags) { times.complete = times.loaded = now; break; }
        await new Promise((r) => setTimeout(r, 10));
      }
      return times;
    }
    """

    SMOOTHING_JS = """
    async (value) => {
      const rows = () => [...document.querySelectorAll('scalar-card-data-table tb-data-table-content-row')]
        .map((e) => e.innerText).join('|');
      const input = document.querySelector('input[aria-labelledby=scalars-smoothing-label]');
      const before = performance.getEntriesByType('resource').length;
      const shown = rows();
      const start = performance.now();
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
      while (rows() === shown && performance.now() - start < 10000) {
        await new Promise((r) => setTimeout(r, 1));
      }
      await new Promise((r) => requestAnimationFrame(() => r()));
      const frame = performance.now() - start;
      await new Promise((r) => setTimeout(r, 1000));
      const later = performance.getEntriesByType('resource').slice(before);
      return { frame, bytes: later.reduce((n, e) => n + e.transferSize, 0) };
    }
    """

    @staticmethod
    def wait_for_runs(url):
        """Waits until the server lists a run: without auto-reload, a page opened before that
        would never ask again."""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if json.loads(urllib.request.urlopen(url + "data/runs", timeout=5).read()):
                    return
            except (OSError, ValueError):
                pass
            time.sleep(0.05)

    @staticmethod
    def watch_live(page, tag):
        """The newest step of `tag` the page has received, read from its time-series responses
        (its data tables follow the step cursor, not the newest step)."""
        newest = {"step": -1}

        def note(response):
            if not response.url.endswith("/timeseries/timeSeries") or not response.ok:
                return
            try:
                for series in response.json():
                    if series.get("tag") == tag:
                        for points in series.get("runToSeries", {}).values():
                            newest["step"] = max([newest["step"]] + [p["step"] for p in points])
            except Exception:  # a response the page aborted
                pass

        page.on("response", note)
        return lambda: newest["step"]

    @staticmethod
    def command(args, logdir, port):
        return [args.tensorboard, "--logdir", logdir, "--port", str(port), "--host", "127.0.0.1"]


def tree_resident_mib(pid):
    """Resident memory of `pid` and every process below it."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(entry))
            except (OSError, ValueError, IndexError):
                pass
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, []))
        try:
            with open(f"/proc/{current}/status") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) / 1024
        except OSError:
            pass
    return total


def stop(process):
    """Stops the server's whole process group: SIGTERM, then SIGKILL after 5 s."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        process.wait()


def start_server(board, args, logdir):
    server = subprocess.Popen(board.command(args, logdir, args.port), start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{args.port}/"
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return server, url
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                stop(server)
                raise RuntimeError(f"{board.name} did not answer within 2 minutes")
            time.sleep(0.01)


def one_run(board, browser, args):
    # The tab is ready before the server starts: opening it is the browser's time, not the board's.
    context = browser.new_context(viewport=VIEWPORT)  # a cold cache each time
    page = context.new_page()
    launched = time.monotonic()
    server, url = start_server(board, args, args.logdir)
    try:
        opened = time.monotonic()
        page.goto(url + board.page_path)
        offset = opened - launched  # page clock 0 ≈ navigation start
        times = page.evaluate(board.WATCH_JS, [args.tags, (LIMIT_S - offset) * 1000])
        result = {
            "first_chart_s": offset + times["firstChart"] / 1000 if times["firstChart"] is not None else None,
            "all_complete_s": offset + times["complete"] / 1000 if times["complete"] is not None else None,
            "after_loading_s": (times["complete"] - times["loaded"]) / 1000 if times["complete"] is not None else None,
            "series_drawn": times["drawn"],
            "first_view_mib": page.evaluate(BYTES_JS) / 2**20,
            "memory_mib": tree_resident_mib(server.pid),
        }
        frames = [page.evaluate(board.SMOOTHING_JS, value) for value in ("0.9", "0.3", "0.75")]
        result["smoothing_frame_ms"] = statistics.median(f["frame"] for f in frames)
        handlers = [f.get("handler") for f in frames if f.get("handler") is not None]
        result["smoothing_redraw_ms"] = statistics.median(handlers) if handlers else "n/a"

        result["smoothing_bytes"] = max(f["bytes"] for f in frames)
        context.close()
        return result
    finally:
        stop(server)


def live_latencies(board, browser, args):
    """Seconds from writing each point to the page first showing it (None: never shown)."""
    from tensorboardX import SummaryWriter

    with tempfile.TemporaryDirectory() as logdir:
        writer = SummaryWriter(logdir, flush_secs=1)
        writer.add_scalar("live", 0.0, 0)
        writer.flush()
        server, url = start_server(board, args, logdir)
        written = {}
        try:
            board.wait_for_runs(url)
            page = browser.new_page(viewport=VIEWPORT)
            shown_step = board.watch_live(page, "live")
            page.goto(url + board.page_path)
            deadline = time.monotonic() + 60
            while shown_step() < 0:
                if time.monotonic() > deadline:
                    print(f"{board.name} showed no point of the live run within 60 s", file=sys.stderr)
                    return []
                page.wait_for_timeout(20)

            def write():
                for step in range(1, 201):
                    written[step] = time.time()
                    writer.add_scalar("live", float(step), step)
                    time.sleep(0.1)

            thread = threading.Thread(target=write)
            thread.start()
            seen = {}
            while thread.is_alive() or len(seen) < len(written):
                shown = shown_step()
                now = time.time()
                for step in written:
                    if step <= shown and step not in seen:
                        seen[step] = now
                if not thread.is_alive() and now - written[max(written)] > args.live_wait:
                    break
                page.wait_for_timeout(20)
            thread.join()
            page.close()
        finally:
            writer.close()
            stop(server)
        return [seen.get(s, None) and seen[s] - written[s] for s in sorted(written)]


def summary(values, fmt):
    if any(v == "n/a" for v in values):
        return f"{'n/a':>10} {'n/a':>10}"
    known = [v for v in values if v is not None]
    if not known:
        return f"{'never':>10} {'never':>10}"
    note = "" if len(known) == len(values) else f" ({len(values) - len(known)} never)"
    return f"{fmt.format(min(known)):>10} {fmt.format(statistics.median(known)):>10}{note}"


def latency_text(latencies, limit):
    if not latencies:
        return "not measured: the page showed none of the live run's points within 60 s"
    shown = sorted(v for v in latencies if v is not None)
    if not shown:
        return f"none shown within {limit:.0f} s of the last write"
    text = f"median {statistics.median(latencies if len(shown) == len(latencies) else shown):.2f} s, " \
           f"p90 {shown[int(0.9 * (len(shown) - 1))]:.2f} s"
    if len(shown) < len(latencies):
        text += f", {len(latencies) - len(shown)} of {len(latencies)} never shown"
    return text


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lumen", required=True, help="the lumen executable")
    parser.add_argument("--tensorboard", default="tensorboard",
                        help="the tensorboard executable ('' to measure Lumen alone)")
    parser.add_argument("--logdir", required=True)
    parser.add_argument("--tags", type=int, default=5, help="scalar tags in the logdir (one card each)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--port", type=int, default=6131)
    parser.add_argument("--live-wait", type=float, default=40,
                        help="seconds to wait for the last live point after writing stops")
    args = parser.parse_args()
    boards = [Lumen] + ([TensorBoard] if args.tensorboard else [])
    runs = {board.name: [] for board in boards}
    latencies = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for _ in range(args.repeat):
            for board in boards:
                runs[board.name].append(one_run(board, browser, args))
        for board in boards:
            latencies[board.name] = live_latencies(board, browser, args)
        browser.close()
    print(f"{'measure':22}" + "".join(f" {board.name + ' min':>10} {'median':>10}{'':12}" for board in boards))
    formats = {"series_drawn": "{:.0f}", "smoothing_bytes": "{:.0f}"}
    for key in runs["Lumen"][0]:
        row = f"{key:22}"
        for board in boards:
            row += " " + summary([r[key] for r in runs[board.name]], formats.get(key, "{:.3f}")).ljust(33)
        print(row.rstrip())
    for board in boards:
        print(f"{board.name}: point written → on screen: {latency_text(latencies[board.name], args.live_wait)}")


if __name__ == "__main__":
    main()
