// Parallel coordinates on canvas for many sessions: one vertical axis per
// column, one polyline per session, drawn as pixels (line-raster.js). Three
// stacked canvases keep brushing fast: every session the filters keep
// (faint), the selected ones over them (coloured by a metric), and axes,
// brushes and the hovered line on top — a brush redraws only the selected lines.
import { prepareCanvas, FONT, fitText as fit } from "./canvas.js";
import { cssColor, onThemeChange } from "./theme.js";
import { showTooltip, hideTooltip } from "./tooltip.js";
import { h } from "./dom.js";
import { formatValue } from "./format.js";
import { axisPositions, canLog, isNumeric, sameMask, valueAt } from "./hparams-model.js";
import { LineRaster, rgbOf } from "./line-raster.js";

const HEIGHT = 340;
const PAD = { left: 56, right: 56, top: 48, bottom: 26 };
const COLOR_BINS = 8;
const PICK_DISTANCE = 8;
const SNAP = 5; // pixels
// Opacity of one line among `count`: few lines stand out, many build up where they bundle.
const lineAlpha = (count) => Math.max(0.3, Math.min(0.9, 30 / Math.sqrt(count + 1)));
// From low to high metric value: blue → orange, readable on light and dark backgrounds.
export const RAMP = ["#3b6fd8", "#4f86d9", "#6a9bd4", "#8aa9c2", "#c0a37f", "#e08e4d", "#ec7a2e", "#e8590c"];

export class ParallelCoords {
  constructor(container, { onBrush, onPick, onToggleLog }) {
    this.container = container;
    this.onBrush = onBrush;
    this.onPick = onPick;
    this.onToggleLog = onToggleLog;
    this.layers = ["back", "front", "top"].map((name) => h("canvas", { class: `pc-${name}` }));
    container.append(...this.layers);
    this.width = 0;
    this.data = null;
    this.drag = null;
    this.frame = 0;
    const top = this.layers[2];
    top.addEventListener("pointerdown", (e) => this.pointerDown(e));
    top.addEventListener("pointermove", (e) => this.pointerMove(e));
    top.addEventListener("pointerup", (e) => this.pointerUp(e));
    top.addEventListener("pointerleave", () => { if (!this.drag) this.drawTop(null); hideTooltip(); });
    this.resizer = new ResizeObserver(() => { if (container.clientWidth !== this.width) this.draw(); });
    this.resizer.observe(container);
    this.stopThemeWatch = onThemeChange(() => this.draw());
  }

  // data: { columns (shown), sessions, include: mask, selected: mask, brushes: Map id→[lo,hi],
  //         logAxes: Set of ids, colorColumn: column|null }
  setData(data) {
    this.data = data;
    this.positions = data.columns.map((col) => axisPositions(col, data.logAxes.has(col.id) && canLog(col)));
    this.colorBins = this.binColors(data.colorColumn, data.sessions.length);
    this.draw();
  }

  // The selection changed (a brush or filter): redraw the selected lines only. The kept
  // sessions' lines (faint below a brush, all in colour without one) are rasterized once
  // per set of kept sessions, so a brush costs the lines it selects and clearing it none.
  setSelection(include, selected, brushes) {
    Object.assign(this.data, { include, selected, brushes });
    if (this.kept && !sameMask(include, this.kept.include)) this.kept = null;
    this.showLines();
    this.drawTop(null);
  }

  binColors(col, n) {
    const bins = new Uint8Array(n);
    if (!col) return null;
    const span = col.max - col.min;
    for (let s = 0; s < n; s++) {
      const v = col.numbers[s];
      bins[s] = Number.isNaN(v) || !(span > 0) ? COLOR_BINS >> 1 : Math.min(COLOR_BINS - 1, Math.floor(((v - col.min) / span) * COLOR_BINS));
    }
    return bins;
  }

  geometry() {
    const k = this.data.columns.length;
    const inner = this.width - PAD.left - PAD.right;
    const xs = this.data.columns.map((_, i) => (k === 1 ? PAD.left + inner / 2 : PAD.left + (i * inner) / (k - 1)));
    const y = (p) => HEIGHT - PAD.bottom - p * (HEIGHT - PAD.top - PAD.bottom);
    return { xs, y, spacing: k > 1 ? inner / (k - 1) : inner };
  }

  draw() {
    this.width = this.container.clientWidth;
    if (!this.width || !this.data) return;
    this.kept = null; // new data, size or colours
    this.showLines();
    this.drawTop(null);
  }

  // The back layer holds the sessions the filters keep, faint, while a brush leaves some of
  // them out; the front one the selected sessions, coloured by their metric's bin.
  showLines() {
    if (!this.width) return; // not laid out yet: draw() comes when it is
    const back = prepareCanvas(this.layers[0], this.width, HEIGHT);
    const front = prepareCanvas(this.layers[1], this.width, HEIGHT);
    const kept = this.keptLines();
    if (!kept) return;
    const { include, selected } = this.data;
    if (sameMask(include, selected)) {
      front.putImageData(kept.front, 0, 0);
      return;
    }
    kept.back ??= kept.raster.image([rgbOf(cssColor("--chart-axis"))], 0.3);
    back.putImageData(kept.back, 0, 0);
    front.putImageData(this.linesImage(this.byColour(selected)), 0, 0);
  }

  // The kept sessions' lines as a raster and the front layer's picture of them (kept until
  // the kept sessions, the data, the size or the colours change); null without axes.
  keptLines() {
    if (!this.data.columns.length) return null;
    if (!this.kept) {
      const sessions = this.byColour(this.data.include);
      const raster = this.rasterize(sessions);
      this.kept = { include: this.data.include, raster, front: raster.image(this.palette(), lineAlpha(sessions.length)), back: null };
    }
    return this.kept;
  }

  // The sessions of `mask`, the highest metric's bin last, so the best sessions are drawn on top.
  byColour(mask) {
    const bins = this.colorBins;
    const binOf = bins ? (s) => bins[s] : () => 0;
    const starts = new Uint32Array(COLOR_BINS + 1); // counting sort by bin
    for (let s = 0; s < mask.length; s++) if (mask[s]) starts[binOf(s) + 1]++;
    for (let b = 1; b <= COLOR_BINS; b++) starts[b] += starts[b - 1];
    const order = new Int32Array(starts[COLOR_BINS]);
    for (let s = 0; s < mask.length; s++) if (mask[s]) order[starts[binOf(s)]++] = s;
    return order;
  }

  // The front layer's picture of the listed sessions' lines, drawn in memory kept from one
  // brush to the next (a fresh raster and image each time kept the garbage collector busy).
  linesImage(sessions) {
    const { width, height } = this.layers[1];
    if (this.scratch?.image.width !== width || this.scratch.image.height !== height) {
      this.scratch = { raster: new LineRaster(width, height), image: new ImageData(width, height) };
    }
    const { raster, image } = this.scratch;
    raster.clear();
    return this.rasterize(sessions, raster).image(this.palette(), lineAlpha(sessions.length), image);
  }

  // The selected lines' colours: a metric bin's each, or the accent without a metric.
  palette() {
    return this.colorBins ? RAMP.map(rgbOf) : [rgbOf(cssColor("--accent"))];
  }

  // Each listed session's polyline, in its metric bin's palette index, into `raster` (by
  // default a new one) of the layers' device pixels, a gap between two axes at a time (see
  // LineRaster.gap). Where two gaps meet, on an axis, a pixel may take the colour of another
  // of the lines crossing it; counts are the same either way.
  rasterize(sessions, raster = new LineRaster(this.layers[1].width, this.layers[1].height)) {
    const { px, rows } = this.pixelRows(this.layers[1].width / this.width);
    for (let i = 1; i < px.length; i++) raster.gap(px[i - 1], px[i], rows[i - 1], rows[i], sessions, this.colorBins);
    return raster;
  }

  // Each axis's device-pixel x, and each session's device-pixel row on it (NaN when it has no
  // value), kept until the positions, the width or the pixel ratio change.
  pixelRows(dpr) {
    const key = `${this.width}|${dpr}`;
    if (this.rowCache?.key === key && this.rowCache.positions === this.positions) return this.rowCache;
    const { xs, y } = this.geometry();
    const rows = this.positions.map((column) => {
      const out = new Float32Array(column.length);
      for (let s = 0; s < column.length; s++) out[s] = y(column[s]) * dpr;
      return out;
    });
    this.rowCache = { key, positions: this.positions, px: xs.map((x) => x * dpr), rows };
    return this.rowCache;
  }

  trace(ctx, s, { xs, y }) {
    let open = false;
    for (let i = 0; i < xs.length; i++) {
      const p = this.positions[i][s];
      if (Number.isNaN(p)) { open = false; continue; }
      if (open) ctx.lineTo(xs[i], y(p)); else ctx.moveTo(xs[i], y(p));
      open = true;
    }
  }

  // Axes, their labels and brushes, and the hovered session's line.
  drawTop(hovered) {
    const ctx = prepareCanvas(this.layers[2], this.width, HEIGHT);
    const { columns, brushes, logAxes } = this.data;
    if (!columns.length) return;
    const g = this.geometry();
    if (hovered !== null) {
      ctx.strokeStyle = cssColor("--chart-marker");
      ctx.lineWidth = 2.5;
      ctx.beginPath();
      this.trace(ctx, hovered, g);
      ctx.stroke();
    }
    ctx.font = FONT;
    // Close axes: titles alternate between two rows, and tick labels and scale names are left
    // out (the table below has the values).
    const dense = g.spacing < 70;
    const maxTitle = Math.max(30, (dense ? 2 * g.spacing : g.spacing) - 6);
    columns.forEach((col, i) => {
      const x = g.xs[i];
      const log = logAxes.has(col.id) && canLog(col);
      ctx.strokeStyle = cssColor("--chart-axis");
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.moveTo(Math.round(x) + 0.5, g.y(1));
      ctx.lineTo(Math.round(x) + 0.5, g.y(0));
      ctx.stroke();
      ctx.fillStyle = cssColor("--text");
      ctx.textAlign = "center";
      ctx.textBaseline = "alphabetic";
      ctx.fillText(fit(ctx, col.label, maxTitle) + (dense && log ? " (log)" : ""), x, dense && i % 2 ? 30 : 16);
      if (!dense) {
        ctx.fillStyle = cssColor("--chart-label");
        const marker = col.kind === "metric" ? "metric" : isNumeric(col) ? "" : col.type;
        const scale = isNumeric(col) ? (log ? "log" : canLog(col) ? "linear" : "") : "";
        ctx.fillText([marker, scale].filter(Boolean).join(" · "), x, 30);
        this.drawTicks(ctx, col, x, g, log);
      }
      const brush = brushes.get(col.id);
      if (brush) {
        ctx.fillStyle = cssColor("--chart-select-fill");
        ctx.strokeStyle = cssColor("--chart-select-stroke");
        const top = g.y(brush[1]);
        const bottom = g.y(brush[0]);
        ctx.fillRect(x - 8, top, 16, bottom - top);
        ctx.strokeRect(x - 8 + 0.5, top + 0.5, 15, bottom - top);
      }
    });
  }

  drawTicks(ctx, col, x, g, log) {
    ctx.fillStyle = cssColor("--chart-label");
    ctx.textAlign = "left";
    ctx.textBaseline = "middle";
    const label = (text, p) => {
      ctx.fillText(fit(ctx, text, Math.max(24, g.spacing / 2 - 4)), x + 4, g.y(p));
    };
    if (isNumeric(col)) {
      if (!Number.isFinite(col.min)) return;
      const ticks = col.min === col.max ? [0.5] : [0, 0.5, 1];
      for (const p of ticks) label(formatValue(col.min === col.max ? col.min : valueAt(col, p, log)), p);
      return;
    }
    const n = col.categories.length;
    const every = Math.max(1, Math.ceil(n / 10));
    col.categories.forEach((c, i) => { if (i % every === 0 || i === n - 1) label(c, n === 1 ? 0.5 : i / (n - 1)); });
  }

  locate(e) {
    const rect = this.layers[2].getBoundingClientRect();
    const x = e.clientX - rect.left;
    const y = e.clientY - rect.top;
    const g = this.geometry();
    let axis = -1;
    let best = 14;
    g.xs.forEach((ax, i) => { if (Math.abs(ax - x) < best) { best = Math.abs(ax - x); axis = i; } });
    // Within a few pixels of an axis's end counts as the end, so a brush started there
    // takes in the values drawn at it.
    const span = HEIGHT - PAD.top - PAD.bottom;
    const raw = (HEIGHT - PAD.bottom - y) / span;
    const p = raw < SNAP / span ? 0 : raw > 1 - SNAP / span ? 1 : raw;
    return { x, y, axis, p, g };
  }

  pointerDown(e) {
    if (!this.data?.columns.length) return;
    const at = this.locate(e);
    if (at.axis < 0) return;
    if (at.y < PAD.top - 8) {
      const col = this.data.columns[at.axis];
      if (canLog(col)) this.onToggleLog(col.id);
      return;
    }
    this.drag = { axis: at.axis, from: at.p, to: at.p };
    this.layers[2].setPointerCapture(e.pointerId);
  }

  pointerMove(e) {
    if (!this.data?.columns.length) return;
    const at = this.locate(e);
    if (this.drag) {
      this.drag.to = at.p;
      if (!this.frame) {
        this.frame = requestAnimationFrame(() => {
          this.frame = 0;
          const { axis, from, to } = this.drag ?? {};
          if (axis !== undefined) this.onBrush(this.data.columns[axis].id, [Math.min(from, to), Math.max(from, to)]);
        });
      }
      return;
    }
    const s = this.nearest(at);
    this.drawTop(s);
    this.layers[2].style.cursor = at.axis >= 0 ? (at.y < PAD.top - 8 ? (canLog(this.data.columns[at.axis]) ? "pointer" : "default") : "ns-resize") : s !== null ? "pointer" : "default";
    if (s === null) return hideTooltip();
    showTooltip(h("div", {}, h("strong", {}, this.data.sessions[s].name), h("div", { class: "muted small" }, "Click to see its curves")), e.clientX, e.clientY);
  }

  pointerUp(e) {
    const drag = this.drag;
    this.drag = null;
    const at = this.locate(e);
    if (drag) {
      cancelAnimationFrame(this.frame);
      this.frame = 0;
      const col = this.data.columns[drag.axis];
      // A click on an axis (no drag) clears its brush.
      if (Math.abs(drag.to - drag.from) * (HEIGHT - PAD.top - PAD.bottom) < 3) this.onBrush(col.id, null);
      else this.onBrush(col.id, [Math.min(drag.from, drag.to), Math.max(drag.from, drag.to)]);
      return;
    }
    const s = this.nearest(at);
    if (s !== null) this.onPick(s);
  }

  // The selected session whose line passes nearest the pointer, within PICK_DISTANCE.
  nearest({ x, y, g }) {
    const { xs } = g;
    if (xs.length < 2 || x < xs[0] || x > xs[xs.length - 1]) return null;
    let i = 0;
    while (i < xs.length - 2 && x > xs[i + 1]) i++;
    const t = (x - xs[i]) / (xs[i + 1] - xs[i] || 1);
    const a = this.positions[i];
    const b = this.positions[i + 1];
    const { selected } = this.data;
    let best = null;
    let bestDistance = PICK_DISTANCE;
    for (let s = 0; s < selected.length; s++) {
      if (!selected[s] || Number.isNaN(a[s]) || Number.isNaN(b[s])) continue;
      const d = Math.abs(g.y(a[s] + (b[s] - a[s]) * t) - y);
      if (d < bestDistance) { bestDistance = d; best = s; }
    }
    return best;
  }

  destroy() {
    this.resizer.disconnect();
    this.stopThemeWatch();
    cancelAnimationFrame(this.frame);
  }
}
