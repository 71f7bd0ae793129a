// The Graphs dashboard's drawing surface: paints a scene on a canvas with
// pan (drag) and zoom (wheel, buttons), skips what is off screen, and turns
// clicks and hovering into the item under the pointer.
import { prepareCanvas } from "./canvas.js";
import { HEADER } from "./graph-scene.js";
import { measureItem, drawScene } from "./graph-draw.js";
import { onThemeChange } from "./theme.js";
import { h } from "./dom.js";

const MIN_ZOOM = 0.05;
const MAX_ZOOM = 4;
const FIT_MARGIN = 28;
const DRAG_THRESHOLD = 4; // px a press may move and still be a click

export class GraphCanvas {
  // onClick({ item, part } | null, event): part is "node", "title" (an open
  // scope's title strip) or "body"; onHover(hit | null, event).
  constructor(container, { onClick, onHover }) {
    this.container = container;
    this.onClick = onClick;
    this.onHover = onHover;
    this.canvas = h("canvas", { class: "graph-canvas" });
    container.append(this.canvas);
    this.scene = null;
    this.sizes = new WeakMap();  // item → measureItem(item)
    this.titles = new WeakMap(); // open scope → measureItem(scope, true)
    this.view = { x: 0, y: 0, k: 1 };
    this.selected = null;
    this.hovered = null;
    this.press = null;
    this.frame = 0;
    this.canvas.addEventListener("pointerdown", (e) => this.pointerDown(e));
    this.canvas.addEventListener("pointermove", (e) => this.pointerMove(e));
    this.canvas.addEventListener("pointerup", (e) => this.pointerUp(e));
    this.canvas.addEventListener("pointerleave", (e) => this.setHover(null, e));
    this.canvas.addEventListener("wheel", (e) => this.wheel(e), { passive: false });
    this.resizer = new ResizeObserver(() => this.draw());
    this.resizer.observe(container);
    this.stopThemeWatch = onThemeChange(() => this.draw());
  }

  // An item's size and fitted label, drawn closed or (`open`) as a title strip.
  measure(item, open = false) {
    const cache = open ? this.titles : this.sizes;
    if (!cache.has(item)) cache.set(item, measureItem(item, open));
    return cache.get(item);
  }

  // Show `scene` without moving the view.
  setScene(scene) {
    this.scene = scene;
    this.boxes = new Map(scene.items.map((box) => [box.item, box]));
    this.draw();
  }

  // Move the view so that `anchor.item` is where `screenPoint` found it.
  pin(anchor) {
    const box = anchor && this.boxes?.get(anchor.item);
    if (!box) return;
    this.view.x = anchor.x - box.x * this.view.k;
    this.view.y = anchor.y - box.y * this.view.k;
    this.draw();
  }

  // Where an item's top-left corner is on screen, if it is drawn.
  screenPoint(item) {
    const box = this.boxes?.get(item);
    return box ? { item, x: box.x * this.view.k + this.view.x, y: box.y * this.view.k + this.view.y } : null;
  }

  fit() {
    if (!this.scene) return;
    const { width, height } = this.viewport();
    const k = Math.min(1.25, (width - 2 * FIT_MARGIN) / Math.max(1, this.scene.width),
      (height - 2 * FIT_MARGIN) / Math.max(1, this.scene.height));
    this.view.k = clamp(k, MIN_ZOOM, MAX_ZOOM);
    this.view.x = (width - this.scene.width * this.view.k) / 2;
    this.view.y = Math.max(FIT_MARGIN, (height - this.scene.height * this.view.k) / 2);
    this.draw();
  }

  // Centre an item, zooming in or out so it is legible and fits.
  reveal(item) {
    const box = this.boxes?.get(item);
    if (!box) return;
    const { width, height } = this.viewport();
    const fits = Math.min((width * 0.8) / box.w, (height * 0.8) / box.h);
    if (this.view.k < 0.7 || this.view.k > fits) this.view.k = clamp(Math.min(1, fits), MIN_ZOOM, MAX_ZOOM);
    this.view.x = width / 2 - (box.x + box.w / 2) * this.view.k;
    this.view.y = height / 2 - (box.y + box.h / 2) * this.view.k;
    this.draw();
  }

  zoomBy(factor, at = null) {
    const { width, height } = this.viewport();
    const { x, y } = at || { x: width / 2, y: height / 2 };
    const k = clamp(this.view.k * factor, MIN_ZOOM, MAX_ZOOM);
    this.view.x = x - ((x - this.view.x) * k) / this.view.k;
    this.view.y = y - ((y - this.view.y) * k) / this.view.k;
    this.view.k = k;
    this.draw();
  }

  select(item) {
    this.selected = item;
    this.draw();
  }

  viewport() {
    return { width: this.container.clientWidth, height: this.container.clientHeight };
  }

  // Redraw on the next frame, once however many changes come before it.
  draw() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.paint();
    });
  }

  paint() {
    const { width, height } = this.viewport();
    if (!width || !height) return;
    const ctx = prepareCanvas(this.canvas, width, height);
    if (!this.scene) return;
    const { x, y, k } = this.view;
    ctx.translate(x, y);
    ctx.scale(k, k);
    const view = { left: -x / k, top: -y / k, right: (width - x) / k, bottom: (height - y) / k };
    const onScreen = (b) => b.x < view.right && b.x + b.w > view.left && b.y < view.bottom && b.y + b.h > view.top;
    drawScene(ctx, this.scene, (item, open) => this.measure(item, open), {
      visible: onScreen,
      stateOf: (item) => (item === this.selected ? "selected" : item === this.hovered ? "hover" : ""),
      lit: (edge) => this.selected && (edge.from === this.selected || edge.to === this.selected),
      labels: k >= 0.55,
    });
  }

  // The innermost item under a point given in canvas pixels.
  hit(px, py) {
    if (!this.scene) return null;
    const gx = (px - this.view.x) / this.view.k;
    const gy = (py - this.view.y) / this.view.k;
    for (let i = this.scene.items.length - 1; i >= 0; i--) {
      const box = this.scene.items[i];
      if (gx < box.x || gx > box.x + box.w || gy < box.y || gy > box.y + box.h) continue;
      return { item: box.item, part: !box.open ? "node" : gy <= box.y + HEADER ? "title" : "body" };
    }
    return null;
  }

  pointerDown(e) {
    if (e.button !== 0) return;
    this.press = { x: e.offsetX, y: e.offsetY, view: { ...this.view }, moved: false };
    this.canvas.setPointerCapture(e.pointerId);
  }

  pointerMove(e) {
    const press = this.press;
    if (press) {
      const dx = e.offsetX - press.x;
      const dy = e.offsetY - press.y;
      if (!press.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
      press.moved = true;
      this.canvas.classList.add("panning");
      this.setHover(null, e);
      this.view.x = press.view.x + dx;
      this.view.y = press.view.y + dy;
      this.draw();
      return;
    }
    this.setHover(this.hit(e.offsetX, e.offsetY), e);
  }

  pointerUp(e) {
    const press = this.press;
    this.press = null;
    this.canvas.classList.remove("panning");
    if (press && !press.moved) this.onClick(this.hit(e.offsetX, e.offsetY), e);
  }

  setHover(hit, e) {
    const item = hit?.item ?? null;
    this.canvas.classList.toggle("pointing", Boolean(hit && hit.part !== "body"));
    if (item !== this.hovered) {
      this.hovered = item;
      this.draw();
    }
    this.onHover(hit, e);
  }

  wheel(e) {
    e.preventDefault();
    const lines = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1;
    this.zoomBy(Math.exp(-e.deltaY * lines * 0.0015), { x: e.offsetX, y: e.offsetY });
  }

  destroy() {
    cancelAnimationFrame(this.frame);
    this.resizer.disconnect();
    this.stopThemeWatch();
  }
}

function clamp(v, lo, hi) {
  return Math.min(hi, Math.max(lo, v));
}
