// Lightbox: one image at a large size over a dimmed page, with step
// navigation (← → keys or the side buttons). Escape, the close button or a
// click outside the image closes it. Small images are scaled up by whole
// factors with hard pixel edges.
import { h } from "./dom.js";

let open = null; // { el, source, index, returnFocus }

// source: { title, count, index, at(i) → { url (none: no image), step,
// caption }, onChange(i) } — onChange lets the card follow the step shown.
export function openLightbox(source) {
  closeLightbox();
  const img = h("img", { class: "lightbox-image image-adjusted", alt: source.title });
  const caption = h("span", { class: "lightbox-caption" });
  const counter = h("span", { class: "lightbox-counter" });
  const prev = h("button", { class: "lightbox-nav prev", type: "button", title: "Previous step (←)", "aria-label": "Previous step" });
  const next = h("button", { class: "lightbox-nav next", type: "button", title: "Next step (→)", "aria-label": "Next step" });
  const close = h("button", { class: "lightbox-close", type: "button", title: "Close (Esc)", "aria-label": "Close" }, "×");
  const stage = h("div", { class: "lightbox-stage" }, img);
  const el = h("div", { class: "lightbox", role: "dialog", "aria-modal": "true", "aria-label": source.title },
    h("div", { class: "lightbox-bar" },
      h("span", { class: "lightbox-title" }, source.title), caption, counter, close),
    stage, prev, next);
  open = { el, img, caption, counter, prev, next, source, index: source.index, returnFocus: document.activeElement };
  el.addEventListener("click", (e) => {
    if (e.target === el || e.target === stage) closeLightbox();
  });
  close.addEventListener("click", closeLightbox);
  prev.addEventListener("click", () => step(-1));
  next.addEventListener("click", () => step(1));
  img.addEventListener("load", fitImage);
  document.addEventListener("keydown", onKey, true);
  window.addEventListener("resize", fitImage);
  document.body.append(el);
  show(source.index);
  close.focus();
}

export function closeLightbox() {
  if (!open) return;
  const { el, returnFocus } = open;
  open = null;
  el.remove();
  document.removeEventListener("keydown", onKey, true);
  window.removeEventListener("resize", fitImage);
  returnFocus?.focus?.({ preventScroll: true });
}

function onKey(e) {
  if (e.key === "Escape") closeLightbox();
  else if (e.key === "ArrowLeft") step(-1);
  else if (e.key === "ArrowRight") step(1);
  else return;
  e.preventDefault();
  e.stopPropagation();
}

function step(delta) {
  const index = Math.max(0, Math.min(open.source.count - 1, open.index + delta));
  if (index === open.index) return;
  show(index);
  open.source.onChange?.(index);
}

function show(index) {
  open.index = index;
  const entry = open.source.at(index);
  open.el.dataset.index = String(index);
  open.el.dataset.step = String(entry.step ?? "");
  open.caption.textContent = entry.caption;
  open.counter.textContent = open.source.count > 1 ? `${index + 1} of ${open.source.count}` : "";
  open.prev.disabled = index === 0;
  open.next.disabled = index === open.source.count - 1;
  open.img.hidden = !entry.url;
  if (entry.url && open.img.getAttribute("src") !== entry.url) open.img.src = entry.url;
  else fitImage();
}

// Fill the stage: small images grow by a whole factor with hard pixel
// edges, others scale smoothly to fit.
function fitImage() {
  if (!open || !open.img.naturalWidth) return;
  const { img } = open;
  const stage = img.parentElement;
  const w = img.naturalWidth, hgt = img.naturalHeight;
  const fit = Math.min(stage.clientWidth / w, stage.clientHeight / hgt);
  const scale = fit >= 2 ? Math.floor(fit) : fit;
  img.style.width = `${Math.round(w * scale)}px`;
  img.style.height = `${Math.round(hgt * scale)}px`;
  img.classList.toggle("pixelated", scale >= 2);
  open.el.dataset.scale = String(scale);
}
