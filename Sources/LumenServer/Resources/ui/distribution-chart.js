// Distributions over steps: nested percentile bands (min–max, then the
// 7%–93%, 16%–84% and 31%–69% spans of a normal curve) around the median.
import { drawAxes, labelWidth } from "./canvas.js";
import { linearScale, niceDomain } from "./scale.js";
import { runColor, withAlpha } from "./colors.js";
import { cssColor } from "./theme.js";
import { LayeredChart } from "./layered.js";
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
  }
  // Looked up at each draw: the run's colour depends on the theme.
  get color() {
    return runColor(this.run);
  }


  setData(basisPoints, distributions) {
    this.basisPoints = basisPoints;
    this.points = distributions;
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
    const first = this.points[0].step;
    const last = this.points[this.points.length - 1].step;
    const x = linearScale(first === last ? [first - 1, last + 1] : [first, last], [box.left, box.right]);
    drawAxes(ctx, box, x.ticks(Math.max(2, Math.floor((box.right - box.left) / 90))), yTicks, x, y);

    // Bands pair basis point i with its mirror n-1-i, widest first.
    const n = this.basisPoints.length;
    for (let i = 0; i < Math.floor(n / 2); i++) {
      ctx.beginPath();
      this.points.forEach((p, k) => {
        const px = x(p.step);
        const py = y(p.values[i]);
        if (k) ctx.lineTo(px, py); else ctx.moveTo(px, py);
      });
      for (let k = this.points.length - 1; k >= 0; k--) ctx.lineTo(x(this.points[k].step), y(this.points[k].values[n - 1 - i]));
      ctx.closePath();
      ctx.fillStyle = withAlpha(this.color, 0.14 + 0.1 * i);
      ctx.fill();
    }
    if (n % 2) {
      const mid = (n - 1) / 2;
      ctx.beginPath();
      this.points.forEach((p, k) => (k ? ctx.lineTo : ctx.moveTo).call(ctx, x(p.step), y(p.values[mid])));
      ctx.strokeStyle = this.color;
      ctx.lineWidth = 1.8;
      ctx.stroke();
    }
    this.geometry = { box, x, y };
  }

  hover(e) {
    if (!this.geometry) return;
    const { box, x, y } = this.geometry;
    const mx = e.offsetX;
    if (mx < box.left || mx > box.right || e.offsetY < box.top || e.offsetY > box.bottom) return this.clearHover();
    const target = x.invert(mx);
    let best = this.points[0];
    for (const p of this.points) if (Math.abs(p.step - target) < Math.abs(best.step - target)) best = p;
    const ctx = this.overlayContext();
    const px = Math.round(x(best.step)) + 0.5;
    ctx.strokeStyle = cssColor("--chart-crosshair");
    ctx.setLineDash([3, 3]);
    ctx.beginPath();
    ctx.moveTo(px, box.top);
    ctx.lineTo(px, box.bottom);
    ctx.stroke();
    ctx.setLineDash([]);
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
