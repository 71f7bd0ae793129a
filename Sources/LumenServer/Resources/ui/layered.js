// Base for every chart: a data canvas plus a transparent hover canvas on
// top (pointer feedback never redraws the data), redrawn on resize and when
// the theme changes.
import { prepareCanvas } from "./canvas.js";
import { onThemeChange } from "./theme.js";
import { hideTooltip } from "./tooltip.js";
import { h } from "./dom.js";

export class LayeredChart {
  constructor(container, height) {
    this.container = container;
    this.height = height;
    this.width = 0;
    this.plot = h("canvas", { class: "plot" });
    this.overlay = h("canvas", { class: "overlay" });
    container.append(this.plot, this.overlay);
    this.overlay.addEventListener("pointermove", (e) => this.hover(e));
    this.overlay.addEventListener("pointerleave", () => this.clearHover());
    // The container's width as last laid out. Reading clientWidth while cards
    // redraw one after another would lay the page out again for each of them.
    this.measuredWidth = 0;
    this.resizer = new ResizeObserver(() => {
      this.measuredWidth = container.clientWidth;
      if (this.measuredWidth !== this.width) this.draw();
    });
    this.resizer.observe(container);
    this.stopThemeWatch = onThemeChange(() => {
      this.clearHover();
      this.draw();
    });
  }

  // Fresh contexts sized to the container; null while it is not laid out.
  begin() {
    this.width = this.containerWidth();
    if (!this.width) return null;
    prepareCanvas(this.overlay, this.width, this.height);
    return prepareCanvas(this.plot, this.width, this.height);
  }

  // The container's width, measured once until it resizes.
  containerWidth() {
    if (!this.measuredWidth) this.measuredWidth = this.container.clientWidth;
    return this.measuredWidth;
  }

  overlayContext() {
    return prepareCanvas(this.overlay, this.width, this.height);
  }

  clearHover() {
    hideTooltip();
    if (this.width) this.overlayContext();
  }

  destroy() {
    this.resizer.disconnect();
    this.stopThemeWatch();
  }
}
