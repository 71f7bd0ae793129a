// The Graphs dashboard's downloads: the whole laid-out scene (every item,
// not only what is on screen, with no selection or hover marks) as an SVG
// drawn by the same code as the canvas, or as a PNG at twice its size.
import { drawScene } from "./graph-draw.js";
import { SVGContext } from "./svg-context.js";
import { cssColor } from "./theme.js";

const MARGIN = 16;
const PNG_SCALE = 2;
const MAX_PNG_SIDE = 16384; // browsers refuse larger canvases

function drawnSVG(scene, measure) {
  const ctx = new SVGContext();
  drawScene(ctx, scene, measure);
  return ctx;
}

export function graphSVG(scene, measure) {
  return drawnSVG(scene, measure).document(MARGIN, cssColor("--bg"));
}

// Resolves to a PNG Blob of what the SVG shows.
export function graphPNG(scene, measure) {
  const { left, top, right, bottom } = drawnSVG(scene, measure).bounds;
  const width = right - left + 2 * MARGIN;
  const height = bottom - top + 2 * MARGIN;
  const scale = Math.min(PNG_SCALE, MAX_PNG_SIDE / width, MAX_PNG_SIDE / height);
  const canvas = document.createElement("canvas");
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil(height * scale);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = cssColor("--bg");
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.scale(scale, scale);
  ctx.translate(MARGIN - left, MARGIN - top);
  drawScene(ctx, scene, measure);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("the browser made no PNG"))), "image/png"));
}

// Saves `blob` as `name` through a temporary link.
export function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
