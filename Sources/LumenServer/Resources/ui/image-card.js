// One image tag of one run: the image at the chosen step, a filmstrip of
// every logged step, a step slider, ← / → keys while the card has focus,
// an "actual size" toggle, and a click on the image to enlarge it.
import { api } from "./api.js";
import { cardShell } from "./cards.js";
import { h } from "./dom.js";
import { formatStep, formatDateTime } from "./format.js";
import { Filmstrip } from "./image-filmstrip.js";
import { openLightbox } from "./image-lightbox.js";
import { stepKeys } from "./image-keys.js";

export class ImageCard {
  constructor(tag, run) {
    this.tag = tag;
    this.run = run;
    this.images = [];
    this.index = -1;
    this.actual = h("input", { type: "checkbox", class: "actual-size" });
    this.shell = cardShell({
      className: "image-card", title: tag, run,
      actions: [h("label", { class: "chip toggle", title: "Show pixels 1:1 instead of fitting the card" },
        this.actual, "Actual size")],
    });
    this.el = this.shell.el;
    Object.assign(this.el.dataset, { tag, run });
    this.el.tabIndex = 0;
    this.img = h("img", { class: "image image-adjusted", alt: `${tag} (${run})`, decoding: "async" });
    this.frame = h("div", { class: "image-frame" }, this.img);
    this.filmstrip = new Filmstrip((index) => this.show(index));
    this.slider = h("input", { type: "range", class: "step-slider", min: "0", max: "0", value: "0", "aria-label": "Step" });
    this.label = h("span", { class: "step-label" });
    this.shell.body.append(this.frame, h("div", { class: "image-controls" }, this.slider, this.label), this.filmstrip.el);
    this.slider.addEventListener("input", () => this.show(Number(this.slider.value)));
    this.actual.addEventListener("change", () => this.fit());
    this.img.addEventListener("load", () => {
      if (this.el.dataset.state === "error") this.shell.setState("ready");
      this.fit();
    });
    this.img.addEventListener("error", () => this.shell.setState("error", "The image could not be loaded."));
    this.img.addEventListener("click", () => this.enlarge());
    stepKeys(this.el, (delta) => this.show(this.index + delta));
  }

  runs() {
    return [this.run];
  }

  async load() {
    if (!this.images.length) this.shell.setState("loading");
    try {
      const resp = await api.images(this.run, this.tag);
      // Keep following the newest step unless the user moved back.
      const followLatest = this.index < 0 || this.index === this.images.length - 1;
      this.images = resp.images;
      const n = this.images.length;
      if (!n) return this.shell.setState("empty", "No images recorded for this tag yet.");
      this.shell.setState("ready");
      this.slider.max = String(n - 1);
      this.slider.hidden = n < 2;
      this.filmstrip.setEntries(this.images);
      this.filmstrip.el.hidden = n < 2;
      this.show(followLatest ? n - 1 : Math.min(this.index, n - 1));
    } catch (error) {
      this.shell.setState("error", error.message);
    }
  }

  show(index) {
    if (!this.images.length) return;
    index = Math.max(0, Math.min(this.images.length - 1, index));
    this.index = index;
    const image = this.images[index];
    this.slider.value = String(index);
    this.el.dataset.step = String(image.step);
    this.label.textContent = `Step ${formatStep(image.step)} · ${formatDateTime(image.wallTime)}` +
      (this.images.length > 1 ? ` · ${index + 1} of ${this.images.length}` : "");
    if (this.img.getAttribute("src") !== image.url) this.img.src = image.url;
    this.img.title = `${image.width} × ${image.height} px · click to enlarge`;
    this.filmstrip.select(index);
  }

  enlarge() {
    openLightbox({
      title: `${this.tag} · ${this.run}`,
      count: this.images.length,
      index: this.index,
      at: (i) => {
        const image = this.images[i];
        return { ...image, caption: `Step ${formatStep(image.step)} · ${image.width} × ${image.height} px` };
      },
      onChange: (i) => this.show(i),
    });
  }

  // Fit mode scales the image into the card; enlarged small images keep hard
  // pixel edges instead of a blur.
  fit() {
    const actual = this.actual.checked;
    this.frame.classList.toggle("actual", actual);
    const enlarged = !actual && this.img.naturalWidth * 1.5 < this.frame.clientWidth &&
      this.img.naturalHeight * 1.5 < this.frame.clientHeight;
    this.img.classList.toggle("pixelated", enlarged);
  }

  destroy() {
    this.filmstrip.destroy();
  }
}
