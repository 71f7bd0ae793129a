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
    this.shape = ""; // the columns and rows the table's elements were made for
  }

  // rows: LineChart.rowsAt's { s, i, smoothed, approximate }; step: the cursor's, or null.
  // The cursor moves, and smoothing changes, on every frame: when the columns and the
  // lines are the ones shown, only the cells' text and titles are set.
  show(rows, step) {
    this.el.hidden = !rows.length;
    this.el.dataset.step = step === null ? "" : String(step);
    this.caption.textContent = step === null ? "Last points" : `Step cursor at ${formatStep(step)}`;
    const smoothing = rows.some((r) => r.s.smooth);
    const groups = rows.some((r) => r.s.group);
    const shape = JSON.stringify([smoothing, groups, groups && state.groupBand,
      rows.map(({ s }) => [s.run, !!s.group, s.colorCSS ?? runColorVar(s.run)])]);
    if (shape !== this.shape) {
      this.shape = shape;
      this.build(rows, smoothing, groups);
    }
    rows.forEach((row, k) => {
      const cells = this.cells[k];
      // The same point of the same series as last time (a smoothing change): only the
      // smoothed value can differ.
      const shown = { y: row.s.y, rel: row.s.rel, group: row.s.group, i: row.i };
      const same = ["y", "rel", "group", "i"].every((key) => this.shown[k]?.[key] === shown[key]);
      this.shown[k] = shown;
      const changed = same ? { smoothed: smoothedTexts(row) } : { ...pointTexts(row, groups), smoothed: smoothedTexts(row) };
      for (const [name, texts] of Object.entries(changed)) {
        const cell = cells[name];
        if (!cell || !texts) continue;
        const [text, title] = texts;
        if (cell.textContent !== text) cell.textContent = text;
        if (title !== undefined && cell.title !== (title ?? "")) {
          if (title === null) cell.removeAttribute("title"); else cell.title = title;
        }
      }
    });
  }

  // The table's elements for `rows`: a header and a row of cells per line, text set by show().
  build(rows, smoothing, groups) {
    const head = h("tr", {},
      h("th", {}, groups ? "Run or group" : "Run"), h("th", { class: "num" }, groups ? "Value or mean" : "Value"),
      smoothing ? h("th", { class: "num" }, "Smoothed") : null,
      groups ? h("th", { class: "num", title: "The band's lower and upper edges" }, `Band (${BAND_LABELS[state.groupBand]})`) : null,
      groups ? h("th", { class: "num", title: "Runs of the group that reach this step, of its runs" }, "Runs") : null,
      h("th", { class: "num" }, "Step"), h("th", { class: "num" }, "Time"), h("th", { class: "num" }, "Relative"));
    this.cells = [];
    this.shown = []; // per row, the series values and index its cells show
    const body = rows.map(({ s }) => {
      const cells = {
        value: h("td", { class: "num" }),
        smoothed: smoothing ? h("td", { class: "num strong smoothed" }) : null,
        band: groups ? h("td", { class: "num band" }) : null,
        runs: groups ? h("td", { class: "num" }) : null,
        step: h("td", { class: "num" }),
        time: h("td", { class: "num muted" }),
        relative: h("td", { class: s.rel ? "num" : "num muted" }),
      };
      this.cells.push(cells);
      return h("tr", s.group ? { "data-group": s.run } : { "data-run": s.run },
        h("td", { class: "run", title: s.group ? `${s.run}: ${s.group.runs.join(", ")}` : s.run },
          h("span", { class: "swatch", style: { background: s.colorCSS ?? runColorVar(s.run) } }), s.group ? s.run : leaf(s.run)),
        cells.value, cells.smoothed, cells.band, cells.runs, cells.step, cells.time, cells.relative);
    });
    this.table.replaceChildren(h("thead", {}, head), h("tbody", {}, body));
  }
}

// The text of each cell that shows the point itself, as [text, title] (no title: the
// cell has none); a column the table lacks is undefined.
function pointTexts({ s, i }, groups) {
  return {
    value: [formatValue(s.y[i])],
    band: groups ? [s.group ? `${formatValue(s.group.lo[i])} – ${formatValue(s.group.hi[i])}` : ""] : undefined,
    runs: groups ? [s.group ? `${s.group.count[i]} of ${s.group.runs.length}` : ""] : undefined,
    step: [formatStep(s.step[i])],
    time: s.wall ? [formatClockTime(s.wall[i]), formatDateTime(s.wall[i])] : ["–"],
    relative: s.rel ? [formatDuration(s.rel[i])] : ["–"],
  };
}

// The smoothed value's cell as [text, title].
function smoothedTexts({ smoothed, approximate }) {
  return [`${approximate ? "≈ " : ""}${formatValue(smoothed)}`,
    approximate ? "From the points drawn; the exact value follows when the cursor rests" : null];
}
