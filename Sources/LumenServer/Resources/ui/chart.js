// Canvas line chart for scalars: one path per line, a faint raw line under
// a strong smoothed one, hover crosshair with a tooltip, drag to zoom.
import { drawAxes, labelWidth } from "./canvas.js";
import { LayeredChart } from "./layered.js";
import { linearScale, logScale, niceDomain } from "./scale.js";
import { runColor, runColorVar, withAlpha } from "./colors.js";
import { cssColor } from "./theme.js";
import { showTooltip, hideTooltip } from "./tooltip.js";
import { h } from "./dom.js";
import { formatValue, formatStep, formatDuration, formatDateTime } from "./format.js";

const HEIGHT = 240;
const PAD = { top: 12, right: 16, bottom: 24 };
const X_KIND = { step: "value", relative: "hours", wall: "time" };

const finite = (v) => v !== null && Number.isFinite(v);

// series: [{ run, x, y, smooth|null, step, wall, rel, exact? }] (arrays in
// step order). When `smooth` was computed in the page from downsampled points,
// `exact(step)` gives the server's value over every point, or undefined until
// onApproximate([{ run, step }]) has fetched it (the chart then calls rehover()).
// options: { xAxis, yLog, ignoreOutliers, xDomain|null }
export class LineChart extends LayeredChart {
  constructor(container, { onZoom, onApproximate }) {
    super(container, HEIGHT);
    this.onZoom = onZoom;
    this.onApproximate = onApproximate;
    this.lastHover = null;
    this.series = [];
    this.options = {};
    this.dragFrom = null;
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
    return Math.max(50, (this.container.clientWidth || 400) - 60 - PAD.right);
  }

  xDomain() {
    if (this.options.xDomain) return this.options.xDomain;
    let lo = Infinity;
    let hi = -Infinity;
    for (const s of this.series) {
      for (const v of s.x) { if (v < lo) lo = v; if (v > hi) hi = v; }
    }
    if (lo === Infinity) return [0, 1];
    if (lo === hi) return [lo - 1, hi + 1];
    return [lo, hi];
  }

  yDomain([x0, x1]) {
    const { yLog, ignoreOutliers } = this.options;
    // The extent in one pass; the values themselves only for outlier trimming.
    const values = ignoreOutliers ? [] : null;
    let count = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (const s of this.series) {
      for (const arr of s.smooth ? [s.y, s.smooth] : [s.y]) {
        for (let i = 0; i < arr.length; i++) {
          const v = arr[i];
          if (s.x[i] >= x0 && s.x[i] <= x1 && finite(v) && (!yLog || v > 0)) {
            count++;
            if (v < lo) lo = v;
            if (v > hi) hi = v;
            values?.push(v);
          }
        }
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

    ctx.save();
    ctx.beginPath();
    ctx.rect(box.left, box.top - 2, box.right - box.left + 2, box.bottom - box.top + 2);
    ctx.clip();
    ctx.lineJoin = "bevel"; // cheap, and no miter spikes on noisy data
    for (const s of this.series) {
      if (s.smooth) {
        drawRaw(ctx, s.x, s.y, x, y, withAlpha(runColor(s.run), 0.28));
        strokeLine(ctx, s.x, s.smooth, x, y, runColor(s.run), 1.8, true);
      } else {
        strokeLine(ctx, s.x, s.y, x, y, runColor(s.run), 1.6);
      }
    }
    ctx.restore();
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
    this.clearHover();
    this.onZoom([x.invert(Math.min(from, to)), x.invert(Math.max(from, to))]);
  }

  hover(e) {
    if (!this.scales) return;
    const { x, y, box } = this.scales;
    const mx = e.offsetX;
    const my = e.offsetY;
    const ctx = this.overlayContext();
    if (this.dragFrom !== null) {
      hideTooltip();
      const to = Math.min(box.right, Math.max(box.left, mx));
      ctx.fillStyle = cssColor("--chart-select-fill");
      ctx.strokeStyle = cssColor("--chart-select-stroke");
      const l = Math.min(this.dragFrom, to);
      ctx.fillRect(l, box.top, Math.abs(to - this.dragFrom), box.bottom - box.top);
      ctx.strokeRect(l + 0.5, box.top + 0.5, Math.abs(to - this.dragFrom), box.bottom - box.top);
      return;
    }
    if (mx < box.left || mx > box.right || my < box.top || my > box.bottom) return this.clearHover();
    this.lastHover = e;
    const xv = x.invert(mx);
    const rows = [];
    const missing = [];
    for (const s of this.series) {
      const i = nearest(s.x, xv);
      if (i < 0) continue;
      const shown = s.smooth ? s.smooth[i] : s.y[i];
      const py = finite(shown) ? y(shown) : NaN;
      let smoothed = s.smooth ? s.smooth[i] : null;
      let approximate = false;
      if (s.smooth && s.exact) {
        const exact = s.exact(s.step[i]);
        if (exact === undefined) missing.push({ run: s.run, step: s.step[i] });
        if (exact === undefined || exact === null) approximate = true; // null: could not be fetched
        else smoothed = exact;
      }
      rows.push({ s, i, smoothed, approximate, px: x(s.x[i]), py, dist: Number.isFinite(py) ? Math.abs(py - my) : Infinity });
    }
    rows.sort((a, b) => a.dist - b.dist);
    if (missing.length) this.onApproximate?.(missing);

    ctx.strokeStyle = cssColor("--chart-crosshair");
    ctx.setLineDash([3, 3]);
    ctx.beginPath();
    ctx.moveTo(Math.round(mx) + 0.5, box.top);
    ctx.lineTo(Math.round(mx) + 0.5, box.bottom);
    ctx.stroke();
    ctx.setLineDash([]);
    for (const r of rows) {
      if (!Number.isFinite(r.py) || r.px < box.left || r.px > box.right) continue;
      ctx.beginPath();
      ctx.arc(r.px, r.py, r === rows[0] ? 4.5 : 3.5, 0, Math.PI * 2);
      ctx.fillStyle = runColor(r.s.run);
      ctx.fill();
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = cssColor("--chart-surface");
      ctx.stroke();
    }
    if (rows.length) showTooltip(tooltipTable(rows), e.clientX, e.clientY);
    else hideTooltip();
  }

  clearHover() {
    if (this.dragFrom === null) {
      this.lastHover = null;
      super.clearHover();
    }
  }

  // Shows the tooltip again where the pointer rests, with what has arrived since.
  rehover() {
    if (this.lastHover) this.hover(this.lastHover);
  }
}

// The faint raw line under a smoothed one. Dense data (more points than pixel
// columns, as the server sends a downsampled series) is drawn as one band: a
// column per pixel from its lowest to its highest point, which shows every
// spike at a fraction of the cost of stroking the zig-zag.
function drawRaw(ctx, xs, ys, x, y, color) {
  if (xs.length >= 2 * Math.abs(x(xs[xs.length - 1]) - x(xs[0]))) {
    ctx.beginPath();
    let column = NaN;
    let top = 0;
    let bottom = 0;
    const flush = () => { if (column === column) ctx.rect(column, top, 1, Math.max(1, bottom - top)); };
    for (let i = 0; i < ys.length; i++) {
      const py = finite(ys[i]) ? y(ys[i]) : NaN;
      if (!Number.isFinite(py)) continue;
      const c = Math.floor(x(xs[i]));
      if (c !== column) { flush(); column = c; top = py; bottom = py; }
      if (py < top) top = py;
      if (py > bottom) bottom = py;
    }
    flush();
    ctx.fillStyle = color;
    ctx.fill();
  } else {
    strokeLine(ctx, xs, ys, x, y, color, 1);
  }
}

// One path per line; null, ±∞ and (on a log axis) values ≤ 0 break it. With
// `perPixel`, a smooth line keeps one point per pixel column.
function strokeLine(ctx, xs, ys, x, y, color, width, perPixel = false) {
  ctx.beginPath();
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
    if (pen) ctx.lineTo(lastX, lastY); else ctx.moveTo(lastX, lastY);
    pen = true;
    drawn++;
  }
  ctx.strokeStyle = color;
  ctx.lineWidth = width;
  ctx.stroke();
  if (drawn === 1) { // a lone point has no segment: mark it
    ctx.fillStyle = color;
    ctx.fillRect(lastX - 2, lastY - 2, 4, 4);
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

function tooltipTable(rows) {
  const smoothing = rows.some((r) => r.s.smooth);
  const head = h("tr", {}, h("th", {}, "Run"), smoothing ? h("th", {}, "Smoothed") : null,
    h("th", {}, "Value"), h("th", {}, "Step"), h("th", {}, "Relative"), h("th", {}, "Time"));
  const body = rows.slice(0, 12).map(({ s, i, smoothed, approximate }) => h("tr", {},
    h("td", { class: "run" }, h("span", { class: "swatch", style: { background: runColorVar(s.run) } }), s.run),
    smoothing ? h("td", { class: "num strong", title: approximate ? "From the points drawn; the exact value is on its way" : null },
      `${approximate ? "≈ " : ""}${formatValue(smoothed)}`) : null,
    h("td", { class: "num" }, formatValue(s.y[i])),
    h("td", { class: "num" }, formatStep(s.step[i])),
    h("td", { class: "num" }, formatDuration(s.rel[i])),
    h("td", { class: "num muted" }, formatDateTime(s.wall[i]))));
  return h("table", {}, h("thead", {}, head), h("tbody", {}, body));
}
