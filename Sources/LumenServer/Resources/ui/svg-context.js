// The part of CanvasRenderingContext2D that the graph's drawing uses, writing
// SVG elements instead of pixels: the same drawing code makes the graph's SVG
// export. Paths (moveTo, lineTo, bezierCurveTo, arc, roundRect, closePath),
// fill / stroke, fillText / strokeText and measureText, with fillStyle,
// strokeStyle, lineWidth, font, textAlign and textBaseline. It keeps the
// bounds of what it drew (labels stick out of the scene's laid-out box).
const ANCHOR = { left: "start", start: "start", center: "middle", right: "end", end: "end" };
const BASELINE = { middle: "central", top: "hanging", hanging: "hanging", bottom: "text-after-edge", alphabetic: "alphabetic" };

const n = (v) => String(Math.round(v * 100) / 100);
const escape = (text) => String(text).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

export class SVGContext {
  constructor() {
    this.parts = [];
    this.path = "";
    this.fillStyle = "#000";
    this.strokeStyle = "#000";
    this.lineWidth = 1;
    this.font = "10px sans-serif";
    this.textAlign = "start";
    this.textBaseline = "alphabetic";
    this.measurer = document.createElement("canvas").getContext("2d");
    this.bounds = { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity };
  }

  include(x, y) {
    const b = this.bounds;
    b.left = Math.min(b.left, x); b.right = Math.max(b.right, x);
    b.top = Math.min(b.top, y); b.bottom = Math.max(b.bottom, y);
  }

  beginPath() { this.path = ""; }
  moveTo(x, y) { this.include(x, y); this.path += `M${n(x)} ${n(y)}`; }
  lineTo(x, y) { this.include(x, y); this.path += `L${n(x)} ${n(y)}`; }
  bezierCurveTo(x1, y1, x2, y2, x, y) {
    for (const [px, py] of [[x1, y1], [x2, y2], [x, y]]) this.include(px, py); // the curve stays within its control points
    this.path += `C${n(x1)} ${n(y1)} ${n(x2)} ${n(y2)} ${n(x)} ${n(y)}`;
  }
  closePath() { this.path += "Z"; }

  // Clockwise from a0 to a1 (radians), as the canvas draws without `counterclockwise`.
  arc(x, y, r, a0, a1) {
    this.include(x - r, y - r);
    this.include(x + r, y + r);
    const at = (a) => `${n(x + r * Math.cos(a))} ${n(y + r * Math.sin(a))}`;
    const sweep = Math.min(2 * Math.PI, a1 - a0);
    this.path += `${this.path ? "L" : "M"}${at(a0)}`;
    if (sweep >= 2 * Math.PI - 1e-9) { // a whole circle is two half arcs
      this.path += `A${n(r)} ${n(r)} 0 1 1 ${at(a0 + Math.PI)}A${n(r)} ${n(r)} 0 1 1 ${at(a0)}`;
    } else {
      this.path += `A${n(r)} ${n(r)} 0 ${sweep > Math.PI ? 1 : 0} 1 ${at(a1)}`;
    }
  }

  roundRect(x, y, w, h, radius) {
    this.include(x, y);
    this.include(x + w, y + h);
    const r = Math.min(radius, w / 2, h / 2);
    const arc = (ex, ey) => `A${n(r)} ${n(r)} 0 0 1 ${n(ex)} ${n(ey)}`;
    this.path += `M${n(x + r)} ${n(y)}H${n(x + w - r)}${arc(x + w, y + r)}V${n(y + h - r)}${arc(x + w - r, y + h)}` +
      `H${n(x + r)}${arc(x, y + h - r)}V${n(y + r)}${arc(x + r, y)}Z`;
  }

  fill() {
    this.parts.push(`<path d="${this.path}" fill="${escape(this.fillStyle)}"/>`);
  }

  stroke() {
    this.parts.push(`<path d="${this.path}" fill="none" stroke="${escape(this.strokeStyle)}" stroke-width="${n(this.lineWidth)}"/>`);
  }

  text(text, x, y, paint) {
    const width = this.measureText(text).width;
    const left = this.textAlign === "center" ? x - width / 2 : ["right", "end"].includes(this.textAlign) ? x - width : x;
    const size = parseFloat(this.font.match(/([\d.]+)px/)?.[1] ?? "10");
    this.include(left - this.lineWidth, y - size);
    this.include(left + width + this.lineWidth, y + size);
    this.parts.push(`<text x="${n(x)}" y="${n(y)}" style="font: ${escape(this.font)}" ` +
      `text-anchor="${ANCHOR[this.textAlign] ?? "start"}" dominant-baseline="${BASELINE[this.textBaseline] ?? "alphabetic"}" ` +
      `${paint}>${escape(text)}</text>`);
  }

  fillText(text, x, y) {
    this.text(text, x, y, `fill="${escape(this.fillStyle)}"`);
  }

  strokeText(text, x, y) {
    this.text(text, x, y, `fill="none" stroke="${escape(this.strokeStyle)}" stroke-width="${n(this.lineWidth)}" stroke-linejoin="round"`);
  }

  measureText(text) {
    this.measurer.font = this.font;
    return this.measurer.measureText(text);
  }

  // The SVG document of everything drawn, on `background`, with `margin` around the bounds.
  document(margin, background) {
    const { left, top, right, bottom } = this.bounds;
    const [x, y, w, h] = [left - margin, top - margin, right - left + 2 * margin, bottom - top + 2 * margin];
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${n(w)}" height="${n(h)}" viewBox="${n(x)} ${n(y)} ${n(w)} ${n(h)}">` +
      `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="${escape(background)}"/>${this.parts.join("")}</svg>\n`;
  }
}
