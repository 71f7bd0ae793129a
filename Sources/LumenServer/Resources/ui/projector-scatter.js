// The projector's scatter plot: every point drawn as pixels into one ImageData
// (100,000 points redraw in a few milliseconds), 2-D or 3-D. In 3-D a drag
// rotates and the points are seen in perspective; in 2-D a drag pans. The
// wheel zooms; with the canvas focused, arrow keys rotate (3-D) or pan (2-D),
// + and − zoom, 0 resets the view. Hover and click find the nearest drawn
// point; the selected point and its neighbours are ringed and labelled.
import { prepareCanvas, FONT } from "./canvas.js";
import { cssColor } from "./theme.js";

const HIT_RADIUS = 8; // px within which the pointer is on a point

export class ScatterView {
  // onHover(index | -1, clientX, clientY), onSelect(index | -1)
  constructor(box, { onHover, onSelect }) {
    this.box = box;
    this.canvas = document.createElement("canvas");
    this.canvas.className = "projector-canvas";
    this.canvas.tabIndex = 0;
    this.canvas.setAttribute("role", "img");
    this.canvas.setAttribute("aria-label", "Scatter plot of the embedding: drag to rotate or pan, wheel or + and − to zoom, arrow keys to rotate or pan, 0 to reset");
    box.append(this.canvas);
    this.onHover = onHover;
    this.onSelect = onSelect;
    this.points = null; // Float32Array, n × dims
    this.dims = 2;
    this.colors = null; // Uint32Array of ABGR per point
    this.highlight = []; // { index, label, kind: "selected" | "neighbor" }
    this.screen = null; // Float32Array n × 2 of drawn positions (NaN when behind the eye)
    this.resetView();
    this.abort = new AbortController();
    const signal = this.abort.signal;
    this.canvas.addEventListener("pointerdown", (e) => this.pointerDown(e), { signal });
    this.canvas.addEventListener("pointermove", (e) => this.pointerMove(e), { signal });
    this.canvas.addEventListener("pointerup", (e) => this.pointerUp(e), { signal });
    this.canvas.addEventListener("pointerleave", () => this.onHover(-1), { signal });
    this.canvas.addEventListener("wheel", (e) => {
      e.preventDefault();
      this.zoomBy(Math.exp(-e.deltaY * 0.0015));
    }, { signal, passive: false });
    this.canvas.addEventListener("keydown", (e) => this.key(e), { signal });
    this.resize = new ResizeObserver(() => this.draw());
    this.resize.observe(box);
  }

  resetView() {
    this.yaw = 0.6;
    this.pitch = 0.35;
    this.zoom = 1;
    this.pan = [0, 0];
  }

  // points: Float32Array of n × dims coordinates (dims 2 or 3).
  setPoints(points, dims) {
    this.points = points;
    this.dims = dims;
    this.normalize();
    this.draw();
  }

  setColors(colors) {
    this.colors = colors;
    this.draw();
  }

  setHighlight(highlight) {
    this.highlight = highlight;
    this.draw();
  }

  // Centre and scale the points into [-1, 1] (one scale for every axis, so
  // distances keep their proportions).
  normalize() {
    const { points, dims } = this;
    const n = points.length / dims;
    const lo = new Array(dims).fill(Infinity), hi = new Array(dims).fill(-Infinity);
    for (let i = 0; i < n; i++) {
      for (let d = 0; d < dims; d++) {
        const v = points[i * dims + d];
        if (Number.isFinite(v)) { lo[d] = Math.min(lo[d], v); hi[d] = Math.max(hi[d], v); }
      }
    }
    this.centre = lo.map((l, d) => (Number.isFinite(l) ? (l + hi[d]) / 2 : 0));
    const span = Math.max(...hi.map((h, d) => h - lo[d]).filter(Number.isFinite), 1e-12);
    this.scale = 2 / span;
  }

  draw() {
    const { width, height } = this.box.getBoundingClientRect();
    if (!width || !height) return;
    const ctx = prepareCanvas(this.canvas, width, height);
    ctx.fillStyle = cssColor("--chart-surface");
    ctx.fillRect(0, 0, width, height);
    if (!this.points) return;
    const ratio = window.devicePixelRatio || 1;
    const pw = Math.round(width * ratio), ph = Math.round(height * ratio);
    const n = this.points.length / this.dims;
    this.screen = new Float32Array(n * 2);
    const image = ctx.getImageData(0, 0, pw, ph);
    const pixels = new Uint32Array(image.data.buffer);
    const size = n > 20000 ? 1 : n > 2000 ? 2 : 3;
    const half = Math.min(width, height) / 2 * 0.9 * this.zoom;
    const cx = width / 2 + this.pan[0], cy = height / 2 + this.pan[1];
    const [cosY, sinY, cosP, sinP] = [Math.cos(this.yaw), Math.sin(this.yaw), Math.cos(this.pitch), Math.sin(this.pitch)];
    const fallback = 0xff3c6ee8 >>> 0;
    const { points, dims, centre, scale } = this;
    // Far points first, so near ones cover them.
    const order = dims === 3 ? new Uint32Array(n) : null;
    const depth = dims === 3 ? new Float32Array(n) : null;
    for (let i = 0; i < n; i++) {
      let x = (points[i * dims] - centre[0]) * scale;
      let y = (points[i * dims + 1] - centre[1]) * scale;
      let sx, sy;
      if (dims === 3) {
        const z = (points[i * dims + 2] - centre[2]) * scale;
        const x1 = x * cosY + z * sinY, z1 = -x * sinY + z * cosY;
        const y1 = y * cosP - z1 * sinP, z2 = y * sinP + z1 * cosP;
        const eye = 3.2 / (3.2 - z2 * 0.9); // perspective: nearer is larger
        sx = cx + x1 * half * eye;
        sy = cy - y1 * half * eye;
        depth[i] = z2;
        order[i] = i;
      } else {
        sx = cx + x * half;
        sy = cy - y * half;
      }
      this.screen[i * 2] = sx;
      this.screen[i * 2 + 1] = sy;
    }
    if (order) order.sort((a, b) => depth[a] - depth[b]);
    for (let k = 0; k < n; k++) {
      const i = order ? order[k] : k;
      const px = Math.round(this.screen[i * 2] * ratio), py = Math.round(this.screen[i * 2 + 1] * ratio);
      if (!(px >= 0 && py >= 0 && px < pw && py < ph)) continue;
      const color = this.colors ? this.colors[i] : fallback;
      const s = Math.round(size * ratio);
      for (let dy = 0; dy < s && py + dy < ph; dy++) {
        const row = (py + dy) * pw;
        for (let dx = 0; dx < s && px + dx < pw; dx++) pixels[row + px + dx] = color;
      }
    }
    ctx.putImageData(image, 0, 0);
    this.drawHighlight(ctx);
  }

  drawHighlight(ctx) {
    ctx.font = FONT;
    ctx.textBaseline = "middle";
    for (const { index, label, kind } of this.highlight) {
      const x = this.screen[index * 2], y = this.screen[index * 2 + 1];
      if (!Number.isFinite(x)) continue;
      ctx.beginPath();
      ctx.arc(x, y, kind === "selected" ? 7 : 5, 0, Math.PI * 2);
      ctx.lineWidth = kind === "selected" ? 2.5 : 1.5;
      ctx.strokeStyle = kind === "selected" ? cssColor("--accent") : cssColor("--focus");
      ctx.stroke();
      if (label) {
        ctx.lineWidth = 3;
        ctx.strokeStyle = cssColor("--chart-surface");
        ctx.strokeText(label, x + 9, y);
        ctx.fillStyle = cssColor("--text");
        ctx.fillText(label, x + 9, y);
      }
    }
  }

  // The drawn point nearest (x, y) in CSS pixels of the canvas, or -1.
  pointAt(x, y) {
    if (!this.screen) return -1;
    let best = -1, bestDistance = HIT_RADIUS * HIT_RADIUS;
    for (let i = 0; i < this.screen.length / 2; i++) {
      const dx = this.screen[i * 2] - x, dy = this.screen[i * 2 + 1] - y;
      const d = dx * dx + dy * dy;
      if (d < bestDistance) { bestDistance = d; best = i; }
    }
    return best;
  }

  pointerDown(e) {
    this.drag = { x: e.clientX, y: e.clientY, moved: false };
    this.canvas.setPointerCapture(e.pointerId);
  }

  pointerMove(e) {
    if (this.drag) {
      const dx = e.clientX - this.drag.x, dy = e.clientY - this.drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 2) this.drag.moved = true;
      if (this.drag.moved) {
        this.drag.x = e.clientX;
        this.drag.y = e.clientY;
        this.moveBy(dx, dy);
        return;
      }
    }
    const rect = this.canvas.getBoundingClientRect();
    this.onHover(this.pointAt(e.clientX - rect.left, e.clientY - rect.top), e.clientX, e.clientY);
  }

  pointerUp(e) {
    const drag = this.drag;
    this.drag = null;
    if (drag && !drag.moved) {
      const rect = this.canvas.getBoundingClientRect();
      this.onSelect(this.pointAt(e.clientX - rect.left, e.clientY - rect.top));
    }
  }

  // Rotate (3-D) or pan (2-D) by a pointer move of (dx, dy) px.
  moveBy(dx, dy) {
    if (this.dims === 3) {
      this.yaw += dx * 0.01;
      this.pitch = Math.max(-1.55, Math.min(1.55, this.pitch + dy * 0.01));
    } else {
      this.pan = [this.pan[0] + dx, this.pan[1] + dy];
    }
    this.draw();
  }

  zoomBy(factor) {
    this.zoom = Math.max(0.05, Math.min(200, this.zoom * factor));
    this.draw();
  }

  key(e) {
    const step = 20;
    const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    if (moves[e.key]) this.moveBy(...moves[e.key]);
    else if (e.key === "+" || e.key === "=") this.zoomBy(1.25);
    else if (e.key === "-" || e.key === "_") this.zoomBy(0.8);
    else if (e.key === "0") { this.resetView(); this.draw(); }
    else if (e.key === "Escape") this.onSelect(-1);
    else return;
    e.preventDefault();
  }

  destroy() {
    this.abort.abort();
    this.resize.disconnect();
  }
}
