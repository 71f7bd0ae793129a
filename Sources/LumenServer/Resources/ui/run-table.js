// The sidebar's run table: a checkbox, a colour and the name of each run,
// plus a column per hyperparameter when runs are hparams sessions (their
// values from run-hparams.js; up to MAX_HPARAM_ROWS sessions, beyond which the
// HParams dashboard's table shows them); sorted by any column, optionally
// listing checked runs only.
import { state, update, compileFilter } from "./store.js";
import { runColor, runColorVar } from "./colors.js";
import { naturalCompare } from "./collate.js";
import { formatCount, formatValue } from "./format.js";
import { h } from "./dom.js";
import { afterNextPaint } from "./after-paint.js";
import { runHParams, onRunHParams } from "./run-hparams.js";

// More sessions than this and the sidebar lists runs without their values: a
// row of 30 cells for each of 10,000 sessions would cost the page seconds.
const MAX_HPARAM_ROWS = 1000;
// Rows listed at first, about two screens of the sidebar: a row costs the page
// about half a millisecond (its colour picker most), and the page's first
// layout and paint a little more for each. Scrolling to the end of the list
// appends MORE_ROWS more; "list all" lists the rest. The filter narrows the list.
const FIRST_ROWS = 60;
const MORE_ROWS = 200;
let rowLimit = FIRST_ROWS;
// What the table lists now, for appending rows as it scrolls: { runs (every run it
// would list), hidden, values, hparams, shown (rows listed so far), more (its row or null) }.
let listing = null;
let moreWatch = null; // the IntersectionObserver on the "more" row

const $ = (id) => document.getElementById(id);

export function initRunTable() {
  const onlyChecked = $("only-checked-runs");
  onlyChecked.checked = state.onlyCheckedRuns;
  onlyChecked.addEventListener("change", () => update({ onlyCheckedRuns: onlyChecked.checked }));
  $("reset-run-colors").addEventListener("click", () => update({ runColors: {} }));
  // New values change the table only where it shows them: past MAX_HPARAM_ROWS sessions
  // the rows stay as they are, and redrawing them would only hold up the page.
  onRunHParams(() => { if (tableHParams(state.runs)) renderRuns(); });
}

// run → { hparam name: value } for the table's columns, or null.
function tableHParams(runs) {
  const sessions = runs.reduce((n, r) => n + (r.session ? 1 : 0), 0);
  return sessions && sessions <= MAX_HPARAM_ROWS ? runHParams()?.byRun ?? null : null;
}

// Every hyperparameter name any run reports, sorted.
function hparamNames(runs, values) {
  const names = new Set();
  for (const run of runs) for (const name of Object.keys(values?.get(run.name) ?? {})) names.add(name);
  return [...names].sort(naturalCompare);
}

// Runs in the order of state.runSort: by name, or by one hyperparameter
// (numbers by value, text naturally; runs without it last, by name).
function sortedRuns(runs, { column, descending }, values) {
  const sign = descending ? -1 : 1;
  const byName = (a, b) => naturalCompare(a.name, b.name);
  if (column === "name") return [...runs].sort((a, b) => sign * byName(a, b));
  const value = (run) => values?.get(run.name)?.[column];
  return [...runs].sort((a, b) => {
    const [va, vb] = [value(a), value(b)];
    if (va === undefined || vb === undefined) return (va === undefined) - (vb === undefined) || byName(a, b);
    const order = typeof va === "number" && typeof vb === "number" ? va - vb : naturalCompare(String(va), String(vb));
    return sign * order || byName(a, b);
  });
}

function formatHparam(value) {
  return typeof value === "number" ? formatValue(value) : String(value);
}

// A column header that sorts by its column; a second click reverses the order.
function sortHeader(column, label, { column: current, descending }) {
  const sorted = current === column;
  return h("th", { "aria-sort": sorted ? (descending ? "descending" : "ascending") : "none", "data-column": column },
    h("button", {
      type: "button", class: "sort", title: `Sort the runs by ${label}`,
      onclick: () => update({ runSort: { column, descending: sorted && !descending } }),
    }, label, h("span", { class: "sort-mark", "aria-hidden": "true" }, sorted ? (descending ? "▼" : "▲") : "")));
}

// A new list of runs, longer than the first rows listed, is drawn after the page's next
// paint: for 10,000 runs the sorting and rows take the page 40–80 ms, which the open
// dashboard's first picture need not wait for. A shorter one is drawn at once.
let cancelPending = null; // cancels the drawing to come, if any
export function renderRunsAfterPaint() {
  if (state.runs.length <= FIRST_ROWS) return renderRuns();
  cancelPending ??= afterNextPaint(renderRuns);
}

export function renderRuns() {
  cancelPending?.();
  cancelPending = null;
  const table = $("run-table");
  const matches = compileFilter(state.runFilter);
  const hidden = new Set(state.hiddenRuns);
  const values = tableHParams(state.runs);
  const hparams = hparamNames(state.runs, values);
  // A saved hyperparameter column no run reports (yet): by name meanwhile.
  const sort = hparams.includes(state.runSort.column) ? state.runSort : { column: "name", descending: state.runSort.descending };
  // Only the runs listed get a row: those the filter matches (and checked ones
  // with "Only checked runs"), the first rowLimit of them.
  const listed = sortedRuns(state.runs, sort, values)
    .filter((run) => matches(run.name) && !(state.onlyCheckedRuns && hidden.has(run.name)));
  listing = { runs: listed, hidden, values, hparams, shown: 0, more: null };
  const shown = state.runs.filter((r) => matches(r.name));
  const checked = shown.filter((r) => !hidden.has(r.name)).length;
  $("run-count").textContent = state.runs.length ? `${checked} of ${shown.length}` : "";
  $("reset-run-colors").hidden = !Object.keys(state.runColors).length;
  const head = h("tr", {}, h("th", { class: "run-check" }), h("th", { class: "run-colour" }),
    sortHeader("name", "Run", sort), hparams.map((name) => sortHeader(name, name, sort)));
  const empty = !state.runs.length ? "No runs yet."
    : !shown.length ? "No runs match the filter."
    : !listed.length ? "No checked runs match the filter." : null;
  const colspan = String(3 + hparams.length);
  table.classList.toggle("has-hparams", hparams.length > 0);
  const tbody = h("tbody", {}, empty ? h("tr", {}, h("td", { class: "muted small", colspan }, empty)) : null);
  table.replaceChildren(h("thead", {}, head), tbody);
  listMore(tbody, rowLimit);
}

// Appends rows up to `limit` of the listing, and the "more" row while some are left.
function listMore(tbody, limit) {
  const list = listing;
  const end = Math.min(list.runs.length, limit);
  list.more?.remove();
  list.more = null;
  tbody.append(...list.runs.slice(list.shown, end).map((run, k) => runRow(run, list.shown + k, list)));
  list.shown = Math.max(list.shown, end);
  rowLimit = Math.max(rowLimit, limit);
  moreWatch?.disconnect();
  if (list.shown >= list.runs.length) return;
  list.more = h("tr", { class: "run-more" }, h("td", { class: "muted small", colspan: String(3 + list.hparams.length) },
    `${formatCount(list.shown)} of ${formatCount(list.runs.length)} runs listed: scroll for more, filter to narrow them, or `,
    h("button", { type: "button", class: "link", onclick: () => listMore(tbody, Infinity) }, "list all")));
  tbody.append(list.more);
  // In view (or nearly) in the sidebar: the next rows.
  moreWatch = new IntersectionObserver((entries) => {
    if (listing === list && entries.some((e) => e.isIntersecting)) listMore(tbody, list.shown + MORE_ROWS);
  }, { root: tbody.closest(".sidebar"), rootMargin: "300px 0px" });
  moreWatch.observe(list.more);
}

// One run's row: its checkbox, colour picker, name and hyper-parameter values.
function runRow(run, index, { hidden, values, hparams }) {
  const id = `run-check-${index}`;
  const box = h("input", { type: "checkbox", id });
  box.checked = !hidden.has(run.name);
  box.addEventListener("change", () => {
    const rest = state.hiddenRuns.filter((n) => n !== run.name);
    update({ hiddenRuns: box.checked ? rest : [...rest, run.name] });
  });
  const colour = h("input", {
    type: "color", class: "run-color", value: runColor(run.name), "aria-label": `Colour of ${run.name}`,
    title: "Pick this run's colour (kept in this browser)",
    style: { "--swatch": runColorVar(run.name) },
  });
  colour.addEventListener("change", () => update({ runColors: { ...state.runColors, [run.name]: colour.value } }));
  return h("tr", { class: "run-item", "data-run": run.name },
    h("td", { class: "run-check" }, box),
    h("td", { class: "run-colour" }, colour),
    h("td", { class: "run-cell" }, h("label", { for: id, title: run.name },
      runName(run.name), run.name === "." ? h("span", { class: "run-note" }, "log dir root") : null)),
    hparams.map((name) => {
      const value = values?.get(run.name)?.[name];
      return h("td", { class: typeof value === "number" ? "hparam number" : "hparam", "data-hparam": name },
        value === undefined ? "" : formatHparam(value));
    }));
}

// Nested runs share long prefixes and differ at the end: show the last path
// component prominently with its parent path, muted, above it.
function runName(name) {
  const slash = name.lastIndexOf("/");
  if (slash < 0) return h("span", { class: "run-name" }, name);
  return h("span", { class: "run-name" },
    h("span", { class: "run-parent" }, name.slice(0, slash + 1)),
    h("span", { class: "run-leaf" }, name.slice(slash + 1)));
}
