// Brightness and contrast for every image of the Images dashboard (cards,
// filmstrips, lightbox): the sidebar sliders set one CSS filter in the
// --image-filter variable, which `.image-adjusted` elements use.
import { state, update } from "./store.js";

const $ = (id) => document.getElementById(id);
const CONTROLS = [["image-brightness", "imageBrightness"], ["image-contrast", "imageContrast"]];

export function initImageAdjust() {
  for (const [id, key] of CONTROLS) {
    const slider = $(id);
    slider.addEventListener("input", () => set({ [key]: Number(slider.value) }));
  }
  $("image-adjust-reset").addEventListener("click", () => set({ imageBrightness: 100, imageContrast: 100 }));
  paint();
}

function set(patch) {
  update(patch);
  paint();
}

function paint() {
  for (const [id, key] of CONTROLS) {
    $(id).value = String(state[key]);
    $(`${id}-value`).textContent = `${state[key]}%`;
  }
  const plain = state.imageBrightness === 100 && state.imageContrast === 100;
  $("image-adjust-reset").disabled = plain;
  document.documentElement.style.setProperty("--image-filter",
    plain ? "none" : `brightness(${state.imageBrightness}%) contrast(${state.imageContrast}%)`);
}
