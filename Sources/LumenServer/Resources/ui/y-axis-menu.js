// A scalar card's vertical axis menu: fit to all the data or ignore
// outliers (the sidebar's setting until the card picks its own), and a
// manual min / max that replaces the fitted ends; picking a fit clears it.
import { state } from "./store.js";
import { h } from "./dom.js";

export class YAxisMenu {
  // onChange(): the card's axis settings changed.
  constructor(onChange) {
    this.onChange = onChange;
    this.fit = null; // "all" | "outliers" | null: the sidebar's setting
    const input = (name) => h("input", {
      type: "number", step: "any", class: `y-${name}`, placeholder: "auto", "aria-label": `Vertical axis ${name}imum`,
      onchange: () => this.changed(), onkeydown: (e) => { if (e.key === "Enter") this.changed(); },
    });
    this.minInput = input("min");
    this.maxInput = input("max");
    this.fitButtons = ["all", "outliers"].map((fit) => h("button", {
      type: "button", "data-fit": fit, onclick: () => this.pickFit(fit),
      title: fit === "all" ? "Fit the axis to every visible value" : "Fit the axis to the 5th–95th percentile of visible values",
    }, fit === "all" ? "All data" : "Ignore outliers"));
    this.summary = h("summary", { class: "chip", title: "Vertical axis: fit to the data or set its range" }, "Y axis");
    this.el = h("details", { class: "menu y-axis-menu" }, this.summary,
      h("div", { class: "menu-list y-axis-panel" },
        h("div", { class: "menu-label" }, "Fit to data"),
        h("div", { class: "segmented" }, this.fitButtons),
        h("div", { class: "menu-label" }, "Manual range"),
        h("div", { class: "y-range-row" },
          h("label", {}, "Min ", this.minInput), h("label", {}, "Max ", this.maxInput))));
    this.paint();
  }

  ignoreOutliers() {
    return this.fit === null ? state.ignoreOutliers : this.fit === "outliers";
  }

  // The typed ends, NaN where a box is empty or not a number.
  range() {
    const read = (input) => (input.value.trim() === "" ? NaN : Number(input.value));
    return { yMin: read(this.minInput), yMax: read(this.maxInput) };
  }

  pickFit(fit) {
    this.fit = fit;
    this.minInput.value = "";
    this.maxInput.value = "";
    this.changed();
  }

  changed() {
    this.paint();
    this.onChange();
  }

  // Marks the fit in use, a manual range on the chip, and ends that cannot be used together.
  paint() {
    const { yMin, yMax } = this.range();
    const manual = Number.isFinite(yMin) || Number.isFinite(yMax);
    const invalid = Number.isFinite(yMin) && Number.isFinite(yMax) && !(yMax > yMin);
    for (const input of [this.minInput, this.maxInput]) {
      input.classList.toggle("invalid", invalid);
      input.title = invalid ? "Min must be below max: the fitted range is shown" : "";
    }
    const fit = this.ignoreOutliers() ? "outliers" : "all";
    for (const b of this.fitButtons) b.setAttribute("aria-pressed", String(!manual && b.dataset.fit === fit));
    this.summary.textContent = manual ? "Y axis: manual" : "Y axis";
    this.summary.classList.toggle("active", manual);
  }
}
