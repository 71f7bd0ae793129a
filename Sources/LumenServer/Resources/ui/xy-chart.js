// A small canvas chart of lines over x, each optionally with a shaded band
// (lower–upper), and a tooltip at the data point nearest the pointer. Used by
// the PR-curve and custom-scalar cards.
import { drawAxes, labelWidth } from "./canvas.js";
import { LayeredChart } from "./layered.js";
import { linearScale, niceDomain } from "./scale.js";
import { withAlpha } from "./colors.js";
import { cssColor } from "./theme.js";
import { showTooltip, hideTooltip } from "./tooltip.js";

const PAD = { top: 12, right: 16, bottom: 24 };
const finite = (v) => v !== null && v !== undefined && Number.isFinite(v);

// series: [{ label, color, x, y, lower?, upper? }] (arrays of equal length).
// options: { xDomain?, yDomain?, describe(series, i) → Node for the tooltip }
export class XYChart extends LayeredChart {
  constructor(container, height = 240) {
    super(container, height);
    this.series = [];
    this.options = {};
    this.scales = null;
  }

  setData(series, options = {}) {
    this.series = series;
    this.options = options;
    this.draw();
  }

  extent(keys, axis) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const s of this.series) {
      for (const key of keys) {
        for (const v of s[key] || []) if (finite(v)) { if (v < lo) lo = v; if (v > hi) hi = v; }
      }
    }
    if (lo === Infinity) return [0, 1];
    return axis === "x" && lo !== hi ? [lo, hi] : niceDomain(lo, hi, 5);
  }

  draw() {
    const ctx = this.begin();
    if (!ctx) return;
    const xDomain = this.options.xDomain || this.extent(["x"], "x");
    const yDomain = this.options.yDomain || this.extent(["y", "lower", "upper"], "y");
    const yProbe = linearScale(yDomain, [this.height - PAD.bottom, PAD.top]);
    const yTicks = yProbe.ticks(5);
    const left = Math.max(40, labelWidth(ctx, yTicks));
    const box = { left, top: PAD.top, right: this.width - PAD.right, bottom: this.height - PAD.bottom };
    const x = linearScale(xDomain, [box.left, box.right]);
    const y = linearScale(yDomain, [box.bottom, box.top]);
    this.scales = { x, y, box };
    drawAxes(ctx, box, x.ticks(Math.max(2, Math.floor((box.right - box.left) / 80))), yTicks, x, y);
    ctx.save();
    ctx.beginPath();
    ctx.rect(box.left, box.top - 2, box.right - box.left + 2, box.bottom - box.top + 4);
    ctx.clip();
    for (const s of this.series) {
      if (s.lower && s.upper) {
        ctx.fillStyle = withAlpha(s.color, 0.18);
        ctx.beginPath();
        const idx = s.x.map((_, i) => i).filter((i) => finite(s.lower[i]) && finite(s.upper[i]));
        idx.forEach((i, k) => (k ? ctx.lineTo(x(s.x[i]), y(s.upper[i])) : ctx.moveTo(x(s.x[i]), y(s.upper[i]))));
        for (let k = idx.length - 1; k >= 0; k--) ctx.lineTo(x(s.x[idx[k]]), y(s.lower[idx[k]]));
        ctx.closePath();
        ctx.fill();
      }
      ctx.strokeStyle = s.color;
      ctx.lineWidth = 1.8;
      ctx.beginPath();
      let open = false;
      for (let i = 0; i < s.x.length; i++) {
        if (!finite(s.y[i])) { open = false; continue; }
        if (open) ctx.lineTo(x(s.x[i]), y(s.y[i])); else ctx.moveTo(x(s.x[i]), y(s.y[i]));
        open = true;
      }
      ctx.stroke();
      if (s.x.length === 1 && finite(s.y[0])) {
        ctx.fillStyle = s.color;
        ctx.beginPath();
        ctx.arc(x(s.x[0]), y(s.y[0]), 3, 0, 2 * Math.PI);
        ctx.fill();
      }
    }
    ctx.restore();
  }

  hover(event) {
    if (!this.scales || !this.series.length) return;
    const rect = this.overlay.getBoundingClientRect();
    const px = event.clientX - rect.left;
    const py = event.clientY - rect.top;
    const { x, y } = this.scales;
    let best = null;
    for (const s of this.series) {
      for (let i = 0; i < s.x.length; i++) {
        if (!finite(s.y[i])) continue;
        const d = Math.hypot(x(s.x[i]) - px, y(s.y[i]) - py);
        if (!best || d < best.d) best = { d, s, i };
      }
    }
    const ctx = this.overlayContext();
    if (!best || best.d > 40) return hideTooltip();
    ctx.fillStyle = best.s.color;
    ctx.strokeStyle = cssColor("--chart-surface");
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(x(best.s.x[best.i]), y(best.s.y[best.i]), 4.5, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
    const content = this.options.describe?.(best.s, best.i);
    if (content) showTooltip(content, event.clientX, event.clientY);
  }
}
