// Canvas helpers: crisp drawing on HiDPI screens and the shared axis style,
// in the colours of the current theme.
import { cssColor } from "./theme.js";

export const FONT = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

// Size the backing store to CSS size × devicePixelRatio and scale the
// context, so callers draw in CSS pixels and lines stay sharp.
export function prepareCanvas(canvas, width, height) {
  const dpr = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(width * dpr));
  const h = Math.max(1, Math.round(height * dpr));
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
  }
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext("2d");
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return ctx;
}

// Widths of tick labels in FONT, measured once each: measuring on a canvas
// resolves its style, which costs a layout while other cards are redrawing.
const labelWidths = new Map();

// Width the y-axis labels need, so the plot starts right after them.
export function labelWidth(ctx, ticks) {
  let widest = 0;
  for (const t of ticks) {
    let width = labelWidths.get(t.label);
    if (width === undefined) {
      if (labelWidths.size > 4096) labelWidths.clear();
      ctx.font = FONT;
      width = ctx.measureText(t.label).width;
      labelWidths.set(t.label, width);
    }
    widest = Math.max(widest, width);
  }
  return Math.ceil(widest) + 10;
}

// The dashed vertical line of a chart's cursor at x = px, over the plot box.
export function drawCursorLine(ctx, px, box) {
  ctx.strokeStyle = cssColor("--chart-crosshair");
  ctx.setLineDash([3, 3]);
  ctx.beginPath();
  ctx.moveTo(px, box.top);
  ctx.lineTo(px, box.bottom);
  ctx.stroke();
  ctx.setLineDash([]);
}

// Gridlines, frame and tick labels for a plot rectangle {left, top, right, bottom}.
export function drawAxes(ctx, box, xTicks, yTicks, x, y) {
  ctx.save();
  ctx.font = FONT;
  ctx.lineWidth = 1;
  ctx.strokeStyle = cssColor("--chart-grid");
  ctx.beginPath();
  for (const t of yTicks) {
    const py = Math.round(y(t.value)) + 0.5;
    ctx.moveTo(box.left, py);
    ctx.lineTo(box.right, py);
  }
  for (const t of xTicks) {
    const px = Math.round(x(t.value)) + 0.5;
    ctx.moveTo(px, box.top);
    ctx.lineTo(px, box.bottom);
  }
  ctx.stroke();

  ctx.strokeStyle = cssColor("--chart-axis");
  ctx.beginPath();
  ctx.moveTo(box.left + 0.5, box.top);
  ctx.lineTo(box.left + 0.5, box.bottom + 0.5);
  ctx.lineTo(box.right, box.bottom + 0.5);
  ctx.stroke();

  ctx.fillStyle = cssColor("--chart-label");
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  for (const t of yTicks) ctx.fillText(t.label, box.left - 6, y(t.value));
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  let lastRight = -Infinity;
  for (const t of xTicks) {
    const px = x(t.value);
    const w = ctx.measureText(t.label).width;
    // Skip labels that would overlap their left neighbour.
    if (px - w / 2 < lastRight + 6 || px + w / 2 > box.right + 20) continue;
    ctx.fillText(t.label, px, box.bottom + 5);
    lastRight = px + w / 2;
  }
  ctx.restore();
}

// `text`, cut with an ellipsis to fit `width` pixels.
export function fitText(ctx, text, width) {
  if (ctx.measureText(text).width <= width) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ctx.measureText(text.slice(0, mid) + "…").width <= width) lo = mid; else hi = mid - 1;
  }
  return text.slice(0, lo) + "…";
}
