// Scatter-plot matrix of the HParams dashboard: a cell per shown hyper-parameter
// (columns) and metric (rows), a dot per session at its hyper-parameter's axis
// position across and its metric's up — the positions the parallel coordinates
// use, log axes included. Sessions the filters keep are faint, the selected ones
// coloured by the first metric as there. Dots are written into pixels (2×2
// device pixels each beyond 2,000 sessions): 10,000 sessions × 150 cells
// redraw within a brush's budget, where canvas paths would not. Dragging a rectangle in a cell brushes
// both of its columns (the brushes parallel coordinates show); a double click
// in a cell clears them; a click on a dot opens its session's curves.
import { prepareCanvas, FONT, fitText as fit } from "./canvas.js";
import { cssColor, onThemeChange } from "./theme.js";
import { showTooltip, hideTooltip } from "./tooltip.js";
import { h } from "./dom.js";
import { axisPositions, canLog, sameMask } from "./hparams-model.js";
import { rgbOf } from "./line-raster.js";

const CELL = 92;
const GAP = 10;
const PAD = { left: 118, top: 8, bottom: 34 };
const PICK_DISTANCE = 5;

export class ScatterMatrix {
  // onBrush([[column id, [lo, hi] | null], …]) sets or clears brushes; onPick(session).
  constructor(container, { onBrush, onPick }) {
    this.container = container;
    this.onBrush = onBrush;
    this.onPick = onPick;
    this.layers = ["back", "front", "top"].map((name) => h("canvas", { class: `sm-${name}` }));
    container.append(...this.layers);
    this.data = null;
    this.drag = null;
    const top = this.layers[2];
    top.addEventListener("pointerdown", (e) => this.pointerDown(e));
    top.addEventListener("pointermove", (e) => this.pointerMove(e));
    top.addEventListener("pointerup", (e) => this.pointerUp(e));
    top.addEventListener("dblclick", (e) => this.clearCell(e));
    top.addEventListener("pointerleave", () => hideTooltip());
    this.stopThemeWatch = onThemeChange(() => this.draw());
  }

  // data: { columns (shown), sessions, include, selected, brushes, logAxes, colorBins, palette }
  setData(data) {
    this.data = data;
    this.across = data.columns.filter((c) => c.kind === "hparam");
    this.up = data.columns.filter((c) => c.kind === "metric");
    const positions = (col) => axisPositions(col, data.logAxes.has(col.id) && canLog(col));
    this.xPositions = this.across.map(positions);
    this.yPositions = this.up.map(positions);
    this.width = PAD.left + this.across.length * (CELL + GAP);
    this.height = PAD.top + this.up.length * (CELL + GAP) + PAD.bottom;
    this.draw();
  }

  // The sessions kept and selected now, for picking and brushing at once; their dots are
  // redrawn by setSelection (after the next paint, as the dashboard asks).
  select(include, selected, brushes) {
    if (this.data) Object.assign(this.data, { include, selected, brushes });
  }

  setSelection(include, selected, brushes) {
    this.stopDrawing();
    const keptChanged = !this.drawnInclude || !sameMask(include, this.drawnInclude);
    this.select(include, selected, brushes);
    if (keptChanged) this.drawDots(this.layers[0], include, null);
    this.drawDots(this.layers[1], selected, this.data.colorBins);
    this.drawTop();
  }

  // Frames and labels at once, then the dots a row of cells per task: all 10,000
  // sessions in 150 cells take about 0.1 s, which in one task would hold the page
  // (and a brush started as it opens) for that long. A selection meanwhile stops
  // this and draws every dot at once.
  draw() {
    this.stopDrawing();
    if (!this.data) return;
    this.container.hidden = !this.across.length || !this.up.length;
    if (this.container.hidden) return;
    this.drawTop();
    const { include, selected, colorBins } = this.data;
    const targets = [this.blankImage(this.layers[0]), this.blankImage(this.layers[1])];
    const plans = [this.dotPlan(include, null, targets[0].dpr), this.dotPlan(selected, colorBins, targets[1].dpr)];
    const drawing = { timer: 0 };
    this.drawing = drawing;
    const row = (j) => {
      targets.forEach((target, k) => {
        this.writeDots(target, plans[k], j);
        this.putRow(target, j);
      });
      if (j + 1 < this.up.length) {
        drawing.timer = setTimeout(() => row(j + 1));
        return;
      }
      this.drawing = null;
      this.drawnInclude = include;
    };
    row(0);
  }

  // Stops a drawing under way; the back layer then counts as not drawn.
  stopDrawing() {
    if (!this.drawing) return;
    clearTimeout(this.drawing.timer);
    this.drawing = null;
    this.drawnInclude = null;
  }

  cellOrigin(i, j) {
    return { x: PAD.left + i * (CELL + GAP), y: PAD.top + j * (CELL + GAP) };
  }

  // Each session's pixel offset within a cell, per column, for `dpr` and dot
  // `side` (kept until the data or the screen's pixel ratio change).
  pixelOffsets(dpr, side) {
    const key = `${dpr}|${side}`;
    if (this.offsets?.key === key && this.offsets.data === this.data) return this.offsets;
    const size = Math.floor(CELL * dpr) - side;
    const toPixels = (p, flip) => {
      const out = new Int32Array(p.length);
      for (let s = 0; s < p.length; s++) out[s] = p[s] === p[s] ? Math.round((flip ? 1 - p[s] : p[s]) * size) : -1;
      return out;
    };
    this.offsets = { key, data: this.data, xs: this.xPositions.map((p) => toPixels(p, false)), ys: this.yPositions.map((p) => toPixels(p, true)) };
    return this.offsets;
  }

  // Each session of `mask` as a dot in every cell: faint axis grey without
  // `bins`, else its colour bin's palette colour.
  drawDots(layer, mask, bins) {
    if (layer === this.layers[0]) this.drawnInclude = mask; // the kept sessions the back layer shows
    const target = this.blankImage(layer);
    const plan = this.dotPlan(mask, bins, target.dpr);
    for (let j = 0; j < this.up.length; j++) this.writeDots(target, plan, j);
    target.ctx.putImageData(target.image, 0, 0);
  }

  // An empty layer and the pixels it will be given.
  blankImage(layer) {
    const ctx = prepareCanvas(layer, this.width, this.height);
    const image = ctx.createImageData(layer.width, layer.height);
    return { ctx, image, pixels: new Uint32Array(image.data.buffer), dpr: layer.width / this.width };
  }

  // Shows row j's cells of `target` (a blankImage) on its layer.
  putRow({ ctx, image, dpr }, j) {
    const top = Math.floor(this.cellOrigin(0, j).y * dpr);
    ctx.putImageData(image, 0, 0, 0, top, image.width, Math.ceil((CELL + GAP) * dpr));
  }

  // What drawing the dots of `mask` takes, the same for every row of cells: their
  // colours (a bin's each with `bins`, else faint grey), the sessions, the dots' side
  // and each session's pixel offsets within a cell.
  dotPlan(mask, bins, dpr) {
    const packed = (hex, alpha) => {
      const [r, g, b] = rgbOf(hex);
      return ((alpha << 24) | (b << 16) | (g << 8) | r) >>> 0; // little-endian RGBA
    };
    const colours = bins ? this.data.palette.map((c) => packed(c, 230)) : [packed(cssColor("--chart-axis"), 90)];
    const chosen = [];
    for (let s = 0; s < mask.length; s++) if (mask[s]) chosen.push(s);
    // Few sessions get bigger dots; many keep to 2×2 pixels, cheap to redraw.
    const side = mask.length <= 2000 ? 2 * Math.max(2, Math.round(dpr)) : 2;
    const { xs, ys } = this.pixelOffsets(dpr, side);
    return { colours, chosen, side, bins, xs, ys };
  }

  // The dots of a dotPlan in row j's cells of `target` (a blankImage).
  writeDots({ image, pixels, dpr }, { colours, chosen, side, bins, xs, ys }, j) {
    const w = image.width;
    const top = Math.round(this.cellOrigin(0, j).y * dpr);
    const py = ys[j];
    for (let i = 0; i < xs.length; i++) {
      const base = top * w + Math.round(this.cellOrigin(i, j).x * dpr);
      const px = xs[i];
      for (const s of chosen) {
        const x = px[s];
        const y = py[s];
        if (x < 0 || y < 0) continue; // no value
        const at = base + y * w + x;
        const colour = colours[bins ? bins[s] : 0];
        if (side === 2) {
          pixels[at] = colour;
          pixels[at + 1] = colour;
          pixels[at + w] = colour;
          pixels[at + w + 1] = colour;
        } else {
          for (let dy = 0; dy < side; dy++) for (let dx = 0; dx < side; dx++) pixels[at + dy * w + dx] = colour;
        }
      }
    }
  }

  // Cell frames, labels, brushes and the rectangle being dragged.
  drawTop() {
    const ctx = prepareCanvas(this.layers[2], this.width, this.height);
    const { brushes } = this.data;
    ctx.font = FONT;
    ctx.lineWidth = 1;
    this.up.forEach((metric, j) => {
      const { y } = this.cellOrigin(0, j);
      ctx.fillStyle = cssColor("--text");
      ctx.textAlign = "right";
      ctx.textBaseline = "middle";
      ctx.fillText(fit(ctx, metric.label, PAD.left - 12), PAD.left - 8, y + CELL / 2);
      this.across.forEach((hparam, i) => {
        const { x } = this.cellOrigin(i, j);
        ctx.strokeStyle = cssColor("--chart-grid");
        ctx.strokeRect(x - 0.5, y - 0.5, CELL + 1, CELL + 1);
        const bx = brushes.get(hparam.id) ?? [0, 1];
        const by = brushes.get(metric.id) ?? [0, 1];
        if (brushes.has(hparam.id) || brushes.has(metric.id)) {
          ctx.fillStyle = cssColor("--chart-select-fill");
          ctx.strokeStyle = cssColor("--chart-select-stroke");
          const r = this.rect(i, j, bx, by);
          ctx.fillRect(r.x, r.y, r.w, r.h);
          ctx.strokeRect(r.x + 0.5, r.y + 0.5, r.w, r.h);
        }
      });
    });
    ctx.fillStyle = cssColor("--text");
    ctx.textAlign = "center";
    ctx.textBaseline = "alphabetic";
    const bottom = PAD.top + this.up.length * (CELL + GAP);
    this.across.forEach((hparam, i) => {
      const { x } = this.cellOrigin(i, 0);
      ctx.fillText(fit(ctx, hparam.label, CELL + GAP - 4), x + CELL / 2, bottom + (i % 2 ? 26 : 12));
    });
    if (this.drag) {
      const { i, j, from, to } = this.drag;
      ctx.strokeStyle = cssColor("--chart-select-stroke");
      const r = this.rect(i, j, [Math.min(from.px, to.px), Math.max(from.px, to.px)], [Math.min(from.py, to.py), Math.max(from.py, to.py)]);
      ctx.strokeRect(r.x + 0.5, r.y + 0.5, r.w, r.h);
    }
  }

  // The rectangle of axis positions [x0, x1] × [y0, y1] in cell (i, j), in CSS pixels.
  rect(i, j, [x0, x1], [y0, y1]) {
    const o = this.cellOrigin(i, j);
    return { x: o.x + x0 * CELL, y: o.y + (1 - y1) * CELL, w: (x1 - x0) * CELL, h: (y1 - y0) * CELL };
  }

  // The cell under the pointer and the axis positions there, or null.
  locate(e) {
    const box = this.layers[2].getBoundingClientRect();
    const x = e.clientX - box.left - PAD.left;
    const y = e.clientY - box.top - PAD.top;
    const i = Math.floor(x / (CELL + GAP));
    const j = Math.floor(y / (CELL + GAP));
    if (i < 0 || j < 0 || i >= this.across.length || j >= this.up.length) return null;
    const clamp = (v) => Math.min(1, Math.max(0, v));
    return { i, j, px: clamp((x - i * (CELL + GAP)) / CELL), py: clamp(1 - (y - j * (CELL + GAP)) / CELL) };
  }

  pointerDown(e) {
    const at = this.data && this.locate(e);
    if (!at) return;
    this.drag = { i: at.i, j: at.j, from: at, to: at };
    this.layers[2].setPointerCapture(e.pointerId);
  }

  pointerMove(e) {
    if (!this.data) return;
    const at = this.locate(e);
    if (this.drag) {
      if (at && at.i === this.drag.i && at.j === this.drag.j) this.drag.to = at;
      this.drawTop();
      return;
    }
    const s = at ? this.nearest(at) : null;
    this.layers[2].style.cursor = s === null ? "crosshair" : "pointer";
    if (s === null) return hideTooltip();
    showTooltip(h("div", {}, h("strong", {}, this.data.sessions[s].name), h("div", { class: "muted small" }, "Click to see its curves")), e.clientX, e.clientY);
  }

  pointerUp(e) {
    const drag = this.drag;
    this.drag = null;
    if (!drag) return;
    const { i, j, from, to } = drag;
    if (Math.abs(to.px - from.px) * CELL < 3 && Math.abs(to.py - from.py) * CELL < 3) {
      this.drawTop();
      const s = this.nearest(from);
      if (s !== null) this.onPick(s);
      return;
    }
    this.onBrush([
      [this.across[i].id, [Math.min(from.px, to.px), Math.max(from.px, to.px)]],
      [this.up[j].id, [Math.min(from.py, to.py), Math.max(from.py, to.py)]],
    ]);
  }

  clearCell(e) {
    const at = this.locate(e);
    if (at) this.onBrush([[this.across[at.i].id, null], [this.up[at.j].id, null]]);
  }

  // The selected session whose dot in the cell is nearest, within PICK_DISTANCE pixels.
  nearest({ i, j, px, py }) {
    const xs = this.xPositions[i];
    const ys = this.yPositions[j];
    const { selected } = this.data;
    let best = null;
    let bestDistance = PICK_DISTANCE / CELL;
    for (let s = 0; s < selected.length; s++) {
      if (!selected[s]) continue;
      const d = Math.max(Math.abs(xs[s] - px), Math.abs(ys[s] - py));
      if (d < bestDistance) { bestDistance = d; best = s; }
    }
    return best;
  }

  destroy() {
    this.stopDrawing();
    this.stopThemeWatch();
  }
}
