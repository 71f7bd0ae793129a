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
* server memory: the board's resident set once loaded.

Min and median over the repetitions are printed. The server is killed (SIGKILL after a
5 s grace period) whatever happens. The 10 M-point log directory of the board benchmarks is
made by `lumen-bench reader --logdir DIR`.
"""

import argparse
import statistics
import subprocess
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


def one_run(browser, args):
    port = args.port
    launched = time.monotonic()
    server = subprocess.Popen([args.lumen, "board", "--logdir", args.logdir, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/"
        while True:
            try:
                urllib.request.urlopen(url, timeout=1).read()
                break
            except OSError:
                if time.monotonic() - launched > 120:
                    raise RuntimeError("the board did not answer within 2 minutes")
                time.sleep(0.01)
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
        browser.close()
    print(f"{'measure':34} {'min':>10} {'median':>10}")
    for key in runs[0]:
        values = [r[key] for r in runs]
        print(f"{key:34} {min(values):10.3f} {statistics.median(values):10.3f}")


if __name__ == "__main__":
    main()
