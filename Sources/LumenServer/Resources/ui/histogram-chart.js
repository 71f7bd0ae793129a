// Histograms over time. Offset mode: TensorBoard-style ridgelines, one per
// step, newest in front at the bottom, older ones further back and fainter.
// Overlay mode: every step on the same axes, older steps fainter.
import { drawAxes, labelWidth, FONT } from "./canvas.js";
import { linearScale, niceDomain } from "./scale.js";
import { runColor, withAlpha } from "./colors.js";
import { cssColor } from "./theme.js";
import { LayeredChart } from "./layered.js";
import { AXIS_KIND, axisPosition, axisDomain } from "./step-axis.js";
import { showTooltip } from "./tooltip.js";
import { h } from "./dom.js";
import { formatValue, formatStep, formatDateTime } from "./format.js";

const HEIGHT = 260;
const BINS = 40;        // common bins so ridges are comparable step to step
const MAX_RIDGES = 30;  // beyond this ridges blur together; sample evenly

// Spread each bucket's count over equal-width bins of [lo, hi] in proportion
// to overlap, so differently-bucketed steps share one x grid.
function rebin(hist, lo, hi) {
  const width = (hi - lo) / BINS || 1;
  const counts = new Float64Array(BINS);
  for (const [left, right, count] of hist.buckets) {
    const l = Math.max(left, hist.min);
    const r = Math.min(right, hist.max);
    if (!(r > l)) {
      counts[Math.min(BINS - 1, Math.max(0, Math.floor((l - lo) / width)))] += count;
      continue;
    }
    const first = Math.max(0, Math.floor((l - lo) / width));
    const last = Math.min(BINS - 1, Math.floor((r - lo) / width));
    for (let b = first; b <= last; b++) {
      const overlap = Math.min(r, lo + (b + 1) * width) - Math.max(l, lo + b * width);
      if (overlap > 0) counts[b] += (count * overlap) / (r - l);
    }
  }
  return counts;
}

function sample(list, max) {
  if (list.length <= max) return list;
  const out = [];
  for (let i = 0; i < max; i++) out.push(list[Math.round((i * (list.length - 1)) / (max - 1))]);
  return out;
}

export class HistogramChart extends LayeredChart {
  constructor(container, run) {
    super(container, HEIGHT);
    this.run = run;
    this.ridges = [];
    this.mode = "offset";
    this.axis = "step";
  }
  // Looked up at each draw: the run's colour depends on the theme.
  get color() {
    return runColor(this.run);
  }


  // axis: where offset ridges stand (step, relative or wall; step-axis.js).
  setData(histograms, mode, axis) {
    this.mode = mode;
    this.axis = axis;
    // An empty histogram has no meaningful range; it cannot be drawn.
    const drawable = histograms.filter((hist) => hist.num > 0 && Number.isFinite(hist.min) && Number.isFinite(hist.max));
    const shown = sample(drawable, MAX_RIDGES);
    let lo = Infinity;
    let hi = -Infinity;
    for (const hist of shown) { lo = Math.min(lo, hist.min); hi = Math.max(hi, hist.max); }
    if (!(hi > lo)) { lo -= 0.5; hi += 0.5; }
    this.range = [lo, hi];
    this.ridges = shown.map((hist) => ({ hist, counts: rebin(hist, lo, hi) }));
    this.maxCount = Math.max(1e-9, ...this.ridges.map((r) => Math.max(...r.counts)));
    this.draw();
  }

  draw() {
    const ctx = this.begin();
    if (!ctx || !this.ridges.length) return;
    const offset = this.mode === "offset";
    const top = 12;
    const bottom = this.height - 24;
    const count = linearScale(niceDomain(0, this.maxCount, 4), [bottom, top]);
    const position = axisPosition(this.axis, this.ridges.map((r) => r.hist));
    const stepDomain = axisDomain(position, this.ridges.map((r) => r.hist));
    const stepTicks = linearScale(stepDomain, [0, 1], AXIS_KIND[this.axis]).ticks(4);
    const left = offset ? 16 : Math.max(40, labelWidth(ctx, count.ticks(4)) + 4);
    const rightPad = offset ? Math.max(44, labelWidth(ctx, stepTicks) + 8) : 16;
    const box = { left, top, right: this.width - rightPad, bottom };
    const x = linearScale(this.range, [box.left, box.right]);
    const bin = (b) => this.range[0] + ((b + 0.5) * (this.range[1] - this.range[0])) / BINS;

    // Offset: each ridge stands on its step's baseline; the tallest peak
    // reaches half the plot so neighbours overlap like a ridgeline plot.
    // Overlay: all share the count axis.
    const peak = (box.bottom - box.top) * 0.5;
    const stepY = linearScale(stepDomain, [box.top + peak, box.bottom]);
    const baseline = (ridge) => (offset ? stepY(position(ridge.hist)) : box.bottom);
    const yOf = offset ? (ridge, c) => baseline(ridge) - (c / this.maxCount) * peak : (ridge, c) => count(c);

    const xTicks = x.ticks(Math.max(2, Math.floor((box.right - box.left) / 90)));
    drawAxes(ctx, box, xTicks, offset ? [] : count.ticks(4), x, count);
    if (offset) drawStepLabels(ctx, box, stepY, stepTicks);

    const n = this.ridges.length;
    this.ridges.forEach((ridge, i) => {
      const age = n > 1 ? i / (n - 1) : 1; // 0 oldest … 1 newest
      ctx.beginPath();
      ctx.moveTo(x(this.range[0]), baseline(ridge));
      ridge.counts.forEach((c, b) => ctx.lineTo(x(bin(b)), yOf(ridge, c)));
      ctx.lineTo(x(this.range[1]), baseline(ridge));
      if (offset) {
        ctx.fillStyle = cssColor("--chart-surface"); // hide the ridges behind this one
        ctx.fill();
        ctx.fillStyle = withAlpha(this.color, 0.08 + 0.3 * age);
        ctx.fill();
      }
      ctx.strokeStyle = withAlpha(this.color, 0.25 + 0.75 * age);
      ctx.lineWidth = i === n - 1 ? 1.6 : 1;
      ctx.stroke();
    });
    this.geometry = { box, x, bin, baseline, yOf };
  }

  hover(e) {
    if (!this.geometry) return;
    const { box, x, bin, baseline, yOf } = this.geometry;
    const mx = e.offsetX;
    const my = e.offsetY;
    if (mx < box.left || mx > box.right || my < box.top - 4 || my > box.bottom + 4) return this.clearHover();
    const b = Math.min(BINS - 1, Math.max(0, Math.floor(((x.invert(mx) - this.range[0]) / (this.range[1] - this.range[0])) * BINS)));
    // Offset: the ridge whose baseline is nearest below the pointer.
    // Overlay: the curve passing closest to the pointer.
    let best = null;
    let bestDist = Infinity;
    for (const ridge of this.ridges) {
      const d = this.mode === "offset" ? baseline(ridge) - my : Math.abs(yOf(ridge, ridge.counts[b]) - my);
      const score = this.mode === "offset" ? (d >= -6 ? d : Infinity) : d;
      if (score < bestDist) { bestDist = score; best = ridge; }
    }
    best ??= this.ridges[this.ridges.length - 1];
    const ctx = this.overlayContext();
    ctx.beginPath();
    ctx.moveTo(x(this.range[0]), baseline(best));
    best.counts.forEach((c, i) => ctx.lineTo(x(bin(i)), yOf(best, c)));
    ctx.lineTo(x(this.range[1]), baseline(best));
    ctx.strokeStyle = cssColor("--chart-marker");
    ctx.lineWidth = 1.8;
    ctx.stroke();
    ctx.beginPath();
    ctx.arc(x(bin(b)), yOf(best, best.counts[b]), 4, 0, Math.PI * 2);
    ctx.fillStyle = this.color;
    ctx.fill();
    ctx.strokeStyle = cssColor("--chart-surface");
    ctx.stroke();

    const width = (this.range[1] - this.range[0]) / BINS;
    const l = this.range[0] + b * width;
    showTooltip(h("table", {}, h("tbody", {},
      row("Step", formatStep(best.hist.step)),
      row("Bucket", `[${formatValue(l)}, ${formatValue(l + width)})`),
      row("Count", formatValue(best.counts[b])),
      row("Time", formatDateTime(best.hist.wallTime)))), e.clientX, e.clientY);
  }
}

function row(label, value) {
  return h("tr", {}, h("th", {}, label), h("td", { class: "num" }, value));
}

// Step labels at the ridges' baselines, right of the plot.
function drawStepLabels(ctx, box, stepY, ticks) {
  ctx.save();
  ctx.font = FONT;
  ctx.fillStyle = cssColor("--chart-label");
  ctx.textAlign = "left";
  ctx.textBaseline = "middle";
  for (const t of ticks) ctx.fillText(t.label, box.right + 6, stepY(t.value));
  ctx.restore();
}
