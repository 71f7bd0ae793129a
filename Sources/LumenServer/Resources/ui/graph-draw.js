// How the Graphs dashboard paints a scene: item sizes from their labels,
// boxes for scopes, ops, parameters and inputs, and curved edges with their
// tensor shapes. Everything is drawn in graph coordinates, in the colours of
// the current theme (style.css's --graph- variables).
import { HEADER } from "./graph-scene.js";
import { cssColor } from "./theme.js";

const FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const FONTS = {
  scope: `600 12px ${FAMILY}`,
  node: `12px ${FAMILY}`,
  small: `11px ${FAMILY}`,
  label: `10px ${FAMILY}`,
};
const accent = () => cssColor("--accent");
// Fill, border and text of a kind of item: scope, open, op, parameter or io.
const styleFor = (kind) => ({
  fill: cssColor(`--graph-${kind}-fill`),
  stroke: cssColor(`--graph-${kind}-stroke`),
  text: cssColor(`--graph-${kind}-text`),
});
const MAX_WIDTH = { scope: 260, op: 220, parameter: 150, io: 200 };

const scratch = document.createElement("canvas").getContext("2d");

function textWidth(text, font) {
  scratch.font = font;
  return scratch.measureText(text).width;
}

// The text cut with an ellipsis to fit `width`.
function fitText(text, font, width) {
  if (textWidth(text, font) <= width) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (textWidth(`${text.slice(0, mid)}…`, font) <= width) lo = mid; else hi = mid - 1;
  }
  return `${text.slice(0, lo)}…`;
}

function styleOf(item) {
  return item.isScope ? "scope" : item.kind;
}

// Size and fitted label of an item drawn closed, or of an open scope's title strip.
export function measureItem(item, open = false) {
  if (item.isScope) {
    const count = String(item.size);
    const room = 26 + 10 + textWidth(count, FONTS.small) + 10;
    const text = fitText(item.label, FONTS.scope, MAX_WIDTH.scope - room);
    return { w: Math.ceil(room + textWidth(text, FONTS.scope)), h: open ? HEADER : 32, text, count };
  }
  const kind = styleOf(item);
  const font = kind === "parameter" ? FONTS.small : FONTS.node;
  const pad = kind === "parameter" ? 14 : 20;
  const text = fitText(item.label, font, MAX_WIDTH[kind] - pad);
  return { w: Math.max(kind === "parameter" ? 36 : 48, Math.ceil(textWidth(text, font) + pad)), h: kind === "parameter" ? 20 : 26, text };
}

// A closed item; `state` is "selected", "hover" or "".
export function drawItem(ctx, box, size, state) {
  const kind = styleOf(box.item);
  const style = styleFor(kind);
  const radius = kind === "op" ? 5 : kind === "scope" ? 8 : box.h / 2;
  ctx.beginPath();
  ctx.roundRect(box.x, box.y, box.w, box.h, radius);
  ctx.fillStyle = style.fill;
  ctx.fill();
  ctx.lineWidth = state === "selected" ? 2.5 : state === "hover" ? 1.8 : 1;
  ctx.strokeStyle = state === "selected" ? accent() : style.stroke;
  ctx.stroke();
  ctx.fillStyle = style.text;
  ctx.textBaseline = "middle";
  const middle = box.y + box.h / 2;
  if (kind === "scope") {
    drawGlyph(ctx, box.x + 14, middle, true, style.stroke);
    ctx.font = FONTS.scope;
    ctx.textAlign = "left";
    ctx.fillStyle = style.text;
    ctx.fillText(size.text, box.x + 26, middle);
    ctx.font = FONTS.small;
    ctx.textAlign = "right";
    ctx.fillStyle = cssColor("--graph-scope-count");
    ctx.fillText(size.count, box.x + box.w - 10, middle);
  } else {
    ctx.font = kind === "parameter" ? FONTS.small : FONTS.node;
    ctx.textAlign = "center";
    ctx.fillText(size.text, box.x + box.w / 2, middle);
  }
}

// An open scope: a box with a title strip the user clicks to close it.
export function drawOpenScope(ctx, box, size, state) {
  const style = styleFor("open");
  ctx.beginPath();
  ctx.roundRect(box.x, box.y, box.w, box.h, 10);
  ctx.fillStyle = style.fill;
  ctx.fill();
  ctx.lineWidth = state === "selected" ? 2.5 : state === "hover" ? 1.8 : 1.2;
  ctx.strokeStyle = state === "selected" ? accent() : style.stroke;
  ctx.stroke();
  const middle = box.y + HEADER / 2 + 1;
  drawGlyph(ctx, box.x + 14, middle, false, style.stroke);
  ctx.font = FONTS.scope;
  ctx.textAlign = "left";
  ctx.textBaseline = "middle";
  ctx.fillStyle = style.text;
  ctx.fillText(size.text, box.x + 26, middle);
}

// ⊕ on closed scopes, ⊖ on open ones.
function drawGlyph(ctx, x, y, plus, color) {
  ctx.beginPath();
  ctx.arc(x, y, 6, 0, 2 * Math.PI);
  ctx.fillStyle = cssColor("--graph-glyph-fill");
  ctx.fill();
  ctx.lineWidth = 1;
  ctx.strokeStyle = color;
  ctx.stroke();
  ctx.beginPath();
  ctx.moveTo(x - 3, y);
  ctx.lineTo(x + 3, y);
  if (plus) { ctx.moveTo(x, y - 3); ctx.lineTo(x, y + 3); }
  ctx.strokeStyle = cssColor("--graph-scope-glyph");
  ctx.stroke();
}

// A smooth curve through the edge's points (vertical at each point), an
// arrowhead at the target, thicker for edges standing for several.
export function drawEdge(ctx, edge, highlighted) {
  const p = edge.points;
  ctx.beginPath();
  ctx.moveTo(p[0].x, p[0].y);
  for (let i = 1; i < p.length; i++) {
    const dy = (p[i].y - p[i - 1].y) / 2;
    ctx.bezierCurveTo(p[i - 1].x, p[i - 1].y + dy, p[i].x, p[i].y - dy, p[i].x, p[i].y);
  }
  const color = highlighted ? accent() : cssColor("--graph-edge");
  ctx.strokeStyle = color;
  ctx.lineWidth = Math.min(4, 1 + Math.log2(edge.count)) + (highlighted ? 0.8 : 0);
  ctx.stroke();
  const end = p[p.length - 1];
  const direction = end.y >= p[p.length - 2].y ? 1 : -1;
  ctx.beginPath();
  ctx.moveTo(end.x, end.y);
  ctx.lineTo(end.x - 4, end.y - 8 * direction);
  ctx.lineTo(end.x + 4, end.y - 8 * direction);
  ctx.closePath();
  ctx.fillStyle = color;
  ctx.fill();
}

// The edge's shape (or "3 tensors") beside the middle of its curve, unless
// it would overlap a label in `taken` (boxes of the labels drawn so far).
export function drawEdgeLabel(ctx, edge, taken) {
  if (!edge.label) return;
  const p = edge.points;
  const k = edge.labelAt;
  const x = (p[k].x + p[k + 1].x) / 2 + 5;
  const y = (p[k].y + p[k + 1].y) / 2;
  ctx.font = FONTS.label;
  const box = { left: x - 2, right: x + ctx.measureText(edge.label).width + 2, top: y - 7, bottom: y + 7 };
  if (taken.some((t) => t.left < box.right && box.left < t.right && t.top < box.bottom && box.top < t.bottom)) return;
  taken.push(box);
  ctx.textAlign = "left";
  ctx.textBaseline = "middle";
  ctx.lineWidth = 3;
  ctx.strokeStyle = cssColor("--graph-label-halo");
  ctx.strokeText(edge.label, x, y);
  ctx.fillStyle = cssColor("--graph-label");
  ctx.fillText(edge.label, x, y);
}

// The whole scene, or (`visible`) the part of it on screen: open scopes at the
// back, then edges (those of the selected item on top), then closed items,
// then edge labels when `labels`. measure(item, open) sizes an item;
// stateOf(item) is "selected", "hover" or ""; lit(edge) marks an edge of the selection.
export function drawScene(ctx, scene, measure, { visible = () => true, stateOf = () => "", lit = () => false, labels = true } = {}) {
  const leaves = [];
  for (const box of scene.items) {
    if (!visible(box)) continue;
    if (box.open) drawOpenScope(ctx, box, measure(box.item, true), stateOf(box.item));
    else leaves.push(box);
  }
  const edges = scene.edges.filter((edge) => visible(edgeBounds(edge.points)));
  for (const edge of edges) if (!lit(edge)) drawEdge(ctx, edge, false);
  for (const edge of edges) if (lit(edge)) drawEdge(ctx, edge, true);
  for (const box of leaves) drawItem(ctx, box, measure(box.item), stateOf(box.item));
  if (labels) {
    const taken = []; // label boxes drawn so far: a label that would overlap one is left out
    for (const edge of edges) drawEdgeLabel(ctx, edge, taken);
  }
}

function edgeBounds(points) {
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const p of points) {
    left = Math.min(left, p.x); right = Math.max(right, p.x);
    top = Math.min(top, p.y); bottom = Math.max(bottom, p.y);
  }
  return { x: left, y: top, w: right - left, h: bottom - top };
}
