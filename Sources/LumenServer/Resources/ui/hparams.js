// HParams dashboard: every session of the experiment in parallel coordinates
// (brush any axis, log scale per numeric axis) and a scatter-plot matrix of
// hyper-parameters against metrics, above a sortable, filterable table;
// clicking a session opens the Scalars dashboard on its runs. Filters drop
// sessions from every view; brushes (drawn in both plots) select among what
// the filters keep.
import { fetchHParams } from "./run-hparams.js";
import { emptyMessage } from "./dashboard.js";
import { h } from "./dom.js";
import { afterNextPaint } from "./after-paint.js";
import { formatCount } from "./format.js";
import { update, state } from "./store.js";
import { syncControls } from "./sidebar.js";
import { ParallelCoords, RAMP } from "./parallel-coords.js";
import { ScatterMatrix } from "./scatter-matrix.js";
import { HParamsTable } from "./hparams-table.js";
import { buildColumns, filterTest, selectSessions, sessionList, sortOrder, axisPositions, canLog } from "./hparams-model.js";

// The user's choices outlive the dashboard, as the other dashboards' settings do.
const choices = {
  sort: { id: "session", descending: false },
  filters: new Map(),   // column id (or "session") → filter
  brushes: new Map(),   // column id → [lo, hi] axis positions
  hidden: new Set(),    // column ids not shown
  logAxes: new Set(),   // numeric column ids drawn on a log axis
};

const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// The Scalars dashboard showing only the session's runs.
function openSession(session) {
  const hidden = state.hiddenRuns.filter((r) => !session.runs.includes(r));
  update({ dashboard: "scalars", runFilter: `^(${session.runs.map(escapeRegex).join("|")})$`, hiddenRuns: hidden });
  syncControls(); // the sidebar's run filter shows the new regex
}

export function createHParams(root) {
  const notice = h("div", { class: "notice", hidden: true });
  const counts = h("span", { class: "hp-counts muted" });
  const columnList = h("div", { class: "menu-list hp-column-list" });
  const clear = h("button", { type: "button", class: "chip", onclick: () => {
    choices.filters.clear();
    choices.brushes.clear();
    renderColumns();
  } }, "Clear filters");
  const toolbar = h("div", { class: "hp-toolbar" }, counts,
    h("details", { class: "menu" }, h("summary", { class: "chip" }, "Columns"), columnList), clear);
  const plotBox = h("div", { class: "pc-chart" });
  const hint = h("div", { class: "chart-hint" },
    "Drag along an axis to brush it (click it to clear) · click an axis title for a log scale · click a line or row to see the session's curves");
  const matrixBox = h("div", { class: "sm-chart" });
  const matrixHint = h("div", { class: "chart-hint" },
    "Each hyper-parameter (across) against each metric (up) · drag a rectangle in a cell to brush both (double-click it to clear) · click a dot to see the session's curves");
  const tableBox = h("div", { class: "hp-table-box" });
  const page = h("div", { class: "hparams", hidden: true },
    toolbar, h("section", { class: "card hp-card" }, plotBox, hint),
    h("section", { class: "card hp-card" }, h("div", { class: "sm-scroll" }, matrixBox), matrixHint),
    h("section", { class: "card hp-card" }, tableBox));
  root.replaceChildren(notice, page);

  let data = null;      // { columns, sessions: [{ name, runs }] }
  let shown = [];       // shown columns
  let include = null;   // sessions the table filters keep
  let selected = null;  // … and the brushes too
  let sorted = [];      // every session index in the table's order
  let alive = true;
  let fetching = null;
  let columnShape = "";  // the columns' ids, types and values, to tell new columns from new sessions

  const plot = new ParallelCoords(plotBox, {
    onBrush: (id, range) => {
      if (range) choices.brushes.set(id, range); else choices.brushes.delete(id);
      reselect();
    },
    onPick: (s) => openSession(data.sessions[s]),
    onToggleLog: (id) => {
      if (choices.logAxes.has(id)) choices.logAxes.delete(id); else choices.logAxes.add(id);
      // Brushes are axis positions: on a new scale they would select other values.
      choices.brushes.delete(id);
      renderColumns();
    },
  });
  const matrix = new ScatterMatrix(matrixBox, {
    onBrush: (changes) => {
      for (const [id, range] of changes) if (range) choices.brushes.set(id, range); else choices.brushes.delete(id);
      reselect();
    },
    onPick: (s) => openSession(data.sessions[s]),
  });
  const table = new HParamsTable(tableBox, {
    onSort: (id) => {
      const same = choices.sort.id === id;
      choices.sort = { id, descending: same ? !choices.sort.descending : id !== "session" && data.columns.find((c) => c.id === id)?.kind === "metric" };
      table.setColumns(shown, data.sessions, choices.sort, choices.filters);
      sortRows();
      renderRows();
    },
    onFilter: (id, filter) => {
      if (filter) choices.filters.set(id, filter); else choices.filters.delete(id);
      reselect();
    },
    onOpen: (s) => openSession(data.sessions[s]),
  });

  async function load() {
    if (fetching) return fetching;
    fetching = fetchHParams().then((resp) => {
      if (!alive) return;
      const columns = buildColumns(resp);
      data = { columns, sessions: sessionList(resp) };
      const empty = !data.sessions.length;
      notice.hidden = !empty;
      page.hidden = empty;
      if (empty) {
        notice.replaceChildren(...emptyMessage("hyper-parameter sessions",
          'writer.addHparams(["lr": 0.01], metrics: ["hparam/accuracy": 0.9])',
          'writer.add_hparams({"lr": 0.01}, {"hparam/accuracy": 0.9})'));
        return;
      }
      // Same columns as before (new sessions or values): keep the table's head, so a
      // filter being typed keeps its focus.
      const shape = JSON.stringify(columns.map((c) => [c.id, c.type, c.categories]));
      if (shape === columnShape) return refreshSessions();
      columnShape = shape;
      renderColumns();
    }).catch((error) => {
      notice.hidden = false;
      notice.replaceChildren(h("strong", {}, "Cannot read the sessions: "), error.message);
    }).finally(() => { fetching = null; });
    return fetching;
  }

  // Columns shown, the column menu, the table's head and the plot's axes.
  function renderColumns() {
    const { columns, sessions } = data;
    shown = columns.filter((c) => !choices.hidden.has(c.id));
    columnList.replaceChildren(...columns.map((c) => {
      const box = h("input", { type: "checkbox", checked: !choices.hidden.has(c.id), "data-column": c.id });
      box.addEventListener("change", () => {
        if (box.checked) choices.hidden.delete(c.id); else choices.hidden.add(c.id);
        renderColumns();
      });
      return h("label", { class: "check" }, box, ` ${c.label}`, h("span", { class: "muted small" }, ` ${c.kind}`));
    }));
    if (choices.sort.id !== "session" && !shown.some((c) => c.id === choices.sort.id)) choices.sort = { id: "session", descending: false };
    table.setColumns(shown, sessions, choices.sort, choices.filters);
    sortRows();
    computeMasks();
    plot.setData({
      columns: shown, sessions, include, selected, brushes: shownBrushes(), logAxes: choices.logAxes,
      colorColumn: columns.find((c) => c.kind === "metric" && !choices.hidden.has(c.id)) ?? null,
    });
    scheduleMatrix();
    renderRows();
  }

  function refreshSessions() {
    shown = data.columns.filter((c) => !choices.hidden.has(c.id));
    table.setSessions(shown, data.sessions);
    sortRows();
    computeMasks();
    plot.setData({ ...plot.data, columns: shown, sessions: data.sessions, include, selected, brushes: shownBrushes(),
      colorColumn: data.columns.find((c) => c.kind === "metric" && !choices.hidden.has(c.id)) ?? null });
    scheduleMatrix();
    renderRows();
  }

  // The matrix shows what the parallel coordinates show, coloured alike, drawn
  // once the lines and the table above it are on screen.
  let cancelMatrix = () => {};
  let matrixPending = false;
  function drawMatrixAfterPaint(draw) {
    cancelMatrix();
    cancelMatrix = afterNextPaint(draw);
  }
  function scheduleMatrix() {
    matrixPending = true;
    drawMatrixAfterPaint(() => {
      matrixPending = false;
      matrix.setData({ columns: shown, sessions: data.sessions, include, selected, brushes: shownBrushes(),
        logAxes: choices.logAxes, colorBins: plot.colorBins, palette: RAMP });
    });
  }

  const shownBrushes = () => new Map([...choices.brushes].filter(([id]) => shown.some((c) => c.id === id)));

  function computeMasks() {
    const { columns, sessions } = data;
    const n = sessions.length;
    const byId = new Map(columns.map((c) => [c.id, c]));
    const tests = [];
    for (const [id, filter] of choices.filters) {
      if (id === "session") {
        const test = filterTest({ type: "string", categories: sessions.map((s) => s.name), codes: Int32Array.from(sessions.keys()) }, filter);
        if (test) tests.push(test);
      } else if (byId.has(id) && !choices.hidden.has(id)) {
        const test = filterTest(byId.get(id), filter);
        if (test) tests.push(test);
      }
    }
    include = selectSessions(n, tests);
    const brushTests = [...shownBrushes()].map(([id, [lo, hi]]) => {
      const col = byId.get(id);
      const log = choices.logAxes.has(id) && canLog(col);
      const p = axisPositions(col, log);
      return (s) => p[s] >= lo - 1e-9 && p[s] <= hi + 1e-9;
    });
    selected = selectSessions(n, [(s) => include[s] === 1, ...brushTests]);
  }

  // A filter or brush changed: the selection, the plot's lines and the table's
  // rows; the matrix's dots follow once those are painted (data-matrix-ms: its time).
  function reselect() {
    const start = performance.now();
    computeMasks();
    const brushes = shownBrushes();
    plot.setSelection(include, selected, brushes);
    matrix.select(include, selected, brushes); // a click on a dot right away picks from these
    renderRows();
    root.dataset.selectMs = (performance.now() - start).toFixed(1);
    if (matrixPending) return; // its first drawing takes the masks of its time
    drawMatrixAfterPaint(() => {
      const drawn = performance.now();
      matrix.setSelection(include, selected, shownBrushes());
      root.dataset.matrixMs = (performance.now() - drawn).toFixed(1);
    });
  }

  function sortRows() {
    const sortColumn = choices.sort.id === "session" ? null : data.columns.find((c) => c.id === choices.sort.id);
    sorted = sortOrder(data.sessions, sortColumn, choices.sort.descending);
  }

  function renderRows() {
    const { sessions } = data;
    const order = sorted.filter((s) => selected[s]);
    table.setRows(order);
    const kept = include.reduce((a, v) => a + v, 0);
    counts.textContent = `${formatCount(sessions.length)} sessions · ${formatCount(kept)} pass the filters · ${formatCount(order.length)} selected`;
    Object.assign(root.dataset, { sessions: String(sessions.length), selected: String(order.length), logAxes: [...choices.logAxes].join(","),
      brushes: [...shownBrushes().keys()].join(",") });
  }

  load();
  return {
    sync: () => {},
    refresh: () => load(),
    settingsChanged: () => {},
    destroy: () => {
      alive = false;
      cancelMatrix();
      plot.destroy();
      matrix.destroy();
    },
  };
}

