// The data table under a scalar chart: one row per line drawn, at the step
// cursor, or at each run's last point while there is no cursor. A run group's
// row gives its mean, its band's edges and how many of its runs reach the step.
import { runColorVar } from "./colors.js";
import { BAND_LABELS } from "./run-groups.js";
import { state } from "./store.js";
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
    const groups = rows.some((r) => r.s.group);
    const head = h("tr", {},
      h("th", {}, groups ? "Run or group" : "Run"), h("th", { class: "num" }, groups ? "Value or mean" : "Value"),
      smoothing ? h("th", { class: "num" }, "Smoothed") : null,
      groups ? h("th", { class: "num", title: "The band's lower and upper edges" }, `Band (${BAND_LABELS[state.groupBand]})`) : null,
      groups ? h("th", { class: "num", title: "Runs of the group that reach this step, of its runs" }, "Runs") : null,
      h("th", { class: "num" }, "Step"), h("th", { class: "num" }, "Time"), h("th", { class: "num" }, "Relative"));
    const body = rows.map(({ s, i, smoothed, approximate }) => h("tr", s.group ? { "data-group": s.run } : { "data-run": s.run },
      h("td", { class: "run", title: s.group ? `${s.run}: ${s.group.runs.join(", ")}` : s.run },
        h("span", { class: "swatch", style: { background: s.colorCSS ?? runColorVar(s.run) } }), s.group ? s.run : leaf(s.run)),
      h("td", { class: "num" }, formatValue(s.y[i])),
      smoothing ? h("td", {
        class: "num strong smoothed",
        title: approximate ? "From the points drawn; the exact value follows when the cursor rests" : null,
      }, `${approximate ? "≈ " : ""}${formatValue(smoothed)}`) : null,
      groups ? h("td", { class: "num band" }, s.group ? `${formatValue(s.group.lo[i])} – ${formatValue(s.group.hi[i])}` : "") : null,
      groups ? h("td", { class: "num" }, s.group ? `${s.group.count[i]} of ${s.group.runs.length}` : "") : null,
      h("td", { class: "num" }, formatStep(s.step[i])),
      s.wall ? h("td", { class: "num muted", title: formatDateTime(s.wall[i]) }, formatClockTime(s.wall[i])) : h("td", { class: "num muted" }, "–"),
      s.rel ? h("td", { class: "num" }, formatDuration(s.rel[i])) : h("td", { class: "num muted" }, "–")));
    this.table.replaceChildren(h("thead", {}, head), h("tbody", {}, body));
  }
}
