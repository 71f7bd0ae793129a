// Compare runs: one card per image tag with every selected run's image side
// by side at the same step. One slider (and ← / →) walks the union of the
// runs' steps; a run without that exact step shows its nearest earlier one,
// labelled as such.
import { api } from "./api.js";
import { cardShell } from "./cards.js";
import { runColorVar } from "./colors.js";
import { h } from "./dom.js";
import { formatStep } from "./format.js";
import { openLightbox } from "./image-lightbox.js";
import { stepKeys } from "./image-keys.js";

// The run's last image logged at or before `step`, or null.
function atOrBefore(images, step) {
  for (let i = images.length - 1; i >= 0; i--) {
    if (images[i].step <= step) return images[i];
  }
  return null;
}

// What a cell says about the image it shows at `step`.
function note(image, step) {
  if (!image) return { text: "no image yet", kind: "missing" };
  if (image.step === step) return { text: `step ${formatStep(step)}`, kind: "exact" };
  return { text: `step ${formatStep(image.step)} · nearest earlier`, kind: "earlier" };
}

export class CompareCard {
  constructor(tag) {
    this.tag = tag;
    this.activeRuns = [];
    this.data = new Map();   // run → images from /api/images
    this.errors = new Map(); // run → message of its last failed fetch
    this.cells = new Map();  // run → { el, img, note, frame }
    this.steps = [];         // the union of the runs' steps, ascending
    this.index = -1;
    this.shell = cardShell({ className: "image-card image-compare-card", title: tag });
    this.el = this.shell.el;
    this.el.dataset.tag = tag;
    this.el.tabIndex = 0;
    this.grid = h("div", { class: "compare-grid" });
    this.slider = h("input", { type: "range", class: "step-slider", min: "0", max: "0", value: "0", "aria-label": "Step" });
    this.label = h("span", { class: "step-label" });
    this.shell.body.append(this.grid, h("div", { class: "image-controls" }, this.slider, this.label));
    this.slider.addEventListener("input", () => this.show(Number(this.slider.value)));
    stepKeys(this.el, (delta) => this.show(this.index + delta));
  }

  runs() {
    return this.activeRuns;
  }

  setRuns(runs) {
    if (runs.join("\n") === this.activeRuns.join("\n")) return;
    this.activeRuns = runs;
    const missing = runs.filter((r) => !this.data.has(r) && !this.errors.has(r));
    if (!missing.length) this.render(this.following());
    else if (this.visible && !this.stale) this.load(missing);
    else this.stale = true;
  }

  async load(runs = this.activeRuns) {
    if (!this.data.size) this.shell.setState("loading");
    const followLatest = this.following();
    const results = await Promise.allSettled(runs.map((run) => api.images(run, this.tag)));
    runs.forEach((run, i) => {
      const result = results[i];
      if (result.status === "fulfilled") {
        this.data.set(run, result.value.images);
        this.errors.delete(run);
      } else {
        this.errors.set(run, result.reason.message);
      }
    });
    this.render(followLatest);
  }

  // Keep following the newest step unless the user moved back.
  following() {
    return this.index < 0 || this.index === this.steps.length - 1;
  }

  render(followLatest) {
    const runs = this.activeRuns;
    const before = this.steps[this.index];
    const steps = new Set();
    for (const run of runs) for (const image of this.data.get(run) || []) steps.add(image.step);
    this.steps = [...steps].sort((a, b) => a - b);
    this.el.dataset.runs = JSON.stringify(runs);
    for (const run of this.cells.keys()) if (!runs.includes(run)) this.cells.delete(run);
    this.grid.replaceChildren(...runs.map((run) => this.cell(run).el));
    const failed = runs.filter((r) => this.errors.has(r));
    if (runs.length && failed.length === runs.length) {
      return this.shell.setState("error", failed.map((r) => `${r}: ${this.errors.get(r)}`).join("\n"));
    }
    if (!this.steps.length) return this.shell.setState("empty", "No images recorded for this tag yet.");
    this.shell.setState("ready");
    this.slider.max = String(this.steps.length - 1);
    this.slider.hidden = this.steps.length < 2;
    // Otherwise stay on the same step (or the nearest earlier one).
    let index = this.steps.length - 1;
    if (!followLatest && before !== undefined) {
      while (index > 0 && this.steps[index] > before) index--;
    }
    this.show(index);
  }

  cell(run) {
    let cell = this.cells.get(run);
    if (cell) return cell;
    const img = h("img", { class: "image image-adjusted", alt: `${this.tag} (${run})`, decoding: "async" });
    const frame = h("div", { class: "image-frame" }, img);
    const noteEl = h("span", { class: "compare-note" });
    const el = h("figure", { class: "compare-cell", "data-run": run },
      h("figcaption", { class: "compare-head" },
        h("span", { class: "run-badge", title: run },
          h("span", { class: "swatch", style: { background: runColorVar(run) } }), run),
        noteEl),
      frame);
    img.addEventListener("load", () => {
      img.classList.toggle("pixelated", img.naturalWidth * 1.5 < frame.clientWidth &&
        img.naturalHeight * 1.5 < frame.clientHeight);
    });
    img.addEventListener("click", () => this.enlarge(run));
    cell = { el, img, note: noteEl };
    this.cells.set(run, cell);
    return cell;
  }

  show(index) {
    if (!this.steps.length) return;
    index = Math.max(0, Math.min(this.steps.length - 1, index));
    this.index = index;
    const step = this.steps[index];
    this.el.dataset.step = String(step);
    this.slider.value = String(index);
    this.label.textContent = `Step ${formatStep(step)}` +
      (this.steps.length > 1 ? ` · ${index + 1} of ${this.steps.length}` : "");
    for (const run of this.activeRuns) {
      const cell = this.cell(run);
      const error = this.errors.get(run);
      const image = atOrBefore(this.data.get(run) || [], step);
      const { text, kind } = error ? { text: error, kind: "error" } : note(image, step);
      cell.note.textContent = text;
      cell.note.title = text;
      cell.el.dataset.kind = kind;
      cell.el.dataset.step = image ? String(image.step) : "";
      cell.img.hidden = !image;
      if (image && cell.img.getAttribute("src") !== image.url) cell.img.src = image.url;
      if (image) cell.img.title = `${image.width} × ${image.height} px · click to enlarge`;
    }
  }

  enlarge(run) {
    openLightbox({
      title: `${this.tag} · ${run}`,
      count: this.steps.length,
      index: this.index,
      at: (i) => {
        const step = this.steps[i];
        const image = atOrBefore(this.data.get(run) || [], step);
        let caption = `Step ${formatStep(step)} · no image yet`;
        if (image) {
          caption = `Step ${formatStep(step)} · ${image.width} × ${image.height} px`;
          if (image.step !== step) caption += ` · showing step ${formatStep(image.step)}, the nearest earlier`;
        }
        return { url: image?.url, step, caption };
      },
      onChange: (i) => this.show(i),
    });
  }
}
