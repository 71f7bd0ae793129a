#!/usr/bin/env python3
"""Times the board's HParams dashboard in headless Chromium (Playwright) on a log directory of
many sessions (`Scripts/make_hparams_logdir.py DIR` writes 10,000 × 30 hyper-parameters × 5
metrics):

    python3 Scripts/hparams_browser_bench.py --lumen .build/release/lumen --logdir DIR [--repeat 3]

Each repetition starts a fresh `lumen board` on DIR and reports:

* launch → board loaded: the server process started → /api/status says loaded;
* page open → table and lines shown: navigation start (the page's clock origin) → every
  session counted, the table's first rows and the parallel-coordinates lines drawn, on the
  loaded board;
* page open → scatter-plot matrix: navigation start → the matrix's dots drawn (once the table
  and lines are painted);
* brush → lines and rows updated: the page's own time for recomputing the selection, redrawing
  the selected lines and the table's rows (`data-select-ms`), over 10 brush moves on a
  hyper-parameter's axis, their median and the slowest; and the matrix's redraw of its dots
  once those are painted (`data-matrix-ms`);
* /api/hparams bytes: the size, as sent (gzipped), of the answer the page asks for (its binary
  form, `?numbers=binary`).

Min, median and max over the repetitions are printed (the max of "brush, slowest of 10" is the
slowest brush of the whole run). The server is killed (SIGKILL after a 5 s grace period)
whatever happens.
"""

import argparse
import json
import statistics
import subprocess
import time
import urllib.request

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
VIEWPORT = {"width": 1600, "height": 1000}

SHOWN_JS = """
() => {
  const main = document.getElementById('main');
  const front = document.querySelector('.pc-front');
  if (!main.dataset.sessions || !document.querySelector('.hp-data') || !front || !front.width) return false;
  const { data } = front.getContext('2d').getImageData(0, 0, front.width, front.height);
  for (let i = 3; i < data.length; i += 4 * 97) if (data[i] > 0) return performance.now();
  return false;
}
"""


# The scatter-plot matrix's dots drawn: the time, else false.
MATRIX_SHOWN_JS = """
() => {
  const front = document.querySelector('.sm-front');
  if (!front || !front.width) return false;
  const { data } = front.getContext('2d').getImageData(0, 0, front.width, front.height);
  for (let i = 3; i < data.length; i += 4 * 97) if (data[i] > 0) return performance.now();
  return false;
}
"""


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def status(url):
    with urllib.request.urlopen(f"{url}api/status", timeout=5) as response:
        return json.load(response)


def one_run(browser, args):
    started = time.monotonic()
    server = subprocess.Popen([args.lumen, "board", "--logdir", args.logdir, "--port", str(args.port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{args.port}/"
    try:
        deadline = started + 600
        while True:
            try:
                if status(url)["loaded"]:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the board did not load within 10 minutes")
            time.sleep(0.05)
        loaded = time.monotonic() - started
        request = urllib.request.Request(f"{url}api/hparams?numbers=binary", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            sent = len(response.read())
        page = browser.new_page(viewport=VIEWPORT)
        page.goto(f"{url}#hparams")
        shown = page.wait_for_function(SHOWN_JS, timeout=120_000, polling=5).json_value() / 1000
        matrix = page.wait_for_function(MATRIX_SHOWN_JS, timeout=120_000, polling=5).json_value() / 1000
        sessions = int(page.evaluate("document.getElementById('main').dataset.sessions"))
        box = page.query_selector(".pc-top").bounding_box()
        x = box["x"] + 56  # the first axis
        top, bottom = box["y"] + 48, box["y"] + box["height"] - 26
        brush_ms = []
        matrix_ms = []
        for k in range(10):
            page.mouse.move(x, top + 2)
            page.mouse.down()
            page.mouse.move(x, top + (bottom - top) * (0.2 + 0.06 * k), steps=2)
            page.mouse.up()
            page.wait_for_timeout(50)
            brush_ms.append(float(page.evaluate("document.getElementById('main').dataset.selectMs")))
            matrix_ms.append(float(page.evaluate("document.getElementById('main').dataset.matrixMs")))
        page.close()
        return {"sessions": sessions, "launch → board loaded (s)": loaded, "page open → table and lines (s)": shown,
                "page open → scatter-plot matrix (s)": matrix,
                "brush → lines and rows (ms)": statistics.median(brush_ms), "brush, slowest of 10 (ms)": max(brush_ms),
                "brush → matrix dots, next frame (ms)": statistics.median(matrix_ms),
                "/api/hparams gzipped (MB)": sent / 1e6}
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
    print(f"{'measure':36} {'min':>10} {'median':>10} {'max':>10}")
    for key in runs[0]:
        values = [r[key] for r in runs]
        print(f"{key:36} {min(values):10.3f} {statistics.median(values):10.3f} {max(values):10.3f}")


if __name__ == "__main__":
    main()
