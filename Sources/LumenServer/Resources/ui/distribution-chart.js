// Distributions over steps: nested percentile bands (min–max, then the
// 7%–93%, 16%–84% and 31%–69% spans of a normal curve) around the median.
import { drawAxes, drawCursorLine, labelWidth } from "./canvas.js";
import { linearScale, niceDomain } from "./scale.js";
import { runColor, withAlpha } from "./colors.js";
import { LayeredChart } from "./layered.js";
import { AXIS_KIND, axisPosition, axisDomain } from "./step-axis.js";
import { showTooltip } from "./tooltip.js";
import { h } from "./dom.js";
import { formatValue, formatStep } from "./format.js";

const HEIGHT = 240;
const PAD = { top: 12, right: 16, bottom: 24 };

export class DistributionChart extends LayeredChart {
  constructor(container, run) {
    super(container, HEIGHT);
    this.run = run;
    this.points = [];
    this.axis = "step";
  }
  // Looked up at each draw: the run's colour depends on the theme.
  get color() {
    return runColor(this.run);
  }


  // axis: step, relative or wall (step-axis.js).
  setData(basisPoints, distributions, axis) {
    this.basisPoints = basisPoints;
    this.points = distributions;
    this.axis = axis;
    this.draw();
  }

  draw() {
    const ctx = this.begin();
    if (!ctx || !this.points.length) return;
    let lo = Infinity;
    let hi = -Infinity;
    for (const p of this.points) {
      for (const v of p.values) if (v !== null && Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    }
    if (lo === Infinity) return;
    const y = linearScale(niceDomain(lo, hi, 5), [HEIGHT - PAD.bottom, PAD.top]);
    const yTicks = y.ticks(5);
    const left = Math.max(40, labelWidth(ctx, yTicks) + 4);
    const box = { left, top: PAD.top, right: this.width - PAD.right, bottom: HEIGHT - PAD.bottom };
    const position = axisPosition(this.axis, this.points);
    const x = linearScale(axisDomain(position, this.points), [box.left, box.right], AXIS_KIND[this.axis]);
    drawAxes(ctx, box, x.ticks(Math.max(2, Math.floor((box.right - box.left) / 90))), yTicks, x, y);

    // Bands pair basis point i with its mirror n-1-i, widest first.
    const n = this.basisPoints.length;
    for (let i = 0; i < Math.floor(n / 2); i++) {
      ctx.beginPath();
      this.points.forEach((p, k) => {
        const px = x(position(p));
        const py = y(p.values[i]);
        if (k) ctx.lineTo(px, py); else ctx.moveTo(px, py);
      });
      for (let k = this.points.length - 1; k >= 0; k--) ctx.lineTo(x(position(this.points[k])), y(this.points[k].values[n - 1 - i]));
      ctx.closePath();
      ctx.fillStyle = withAlpha(this.color, 0.14 + 0.1 * i);
      ctx.fill();
    }
    if (n % 2) {
      const mid = (n - 1) / 2;
      ctx.beginPath();
      this.points.forEach((p, k) => (k ? ctx.lineTo : ctx.moveTo).call(ctx, x(position(p)), y(p.values[mid])));
      ctx.strokeStyle = this.color;
      ctx.lineWidth = 1.8;
      ctx.stroke();
    }
    this.geometry = { box, x, y, position };
  }

  hover(e) {
    if (!this.geometry) return;
    const { box, x, y, position } = this.geometry;
    const mx = e.offsetX;
    if (mx < box.left || mx > box.right || e.offsetY < box.top || e.offsetY > box.bottom) return this.clearHover();
    const target = x.invert(mx);
    let best = this.points[0];
    for (const p of this.points) if (Math.abs(position(p) - target) < Math.abs(position(best) - target)) best = p;
    const ctx = this.overlayContext();
    const px = Math.round(x(position(best))) + 0.5;
    drawCursorLine(ctx, px, box);
    for (const v of best.values) {
      ctx.beginPath();
      ctx.arc(px, y(v), 2.5, 0, Math.PI * 2);
      ctx.fillStyle = this.color;
      ctx.fill();
    }
    const rows = best.values.map((v, i) => h("tr", {},
      h("th", {}, `${(this.basisPoints[i] / 100).toFixed(this.basisPoints[i] % 100 ? 2 : 0)}%`),
      h("td", { class: "num" }, formatValue(v)))).reverse();
    showTooltip(h("table", {}, h("thead", {}, h("tr", {}, h("th", { colspan: "2" }, `Step ${formatStep(best.step)}`))),
      h("tbody", {}, rows)), e.clientX, e.clientY);
  }
}
