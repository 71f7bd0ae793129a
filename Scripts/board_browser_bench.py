#!/usr/bin/env python3
"""Times Lumen's board as a person sees it, in headless Chromium (Playwright):

    python3 Scripts/board_browser_bench.py --lumen .build/release/lumen --logdir DIR [--repeat 3]

Each repetition starts a fresh `lumen board` on DIR and opens the page at once, then reports:

* launch → first chart with data: the server process started → a scalar card has points;
* launch → all series complete: every scalar card drawn from data read after loading ended,
  and how long after the end of loading (as the page saw it in /api/status) that was;
* smoothing change → visible charts redrawn: the slider's input event → the next frame, and
  the bytes fetched in the second that follows;
* bytes for the first view: every response the page received up to "all series complete"
  (transfer sizes, so compression counts);
* server memory: the board's resident set once loaded;
* a point written → on screen: a fresh board with default settings on a new log directory,
  a writer that flushes every second (as Lumen's SummaryWriter does) adding a point every
  100 ms for 20 s, and the page's time of first showing each step.

Min and median over the repetitions are printed. The server is killed (SIGKILL after a
5 s grace period) whatever happens. The 10 M-point log directory of the board benchmarks is
made by `lumen-bench reader --logdir DIR`.
"""

import argparse
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.request

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
VIEWPORT = {"width": 1280, "height": 1800}  # every card of a 5-tag logdir in view

# Polls in the page until every scalar card is drawn from complete data; returns the
# page-clock times of the first drawn card, of loading's end and of completion.
WATCH_JS = """
async () => {
  const times = { firstChart: null, loaded: null, complete: null };
  while (true) {
    const now = performance.now();
    const cards = [...document.querySelectorAll('.scalar-card')];
    const drawn = cards.filter((c) => Number(c.dataset.points || 0) > 0);
    if (times.firstChart === null && drawn.length) times.firstChart = now;
    const loadedNow = !document.querySelector('#status .loading');
    if (times.loaded === null && loadedNow && cards.length) times.loaded = now;
    if (times.loaded !== null && cards.length && drawn.length === cards.length &&
        cards.every((c) => c.dataset.partial === 'false' && !c.classList.contains('busy'))) {
      times.complete = now;
      return times;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}
"""

SMOOTHING_JS = """
async (value) => {
  const slider = document.querySelector('#smoothing');
  const before = performance.getEntriesByType('resource').length;
  const start = performance.now();
  slider.value = value;
  slider.dispatchEvent(new Event('input', { bubbles: true }));
  await new Promise((r) => requestAnimationFrame(() => r()));
  const frame = performance.now() - start;
  await new Promise((r) => setTimeout(r, 1000));
  const later = performance.getEntriesByType('resource').slice(before);
  return { frame, bytes: later.reduce((n, e) => n + e.transferSize, 0), requests: later.length };
}
"""

BYTES_JS = """
() => [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
  .reduce((n, e) => n + e.transferSize, 0)
"""


def resident_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def start_board(args, logdir):
    server = subprocess.Popen([args.lumen, "board", "--logdir", logdir, "--port", str(args.port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{args.port}/"
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return server, url
        except OSError:
            if time.monotonic() > deadline:
                stop(server)
                raise RuntimeError("the board did not answer within 2 minutes")
            time.sleep(0.01)


def one_run(browser, args):
    launched = time.monotonic()
    server, url = start_board(args, args.logdir)
    try:
        context = browser.new_context(viewport=VIEWPORT)  # a cold cache each time
        page = context.new_page()
        opened = time.monotonic()
        page.goto(url + "#scalars")
        times = page.evaluate(WATCH_JS)
        offset = opened - launched  # page clock 0 ≈ navigation start
        result = {
            "first_chart_s": offset + times["firstChart"] / 1000,
            "all_complete_s": offset + times["complete"] / 1000,
            "after_loading_s": (times["complete"] - times["loaded"]) / 1000,
            "first_view_mib": page.evaluate(BYTES_JS) / 2**20,
            "memory_mib": resident_mib(server.pid),
        }
        frames = [page.evaluate(SMOOTHING_JS, value) for value in ("0.9", "0.3", "0.75")]
        result["smoothing_frame_ms"] = statistics.median(f["frame"] for f in frames)
        result["smoothing_bytes"] = max(f["bytes"] for f in frames)
        context.close()
        return result
    finally:
        stop(server)


# The newest step each scalar card of the page shows, with the page's clock.
LAST_STEPS_JS = """
() => Object.fromEntries([...document.querySelectorAll('.scalar-card')].map((el) => {
  const steps = [...(el.__card?.data?.values() || [])].map((d) => d.resp.step[d.resp.step.length - 1] ?? -1);
  return [el.dataset.tag, Math.max(-1, ...steps)];
}))
"""


def live_latencies(browser, args):
    """Seconds from writing each point to the page first showing it."""
    from tensorboardX import SummaryWriter

    with tempfile.TemporaryDirectory() as logdir:
        writer = SummaryWriter(logdir, flush_secs=1)
        writer.add_scalar("live", 0.0, 0)
        writer.flush()
        server, url = start_board(args, logdir)
        written = {}
        try:
            page = browser.new_page(viewport=VIEWPORT)
            page.goto(url + "#scalars")
            page.wait_for_function("() => document.querySelector('.scalar-card[data-tag=live]')?.dataset.points > 0",
                                   timeout=60_000)

            def write():
                for step in range(1, 201):
                    written[step] = time.time()
                    writer.add_scalar("live", float(step), step)
                    time.sleep(0.1)

            thread = threading.Thread(target=write)
            thread.start()
            seen = {}
            while thread.is_alive() or len(seen) < len(written):
                shown = page.evaluate(LAST_STEPS_JS).get("live", -1)
                now = time.time()
                for step in written:
                    if step <= shown and step not in seen:
                        seen[step] = now
                if not thread.is_alive() and now - written[max(written)] > 15:
                    break
                time.sleep(0.02)
            thread.join()
            page.close()
        finally:
            writer.close()
            stop(server)
        return [seen[s] - written[s] for s in written if s in seen]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lumen", required=True, help="the lumen executable")
    parser.add_argument("--logdir", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--port", type=int, default=6131)
    args = parser.parse_args()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        runs = [one_run(browser, args) for _ in range(args.repeat)]
        latencies = live_latencies(browser, args)
        browser.close()
    print(f"{'measure':34} {'min':>10} {'median':>10}")
    for key in runs[0]:
        values = [r[key] for r in runs]
        print(f"{key:34} {min(values):10.3f} {statistics.median(values):10.3f}")
    latencies.sort()
    print(f"point written → on screen: median {statistics.median(latencies):.2f} s, "
          f"p90 {latencies[int(0.9 * (len(latencies) - 1))]:.2f} s over {len(latencies)} points")


if __name__ == "__main__":
    main()
