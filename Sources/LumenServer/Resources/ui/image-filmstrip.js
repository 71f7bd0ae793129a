// Filmstrip: a scrollable row of small thumbnails, one per logged image and
// labelled with its step; the current one is highlighted and a click picks
// it. A thumbnail fetches its image only when scrolled near the visible part
// of the strip, so a tag with hundreds of steps stays fast.
import { h } from "./dom.js";
import { formatStep } from "./format.js";

const THUMB = 56; // px: the thumbnail box (see .thumb in style.css)

export class Filmstrip {
  // onPick(index): called when a thumbnail is clicked.
  constructor(onPick) {
    this.onPick = onPick;
    this.thumbs = [];   // button elements, one per entry
    this.current = -1;
    this.el = h("div", { class: "filmstrip", role: "group", "aria-label": "Logged steps" });
    this.observer = new IntersectionObserver((seen) => {
      for (const entry of seen) {
        if (!entry.isIntersecting) continue;
        const img = entry.target.querySelector("img");
        img.src = img.dataset.src;
        this.observer.unobserve(entry.target);
      }
    }, { root: this.el, rootMargin: "0px 300px" });
  }

  // entries: [{ step, url, width, height }] in display order. Thumbnails
  // whose image is unchanged are kept, so live updates only append.
  setEntries(entries) {
    let keep = 0;
    while (keep < entries.length && keep < this.thumbs.length &&
      this.thumbs[keep].dataset.url === entries[keep].url) keep++;
    for (const thumb of this.thumbs.splice(keep)) {
      this.observer.unobserve(thumb);
      thumb.remove();
    }
    for (let i = keep; i < entries.length; i++) {
      const thumb = this.thumb(entries[i], i);
      this.thumbs.push(thumb);
      this.el.append(thumb);
      this.observer.observe(thumb);
    }
    if (this.current >= entries.length) this.current = -1;
  }

  thumb(entry, index) {
    const small = entry.width < THUMB && entry.height < THUMB;
    const img = h("img", { alt: "", decoding: "async", loading: "lazy", "data-src": entry.url,
      class: small ? "pixelated" : null });
    const thumb = h("button", {
      class: "thumb", type: "button", title: `Step ${formatStep(entry.step)}`,
      "data-url": entry.url, "data-step": String(entry.step), "aria-pressed": "false",
    }, h("span", { class: "thumb-frame" }, img), h("span", { class: "thumb-step" }, formatStep(entry.step)));
    thumb.addEventListener("click", () => this.onPick(index));
    return thumb;
  }

  // Highlight entry `index` and scroll the strip (not the page) to show it.
  select(index) {
    if (this.current >= 0) this.thumbs[this.current]?.setAttribute("aria-pressed", "false");
    this.current = index;
    const thumb = this.thumbs[index];
    if (!thumb) return;
    thumb.setAttribute("aria-pressed", "true");
    const left = thumb.offsetLeft; // the strip is the offset parent (position: relative)
    const right = left + thumb.offsetWidth;
    if (left < this.el.scrollLeft) this.el.scrollLeft = left - 8;
    else if (right > this.el.scrollLeft + this.el.clientWidth) this.el.scrollLeft = right - this.el.clientWidth + 8;
  }

  destroy() {
    this.observer.disconnect();
  }
}
