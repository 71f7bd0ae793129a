#!/usr/bin/env python3
"""Browser checks of the board's Projector dashboard, in headless Chromium through Playwright.

    python3 Scripts/browser_projector_checks.py --lumen .build/debug/lumen --screenshots docs/images

It writes a log directory in PyTorch's `add_embedding` layout (projector_config.pbtxt,
00000/default/tensors.tsv, metadata.tsv with a header, sprite.png; an event file from
tensorboardX) holding 600 points of 5 separated classes in 32-D, plus a run whose config points
outside its directory. It starts `lumen board --logdir logs` on it (a relative path), checks the dashboard — exact PCA of every
point with the variance explained, points coloured by class, rotation and zoom by keyboard and
wheel, a tooltip with labels and the sprite thumbnail, a click listing 10 neighbours (mostly of
the same class), a t-SNE run over every point in a Web Worker with progress to the end and
another stopped, the hostile config reported — and saves projector-light.png and
projector-dark.png. The board is stopped (SIGTERM, SIGKILL after 5 s) at the end. The last line
is `projector: N passed, M failed`; the exit status is non-zero when anything failed.
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import numpy as np
from PIL import Image
from playwright.sync_api import sync_playwright
from tensorboardX import SummaryWriter

CLASSES = ["circle", "square", "triangle", "cross", "star"]
COLOURS = [(220, 60, 60), (60, 140, 220), (60, 170, 90), (230, 160, 40), (150, 80, 200)]
PER_CLASS = 120


def write_logdir(root: Path) -> None:
    rng = np.random.default_rng(5)
    run = root / "shapes"
    with SummaryWriter(str(run)) as writer:
        writer.add_scalar("loss", 1.0, 0)
    centres = rng.standard_normal((5, 32)) * 6
    labels = np.repeat(np.arange(5), PER_CLASS)
    matrix = (centres[labels] + rng.standard_normal((len(labels), 32))).astype(np.float32)
    folder = run / "00000" / "default"
    folder.mkdir(parents=True)
    (folder / "tensors.tsv").write_text("".join("\t".join(repr(float(v)) for v in row) + "\n" for row in matrix))
    (folder / "metadata.tsv").write_text("class\tsize\n" + "".join(f"{CLASSES[c]}\t{i % 7}\n" for i, c in enumerate(labels)))
    per_row = int(np.ceil(np.sqrt(len(labels))))
    sprite = np.zeros((per_row * 8, per_row * 8, 3), dtype=np.uint8)
    for i, c in enumerate(labels):
        y, x = divmod(i, per_row)
        sprite[y * 8:(y + 1) * 8, x * 8:(x + 1) * 8] = COLOURS[c]
    Image.fromarray(sprite).save(folder / "sprite.png")
    (run / "projector_config.pbtxt").write_text(
        'embeddings {\n  tensor_name: "default:00000"\n  metadata_path: "00000/default/metadata.tsv"\n'
        '  sprite {\n    image_path: "00000/default/sprite.png"\n    single_image_dim: 8\n    single_image_dim: 8\n  }\n'
        '  tensor_path: "00000/default/tensors.tsv"\n}\n')
    hostile = root / "hostile"
    with SummaryWriter(str(hostile)) as writer:
        writer.add_scalar("loss", 1.0, 0)
    (hostile / "projector_config.pbtxt").write_text('embeddings {\n  tensor_name: "x"\n  tensor_path: "../shapes/00000/default/tensors.tsv"\n}\n')


class Checks:
    def __init__(self):
        self.passed = self.failed = 0

    def record(self, name, ok, detail=""):
        print(f"{'ok  ' if ok else 'FAIL'} {name}{'' if ok else f' ({detail})'}", flush=True)
        if ok:
            self.passed += 1
        else:
            self.failed += 1

    def run(self, name, check):
        try:
            self.record(name, bool(check()))
        except Exception as error:  # a timeout or a broken page is a failed check, not a crash
            self.record(name, False, str(error).splitlines()[0] if str(error) else type(error).__name__)


CANVAS_PIXELS_JS = """() => {
  const canvas = document.querySelector('.projector-canvas');
  const ctx = canvas.getContext('2d');
  const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
  const background = data.slice(0, 4).join(',');
  const colours = new Map();
  let first = null;
  for (let i = 0; i < data.length; i += 4) {
    const key = `${data[i]},${data[i + 1]},${data[i + 2]}`;
    if (`${key},${data[i + 3]}` === background) continue;
    colours.set(key, (colours.get(key) || 0) + 1);
    if (!first && data[i] + data[i + 1] + data[i + 2] > 0) first = i / 4;
  }
  const ratio = canvas.width / canvas.getBoundingClientRect().width;
  const strong = [...colours.values()].filter((n) => n > 20).length;
  const hash = [...colours.entries()].map(([k, n]) => k + ':' + n).join('|').length + ':' + [...data].reduce((a, v, i) => (a + v * (i % 97)) % 1000003, 0);
  return { strong, hash, first: first === null ? null : [first % canvas.width / ratio, Math.floor(first / canvas.width) / ratio] };
}"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lumen", required=True, help="the lumen executable")
    parser.add_argument("--screenshots", required=True, help="directory for projector-light.png and projector-dark.png")
    parser.add_argument("--port", type=int, default=6116)
    args = parser.parse_args()
    shots = Path(args.screenshots)
    shots.mkdir(parents=True, exist_ok=True)
    checks = Checks()
    with tempfile.TemporaryDirectory() as work:
        logdir = Path(work) / "logs"
        write_logdir(logdir)
        # A relative --logdir, as users type it: the runs' directories are found under it.
        board = subprocess.Popen([str(Path(args.lumen).resolve()), "board", "--logdir", "logs", "--port", str(args.port)],
                                 cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{args.port}"
        try:
            deadline = time.time() + 120
            while time.time() < deadline:
                try:
                    if json.load(urllib.request.urlopen(url + "/api/status"))["loaded"]:
                        break
                except OSError:
                    pass
                time.sleep(0.5)
            run_checks(url, checks, shots)
        finally:
            board.terminate()
            try:
                board.wait(5)
            except subprocess.TimeoutExpired:
                board.kill()
                board.wait()
    print(f"projector: {checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed else 0


def run_checks(url: str, checks: Checks, shots: Path) -> None:
    status = json.load(urllib.request.urlopen(url + "/api/status"))
    checks.record("/api/status names the config that points outside its run",
                  any("hostile" in p and "contains `..`" in p for p in status.get("projector", [])), status.get("projector"))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for scheme in ("light", "dark"):
            page = browser.new_page(viewport={"width": 1280, "height": 800}, color_scheme=scheme)
            errors = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(url + "/#projector")
            root = ".projector"
            checks.run(f"{scheme}: the Projector tab shows and the PCA picture is drawn",
                       lambda: page.wait_for_selector(f"{root}[data-state=ready]", timeout=60_000) is not None)
            info = page.inner_text(".projector-info")
            checks.record(f"{scheme}: exact PCA of all 600 points with the variance explained",
                          "Exact PCA of all 600 points" in info and "PC3" in info, info)
            pixels = page.evaluate(CANVAS_PIXELS_JS)
            checks.record(f"{scheme}: points coloured by class (5 colours)", pixels["strong"] >= 5, pixels["strong"])
            legend = page.inner_text(".projector-legend")
            checks.record(f"{scheme}: the legend names every class", all(c in legend for c in CLASSES), legend)
            if scheme == "light":
                page.focus(".projector-canvas")
                before = pixels["hash"]
                page.keyboard.press("ArrowRight")
                after = page.evaluate(CANVAS_PIXELS_JS)
                checks.record("an arrow key rotates the 3-D picture", after["hash"] != before)
                page.mouse.move(640, 400)
                page.mouse.wheel(0, -400)
                page.wait_for_timeout(100)
                zoomed = page.evaluate(CANVAS_PIXELS_JS)
                checks.record("the wheel zooms", zoomed["hash"] != after["hash"])
                page.keyboard.press("0")
                point = page.evaluate(CANVAS_PIXELS_JS)["first"] or [0, 0]
                box = page.query_selector(".projector-canvas").bounding_box()
                x, y = box["x"] + point[0] + 1, box["y"] + point[1] + 1
                page.mouse.move(x, y)
                checks.run("hovering a point shows its labels and sprite thumbnail", lambda: page.wait_for_selector(
                    ".tooltip:not([hidden]) .projector-thumb", timeout=10_000) is not None and "class" in page.inner_text(".tooltip"))
                page.mouse.click(x, y)
                checks.run("a click lists 10 nearest neighbours", lambda: page.wait_for_function(
                    "document.querySelectorAll('#projector-neighbors li').length === 10", timeout=30_000) is not None)
                chosen = page.inner_text(".projector-details .projector-point")
                names = page.eval_on_selector_all("#projector-neighbors button", "(els) => els.map((e) => e.textContent)")
                own = next((c for c in CLASSES if c in chosen), None)
                checks.record("the neighbours are of the selected point's class", own is not None and names.count(own) >= 9, f"{own}: {names}")
                page.select_option("#projector-dims", "2")
                page.fill("#projector-iterations", "300")
                page.click("#projector-tsne-run")
                checks.run("t-SNE over all 600 points runs in a worker to the end, with progress", lambda: page.wait_for_selector(
                    f"{root}[data-tsne=done]", timeout=180_000) is not None and page.eval_on_selector("#projector-tsne-progress", "(e) => e.value") == 1)
                info = page.inner_text(".projector-info")
                checks.record("the t-SNE picture is shown", "t-SNE of all 600 points" in info, info)
                checks.record("t-SNE separates the classes", page.evaluate(CANVAS_PIXELS_JS)["strong"] >= 5)
                page.fill("#projector-iterations", "5000")
                page.click("#projector-tsne-run")
                page.wait_for_function("document.querySelector('#projector-tsne-progress').value > 0", timeout=60_000)
                page.click("#projector-tsne-stop")
                checks.run("Stop ends a t-SNE run", lambda: page.wait_for_selector(f"{root}[data-tsne=stopped]", timeout=10_000) is not None)
                problems = page.inner_text(".projector-problems")
                checks.record("the page names the hostile config", "contains `..`" in problems, problems)
                page.select_option("#projector-projection", "pca")
                page.select_option("#projector-dims", "3")
                page.mouse.click(x, y)
                page.wait_for_timeout(300)
            checks.record(f"{scheme}: no script errors", not errors, errors)
            page.mouse.move(5, 5)
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=str(shots / f"projector-{scheme}.png"))
            page.close()
        browser.close()


if __name__ == "__main__":
    sys.exit(main())
