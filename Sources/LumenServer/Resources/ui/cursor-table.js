// The data table under a scalar chart: one row per line drawn, at the step
// cursor, or at each run's last point while there is no cursor.
import { runColorVar } from "./colors.js";
import { h } from "./dom.js";
import { formatValue, formatStep, formatDuration, formatDateTime, formatClockTime } from "./format.js";

// A nested run's last path component: where runs that share a parent differ
// (the full name is the cell's tooltip).
const leaf = (run) => run.slice(run.lastIndexOf("/") + 1) || run;

export class CursorTable {
  constructor() {
    this.caption = h("div", { class: "data-table-caption" });
    this.table = h("table", { class: "data-table" });
    this.el = h("div", { class: "data-table-box" }, this.caption, this.table);
  }

  // rows: LineChart.rowsAt's { s, i, smoothed, approximate }; step: the cursor's, or null.
  show(rows, step) {
    this.el.hidden = !rows.length;
    this.el.dataset.step = step === null ? "" : String(step);
    this.caption.textContent = step === null ? "Last points" : `Step cursor at ${formatStep(step)}`;
    const smoothing = rows.some((r) => r.s.smooth);
    const head = h("tr", {},
      h("th", {}, "Run"), h("th", { class: "num" }, "Value"), smoothing ? h("th", { class: "num" }, "Smoothed") : null,
      h("th", { class: "num" }, "Step"), h("th", { class: "num" }, "Time"), h("th", { class: "num" }, "Relative"));
    const body = rows.map(({ s, i, smoothed, approximate }) => h("tr", { "data-run": s.run },
      h("td", { class: "run", title: s.run },
        h("span", { class: "swatch", style: { background: runColorVar(s.run) } }), leaf(s.run)),
      h("td", { class: "num" }, formatValue(s.y[i])),
      smoothing ? h("td", {
        class: "num strong smoothed",
        title: approximate ? "From the points drawn; the exact value follows when the cursor rests" : null,
      }, `${approximate ? "≈ " : ""}${formatValue(smoothed)}`) : null,
      h("td", { class: "num" }, formatStep(s.step[i])),
      h("td", { class: "num muted", title: formatDateTime(s.wall[i]) }, formatClockTime(s.wall[i])),
      h("td", { class: "num" }, formatDuration(s.rel[i]))));
    this.table.replaceChildren(h("thead", {}, head), h("tbody", {}, body));
  }
}
