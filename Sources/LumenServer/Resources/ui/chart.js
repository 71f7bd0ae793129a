// Canvas line chart for scalars: one path per line, a faint raw line under
// a strong smoothed one, a step cursor that follows the pointer, drag to zoom.
import { drawAxes, drawCursorLine, labelWidth } from "./canvas.js";
import { LayeredChart } from "./layered.js";
import { ColumnBands } from "./column-bands.js";
import { rgbOf } from "./line-raster.js";
import { linearScale, logScale, niceDomain } from "./scale.js";
import { runColor, withAlpha } from "./colors.js";
import { cssColor } from "./theme.js";

const HEIGHT = 240;
const PAD = { top: 12, right: 16, bottom: 24 };
const X_KIND = { step: "value", relative: "hours", wall: "time" };
const RAW_ALPHA = 0.28; // the raw values' opacity under a smoothed line

const finite = (v) => v !== null && Number.isFinite(v);
const colorOf = (s) => s.color ?? runColor(s.run);

// series: [{ run, x, y, smooth|null, step, wall, rel, exact?, color?, band? }]
// (arrays in step order). A run group's series has its own `color` and a
// `band: { lo, hi }` filled under its line. When `smooth` was computed in the page from downsampled points,
// `exact(step)` gives the server's value over every point, or undefined until
// onApproximate([{ run, step }]) has fetched it (the owner then shows the
// cursor again).
// options: { xAxis, yLog, ignoreOutliers, xDomain|null, yMin?, yMax? }; a
// manual yMin / yMax replaces that end of the fitted range.
// The pointer asks onCursor(step | null) to move the step cursor; the owner
// answers with showCursor(step), which hands the data table's rows to onRows.
export class LineChart extends LayeredChart {
  constructor(container, { onZoom, onApproximate, onCursor, onRows }) {
    super(container, HEIGHT);
    this.onZoom = onZoom;
    this.onApproximate = onApproximate;
    this.onCursor = onCursor;
    this.onRows = onRows;
    this.cursor = null;
    this.series = [];
    this.options = {};
    this.dragFrom = null;
    this.bands = new ColumnBands();
    this.rawExtents = new ExtentCache();
    this.xExtents = new XExtentCache();
    this.overlay.addEventListener("pointerdown", (e) => this.pointerDown(e));
    this.overlay.addEventListener("pointerup", (e) => this.pointerUp(e));
    this.overlay.addEventListener("dblclick", () => this.onZoom(null));
  }

  setData(series, options) {
    this.series = series;
    this.options = options;
    this.draw();
  }

  // Width in CSS pixels of the plotting area, used to size data requests.
  plotWidth() {
    return Math.max(50, (this.containerWidth() || 400) - 60 - PAD.right);
  }

  xDomain() {
    if (this.options.xDomain) return this.options.xDomain;
    let lo = Infinity;
    let hi = -Infinity;
    for (const s of this.series) {
      const [first, last] = this.xExtents.get(s.x);
      if (first < lo) lo = first;
      if (last > hi) hi = last;
    }
    if (lo === Infinity) return [0, 1];
    if (lo === hi) return [lo - 1, hi + 1];
    return [lo, hi];
  }

  // The fitted range with the manual ends in place of its own, unless they
  // leave nothing to show (min ≥ max, or ≤ 0 on a log axis).
  yDomain(xDomain) {
    const fitted = this.fittedYDomain(xDomain);
    const { yMin, yMax, yLog } = this.options;
    const lo = Number.isFinite(yMin) ? yMin : fitted[0];
    const hi = Number.isFinite(yMax) ? yMax : fitted[1];
    return hi > lo && (!yLog || lo > 0) ? [lo, hi] : fitted;
  }

  fittedYDomain([x0, x1]) {
    const { yLog, ignoreOutliers } = this.options;
    // The extent in one pass; the values themselves only for outlier trimming.
    const values = ignoreOutliers ? [] : null;
    let count = 0;
    let lo = Infinity;
    let hi = -Infinity;
    const take = (extent) => {
      count += extent.count;
      if (extent.lo < lo) lo = extent.lo;
      if (extent.hi > hi) hi = extent.hi;
    };
    for (const s of this.series) {
      for (const arr of [s.y, s.smooth, s.band?.lo, s.band?.hi]) {
        if (!arr) continue;
        // The raw values' extent is kept for the next drawing: a smoothing change
        // scans only the smoothed values.
        if (arr === s.y && !values) take(this.rawExtents.get(s.y, s.x, x0, x1, yLog));
        else take(extentOf(s.x, arr, x0, x1, yLog, values));
      }
    }
    if (!count) return yLog ? [0.1, 10] : [0, 1];
    if (ignoreOutliers && values.length > 20) {
      // Fit the 5th–95th percentile, widened by a quarter of that span so a
      // steep start still shows while far spikes stay off-scale.
      values.sort((a, b) => a - b);
      const p5 = values[Math.floor(values.length * 0.05)];
      const p95 = values[Math.ceil(values.length * 0.95) - 1];
      const margin = (p95 - p5) * 0.25;
      lo = Math.max(values[0], p5 - margin);
      hi = Math.min(values[values.length - 1], p95 + margin);
    }
    if (yLog) {
      const [l0, l1] = [Math.log10(lo), Math.log10(hi)];
      const pad = Math.max(0.05, (l1 - l0) * 0.05);
      return [Math.pow(10, l0 - pad), Math.pow(10, l1 + pad)];
    }
    return niceDomain(lo, hi, 5);
  }

  draw() {
    const ctx = this.begin();
    this.scales = null;
    if (!ctx || !this.series.length) return; // nothing yet: no empty axes
    const width = this.width;
    const xDomain = this.xDomain();
    const yDomain = this.yDomain(xDomain);
    const yRange = [HEIGHT - PAD.bottom, PAD.top];
    const y = this.options.yLog ? logScale(yDomain, yRange) : linearScale(yDomain, yRange);
    const yTicks = y.ticks(5);
    const left = Math.max(40, labelWidth(ctx, yTicks) + 4);
    const box = { left, top: PAD.top, right: width - PAD.right, bottom: HEIGHT - PAD.bottom };
    const x = linearScale(xDomain, [left, box.right], X_KIND[this.options.xAxis]);
    drawAxes(ctx, box, x.ticks(Math.max(2, Math.floor((box.right - left) / 90))), yTicks, x, y);
    this.scales = { x, y, box };
    this.drawnYDomain = yDomain;

    ctx.save();
    ctx.beginPath();
    ctx.rect(box.left, box.top - 2, box.right - box.left + 2, box.bottom - box.top + 2);
    ctx.clip();
    ctx.lineJoin = "bevel"; // cheap, and no miter spikes on noisy data
    for (const s of this.series) if (s.band) fillBand(ctx, s.x, s.band, x, y, withAlpha(colorOf(s), 0.18));
    // Under each smoothed line its raw values, faint: a dense series (more points
    // than pixel columns, as the server sends a downsampled one) as a band from each
    // column's lowest to its highest point, which shows every spike; the bands of
    // all runs first, then every line over them.
    const dense = this.series.filter((s) => s.smooth && isDense(s.x, x));
    const bandsKey = [...xDomain, ...yDomain, this.options.yLog, box.left, box.right, box.top, box.bottom,
      ...dense.flatMap((s) => [s.x, s.y, colorOf(s)])];
    this.bands.update(this.plot, window.devicePixelRatio || 1, bandsKey, (bands) => {
      for (const s of dense) bands.add(s.x, s.y, x, y, rgbOf(colorOf(s)), RAW_ALPHA);
    });
    this.bands.paint(ctx);
    for (const s of this.series) {
      if (s.smooth) {
        if (!dense.includes(s)) strokeLine(ctx, s.x, s.y, x, y, withAlpha(colorOf(s), RAW_ALPHA), 1);
        strokeLine(ctx, s.x, s.smooth, x, y, colorOf(s), 1.8, true);
      } else {
        strokeLine(ctx, s.x, s.y, x, y, colorOf(s), 1.6);
      }
    }
    ctx.restore();
    this.showCursor(this.cursor);
  }

  pointerDown(e) {
    if (e.button !== 0 || !this.scales) return;
    const px = e.offsetX;
    const { box } = this.scales;
    if (px < box.left || px > box.right) return;
    this.dragFrom = px;
    this.overlay.setPointerCapture(e.pointerId);
  }

  pointerUp(e) {
    if (this.dragFrom === null) return;
    const from = this.dragFrom;
    this.dragFrom = null;
    const { x, box } = this.scales;
    const to = Math.min(box.right, Math.max(box.left, e.offsetX));
    if (Math.abs(to - from) < 5) return this.hover(e);
    this.onZoom([x.invert(Math.min(from, to)), x.invert(Math.max(from, to))]);
  }

  // The pointer over the plot sets the step cursor to the step of the point
  // nearest it along x; a drag shows the range it will zoom to.
  hover(e) {
    if (!this.scales) return;
    const { x, box } = this.scales;
    const mx = e.offsetX;
    const my = e.offsetY;
    if (this.dragFrom !== null) {
      const ctx = this.overlayContext();
      const to = Math.min(box.right, Math.max(box.left, mx));
      ctx.fillStyle = cssColor("--chart-select-fill");
      ctx.strokeStyle = cssColor("--chart-select-stroke");
      const l = Math.min(this.dragFrom, to);
      ctx.fillRect(l, box.top, Math.abs(to - this.dragFrom), box.bottom - box.top);
      ctx.strokeRect(l + 0.5, box.top + 0.5, Math.abs(to - this.dragFrom), box.bottom - box.top);
      return;
    }
    if (mx < box.left || mx > box.right || my < box.top || my > box.bottom) return this.onCursor(null);
    const xv = x.invert(mx);
    let best = null;
    for (const s of this.series) {
      const i = nearest(s.x, xv);
      if (i >= 0 && (!best || Math.abs(s.x[i] - xv) < best.distance)) best = { step: s.step[i], distance: Math.abs(s.x[i] - xv) };
    }
    this.onCursor(best ? best.step : null);
  }

  // The pointer left the chart: no cursor (unless a drag holds the pointer).
  clearHover() {
    if (this.dragFrom === null) {
      super.clearHover();
      this.onCursor(null);
    }
  }

  // One row per line at `step` (its nearest point), or at each line's last
  // point when step is null: { s, i, smoothed, approximate }. Rows at a step
  // ask onApproximate for the exact smoothed values they lack.
  rowsAt(step) {
    const rows = [];
    const missing = [];
    for (const s of this.series) {
      const i = step === null ? s.step.length - 1 : nearest(s.step, step);
      if (i < 0) continue;
      let smoothed = s.smooth ? s.smooth[i] : null;
      let approximate = false;
      if (s.smooth && s.exact) {
        const exact = s.exact(s.step[i]);
        if (exact === undefined && step !== null) missing.push({ run: s.run, step: s.step[i] });
        if (exact === undefined || exact === null) approximate = true; // null: could not be fetched
        else smoothed = exact;
      }
      rows.push({ s, i, smoothed, approximate });
    }
    if (missing.length) this.onApproximate?.(missing);
    return rows;
  }

  // Marks `step` on the hover canvas: a dashed vertical line through the
  // nearest point of each line, and a dot on each; hands rowsAt(step) to onRows.
  showCursor(step) {
    this.cursor = step;
    const rows = this.rowsAt(step);
    this.onRows?.(rows, step);
    if (!this.scales || !this.width) return;
    const ctx = this.overlayContext();
    if (step === null || !rows.length) return;
    const { x, y, box } = this.scales;
    const at = this.options.xAxis === "step" ? step : rows[0].s.x[rows[0].i];
    const cx = Math.round(x(at)) + 0.5;
    if (cx >= box.left && cx <= box.right + 1) drawCursorLine(ctx, cx, box);
    for (const { s, i } of rows) {
      const shown = s.smooth ? s.smooth[i] : s.y[i];
      const px = x(s.x[i]);
      const py = finite(shown) ? y(shown) : NaN;
      if (!Number.isFinite(py) || px < box.left || px > box.right || py < box.top - 1 || py > box.bottom + 1) continue;
      ctx.beginPath();
      ctx.arc(px, py, 3.5, 0, Math.PI * 2);
      ctx.fillStyle = colorOf(s);
      ctx.fill();
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = cssColor("--chart-surface");
      ctx.stroke();
    }
  }

  // The step `delta` points away from the cursor along the line with the most
  // points in view (no cursor: the middle one in view), or null without data.
  stepBeside(step, delta) {
    const [x0, x1] = this.xDomain();
    let steps = [];
    for (const s of this.series) {
      const inView = [];
      for (let i = 0; i < s.x.length; i++) if (s.x[i] >= x0 && s.x[i] <= x1) inView.push(s.step[i]);
      if (inView.length > steps.length) steps = inView;
    }
    if (!steps.length) return null;
    if (step === null) return steps[steps.length >> 1];
    const i = Math.min(steps.length - 1, Math.max(0, nearest(steps, step) + delta));
    return steps[i];
  }

  // The x range `factor` times as wide, around the cursor (or the middle),
  // kept within `full`; null when it would show everything.
  zoomedDomain(factor, full) {
    const [x0, x1] = this.xDomain();
    const rows = this.cursor === null ? [] : this.rowsAt(this.cursor);
    const centre = rows.length ? (this.options.xAxis === "step" ? this.cursor : rows[0].s.x[rows[0].i]) : (x0 + x1) / 2;
    const half = ((x1 - x0) * factor) / 2;
    return within([centre - half, centre + half], full);
  }

  // The x range moved by `fraction` of its width, kept within `full`.
  pannedDomain(fraction, full) {
    const [x0, x1] = this.xDomain();
    const shift = (x1 - x0) * fraction;
    return within([x0 + shift, x1 + shift], full);
  }
}

// [lo, hi] slid (and at most shrunk) into `full`; null when it covers all of it.
function within([lo, hi], full) {
  if (!full) return [lo, hi];
  const [f0, f1] = full;
  if (hi - lo >= f1 - f0) return null;
  if (lo < f0) [lo, hi] = [f0, f0 + hi - lo];
  if (hi > f1) [lo, hi] = [f1 - (hi - lo), f1];
  return [lo, hi];
}

// How many of `ys` are finite (and > 0 on a log axis) where x lies in [x0, x1],
// and their lowest and highest; each such value is added to `values` if given.
function extentOf(xs, ys, x0, x1, yLog, values = null) {
  let count = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < ys.length; i++) {
    const v = ys[i];
    if (xs[i] >= x0 && xs[i] <= x1 && finite(v) && (!yLog || v > 0)) {
      count++;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
      values?.push(v);
    }
  }
  return { count, lo, hi };
}

// Extents of raw series kept between drawings, per array and x range.
class ExtentCache {
  constructor() {
    this.entries = new WeakMap(); // ys → { xs, x0, x1, yLog, extent }
  }

  get(ys, xs, x0, x1, yLog) {
    const kept = this.entries.get(ys);
    if (kept && kept.xs === xs && kept.x0 === x0 && kept.x1 === x1 && kept.yLog === yLog) return kept.extent;
    const extent = extentOf(xs, ys, x0, x1, yLog);
    this.entries.set(ys, { xs, x0, x1, yLog, extent });
    return extent;
  }
}

// The lowest and highest of each series' x values, kept per array: a smoothing change
// draws the same arrays again.
class XExtentCache {
  constructor() {
    this.entries = new WeakMap(); // xs → [lo, hi]
  }

  get(xs) {
    let extent = this.entries.get(xs);
    if (!extent) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = 0; i < xs.length; i++) {
        const v = xs[i];
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      extent = [lo, hi];
      this.entries.set(xs, extent);
    }
    return extent;
  }
}

// Whether a series has at least two points per pixel column of scale x.
function isDense(xs, x) {
  return xs.length >= 2 * Math.abs(x(xs[xs.length - 1]) - x(xs[0]));
}

// The area between a band's lower and upper edges, one polygon per stretch of
// finite values (on a log axis, values ≤ 0 break it too).
function fillBand(ctx, xs, { lo, hi }, x, y, color) {
  ctx.beginPath();
  let start = -1;
  const close = (end) => {
    if (start < 0) return;
    ctx.moveTo(x(xs[start]), y(hi[start]));
    for (let i = start + 1; i < end; i++) ctx.lineTo(x(xs[i]), y(hi[i]));
    for (let i = end - 1; i >= start; i--) ctx.lineTo(x(xs[i]), y(lo[i]));
    ctx.closePath();
    start = -1;
  };
  for (let i = 0; i < xs.length; i++) {
    const ok = finite(lo[i]) && finite(hi[i]) && Number.isFinite(y(lo[i])) && Number.isFinite(y(hi[i]));
    if (ok && start < 0) start = i;
    if (!ok) close(i);
  }
  close(xs.length);
  ctx.fillStyle = color;
  ctx.fill();
}

// One path per line; null, ±∞ and (on a log axis) values ≤ 0 break it. With
// `perPixel`, a smooth line keeps one point per pixel column.
function strokeLine(ctx, xs, ys, x, y, color, width, perPixel = false) {
  const path = new Path2D();
  let pen = false;
  let drawn = 0;
  let lastX = 0;
  let lastY = 0;
  let lastColumn = NaN;
  for (let i = 0; i < ys.length; i++) {
    const py = finite(ys[i]) ? y(ys[i]) : NaN;
    if (!Number.isFinite(py)) { pen = false; continue; }
    lastX = x(xs[i]);
    lastY = py;
    if (perPixel && pen && i + 1 < ys.length) {
      const column = Math.floor(lastX);
      if (column === lastColumn) continue;
      lastColumn = column;
    }
    if (pen) path.lineTo(lastX, lastY); else path.moveTo(lastX, lastY);
    pen = true;
    drawn++;
  }
  ctx.strokeStyle = color;
  strokeWide(ctx, path, width);
  if (drawn === 1) { // a lone point has no segment: mark it
    ctx.fillStyle = color;
    ctx.fillRect(lastX - 2, lastY - 2, 4, 4);
  }
}

// Strokes `path` `width` CSS pixels wide. A canvas drawn on the CPU (no GPU, as
// in a headless browser or a virtual machine) rasterizes a stroke wider than a
// device pixel about ten times more slowly than a one-pixel one, so at one device
// pixel per CSS pixel the line is drawn as three one-pixel strokes, offset
// across its width; a denser display gets the real stroke.
function strokeWide(ctx, path, width) {
  const spread = width - 1;
  if ((window.devicePixelRatio || 1) !== 1 || spread <= 0) {
    ctx.lineWidth = width;
    ctx.stroke(path);
    return;
  }
  ctx.lineWidth = 1;
  for (const [dx, dy] of [[0, 0], [spread, 0], [0, spread]]) {
    ctx.translate(dx, dy);
    ctx.stroke(path);
    ctx.translate(-dx, -dy);
  }
}

// Index of the point whose x is closest to v (xs ascending).
function nearest(xs, v) {
  if (!xs.length) return -1;
  let lo = 0;
  let hi = xs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < v) lo = mid + 1; else hi = mid;
  }
  return lo > 0 && Math.abs(xs[lo - 1] - v) <= Math.abs(xs[lo] - v) ? lo - 1 : lo;
}
