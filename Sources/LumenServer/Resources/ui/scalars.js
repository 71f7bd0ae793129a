// Scalars dashboard: one card per tag, one line per selected run, or per run
// group (run-groups.js) with its band.
import { api, exportURL } from "./api.js";
import { cardShell } from "./cards.js";
import { createDashboard, emptyMessage } from "./dashboard.js";
import { LineChart } from "./chart.js";
import { attachChartKeys } from "./chart-keys.js";
import { CursorTable } from "./cursor-table.js";
import { YAxisMenu } from "./y-axis-menu.js";
import { cursorStep, setCursorStep, onCursorStep } from "./step-cursor.js";
import { runColorVar } from "./colors.js";
import { smooth } from "./smoothing.js";
import { groupRuns } from "./run-groups.js";
import { onRunHParams } from "./run-hparams.js";
import { ScalarGroups } from "./scalar-groups.js";
import { state, update } from "./store.js";
import { h } from "./dom.js";

const EXACT_SMOOTHING_DELAY = 150; // ms the cursor rests before the data table's exact smoothed values are fetched

// The smoothing weight in effect (0 when the kind is "none"), and the kind and weight
// as one key for values computed under them.
const smoothingWeight = () => (state.smoothingKind === "none" ? 0 : state.smoothing);
const smoothingSetting = () => `${state.smoothingKind}|${state.smoothing}`;
// Settings that change which runs form which group.
const GROUPING_KEYS = ["groupBy", "groupRegex", "groupHParam", "xAxis"];

class ScalarCard {
  constructor(tag) {
    this.tag = tag;
    this.activeRuns = [];
    this.data = new Map();    // run → { resp, asked (its parameters), smoothing } for the current zoom
    this.starts = new Map();  // run → wall time of its first point (relative axis)
    this.errors = new Map();  // run → message of its last failed fetch
    this.latest = new Map();  // run → number of its newest request
    this.partialRuns = new Set(); // runs last read before the logdir finished loading
    this.exactSmoothed = new Map(); // "weight|run|step" → the server's smoothed value there
    this.groups = new ScalarGroups(tag);
    this.layout = null;       // groupRuns(activeRuns): the groups drawn and the runs left loose, or null
    this.sequence = 0;
    this.inflight = 0;
    this.zoom = null;         // { xDomain, minStep, maxStep }
    this.fullXDomain = null;  // the x range of every step, seen while not zoomed
    this.downloads = h("div", { class: "menu-list" });
    this.resetButton = h("button", {
      class: "chip", type: "button", hidden: true, title: "Show all steps (or double-click the chart, or press 0 on it)",
      onclick: () => this.setZoom(null),
    }, "Reset zoom");
    this.pinButton = h("button", { class: "chip pin", type: "button", onclick: () => this.toggleIn("pinnedCards") });
    this.wideButton = h("button", { class: "chip wide", type: "button", onclick: () => this.toggleIn("wideCards") });
    this.yAxis = new YAxisMenu(() => this.render());
    this.shell = cardShell({
      className: "scalar-card",
      title: tag,
      actions: [this.resetButton, this.yAxis.el, this.wideButton, this.pinButton,
        h("details", { class: "menu" },
          h("summary", { class: "chip", title: "Download every point" }, "Download"), this.downloads)],
    });
    this.el = this.shell.el;
    this.el.dataset.tag = tag;
    const chartBox = h("div", { class: "chart" });
    this.table = new CursorTable();
    this.shell.body.append(chartBox,
      h("div", { class: "chart-hint" }, "Drag to zoom · double-click to reset · focused: ← → step, + − zoom, 0 reset"),
      this.table.el);
    this.chart = new LineChart(chartBox, {
      onZoom: (range) => this.setZoom(range),
      onApproximate: (points) => this.fetchExactSmoothing(points),
      onCursor: (step) => setCursorStep(step, this),
      onRows: (rows, step) => this.showRows(rows, step),
    });
    const plot = this.chart.overlay;
    plot.tabIndex = 0;
    plot.setAttribute("role", "img");
    plot.setAttribute("aria-label", `${tag}: ← → move the step cursor, Shift+← → pan, + − zoom, 0 shows every step`);
    attachChartKeys(plot, {
      move: (delta) => setCursorStep(this.chart.stepBeside(cursorStep(), delta), this),
      zoom: (factor) => this.setZoom(this.chart.zoomedDomain(factor, this.fullXDomain)),
      pan: (fraction) => { if (this.zoom) this.setZoom(this.chart.pannedDomain(fraction, this.fullXDomain)); },
      reset: () => this.setZoom(null),
      clear: () => setCursorStep(null, this),
    });
    plot.addEventListener("blur", () => { if (cursorStep() !== null) setCursorStep(null, this); });
    // The cursor set on any chart shows on this one too while it is near the screen.
    this.stopCursorWatch = onCursorStep((step) => {
      if (this.visible || step === null) this.chart.showCursor(step);
    });
    // Runs grouped by a hyper-parameter wait for the runs' values.
    this.stopHParamsWatch = onRunHParams(() => { if (state.groupBy === "hparam") this.fillIn(); });
    this.paintLayout();
  }

  // Pins or unpins the card (pinnedCards), or widens it to the whole row (wideCards).
  toggleIn(key) {
    const rest = state[key].filter((t) => t !== this.tag);
    update({ [key]: rest.length === state[key].length ? [...rest, this.tag] : rest });
  }

  paintLayout() {
    const pinned = state.pinnedCards.includes(this.tag);
    const wide = state.wideCards.includes(this.tag);
    this.pinButton.setAttribute("aria-pressed", String(pinned));
    this.pinButton.textContent = pinned ? "★ Pinned" : "☆ Pin";
    this.pinButton.title = pinned ? "Unpin: back to its group" : "Pin: show this card at the top of the page";
    this.wideButton.setAttribute("aria-pressed", String(wide));
    this.wideButton.textContent = wide ? "⇤ Narrow" : "↔ Wide";
    this.wideButton.title = wide ? "Back to the grid's width" : "Full width: the card takes the whole row";
    this.el.classList.toggle("wide", wide);
    this.el.dataset.pinned = String(pinned);
    this.el.dataset.wide = String(wide);
  }

  // Fills the data table once the charts being redrawn together are drawn: a
  // table written between two charts' drawing would lay the page out again
  // for the next one.
  showRows(rows, step) {
    const queued = this.pendingRows !== undefined;
    this.pendingRows = { rows, step };
    if (queued) return;
    queueMicrotask(() => {
      const { rows, step } = this.pendingRows;
      this.pendingRows = undefined;
      this.table.show(rows, step);
      this.el.dataset.cursorStep = step === null ? "" : String(step);
    });
  }

  runs() {
    return this.activeRuns;
  }

  setRuns(runs) {
    if (runs.join("\n") === this.activeRuns.join("\n")) return;
    this.activeRuns = runs;
    this.downloads.replaceChildren(...runs.map((run) => h("div", { class: "menu-row" },
      h("span", { class: "swatch", style: { background: runColorVar(run) } }),
      h("span", { class: "menu-run", title: run }, run),
      h("a", { href: exportURL(run, this.tag, "csv"), download: "" }, "CSV"),
      h("a", { href: exportURL(run, this.tag, "json"), download: "" }, "JSON"))));
    if (this.data.size || this.errors.size) this.showErrors();
    this.fillIn();
  }

  // Fetches what the runs and the grouping lack (runs drawn alone, groups),
  // or redraws when nothing is missing.
  fillIn() {
    this.layout = groupRuns(this.activeRuns);
    const runs = (this.layout ? this.layout.loose : this.activeRuns).filter((r) => !this.data.has(r));
    const groups = this.layout ? this.groups.missing(this.layout.groups) : [];
    if (!runs.length && !groups.length) this.render();
    else if (this.visible && !this.stale) this.fetchAll(runs, groups);
    else this.stale = true;
  }

  // `runs` fetched again: the ones drawn alone, and every group holding one.
  load(runs = this.activeRuns) {
    this.layout = groupRuns(this.activeRuns);
    if (!this.layout) return this.fetch(runs);
    const changed = new Set(runs);
    const loose = new Set(this.layout.loose);
    const groups = this.layout.groups.filter((g) => g.runs.some((r) => changed.has(r)));
    return this.fetchAll(runs.filter((r) => loose.has(r)), [...new Set([...groups, ...this.groups.missing(this.layout.groups)])]);
  }

  fetchAll(runs, groups) {
    return Promise.all([runs.length || !groups.length ? this.fetch(runs) : null, this.fetchGroups(groups)]);
  }

  async fetchGroups(groups) {
    if (!groups.length) return;
    const { width, minStep, maxStep } = this.params();
    const zoom = this.zoom;
    if (!this.data.size && !this.groups.data.size) this.shell.setState("loading");
    this.inflight++;
    this.el.classList.add("busy");
    await this.groups.fetch(groups, { width, minStep, maxStep });
    this.el.classList.toggle("busy", --this.inflight > 0);
    if (zoom !== this.zoom) return; // the user zoomed meanwhile; that fetch wins
    this.showErrors();
    try {
      this.render();
    } catch (error) {
      this.shell.setState("error", `Cannot draw this data: ${error.message}`);
    }
  }

  params() {
    const width = Math.min(4000, Math.round(this.chart.plotWidth() * (window.devicePixelRatio || 1)));
    // The page smooths what it draws, and the data table asks for the server's exact value at
    // one step. A zoomed range alone would restart the average at its left edge, so it
    // comes smoothed over the whole series by the server.
    const params = { width };
    if (this.zoom && this.zoom.minStep !== undefined) {
      if (smoothingWeight() > 0) Object.assign(params, { smoothing: state.smoothing, smoothingKind: state.smoothingKind });
      params.minStep = this.zoom.minStep;
      params.maxStep = this.zoom.maxStep;
    }
    return params;
  }

  async fetch(runs) {
    if (!runs.length) return this.render();
    const params = this.params();
    const partial = !state.status?.loaded;
    const zoom = this.zoom;
    const seq = ++this.sequence;
    for (const run of runs) this.latest.set(run, seq);
    if (!this.data.size) this.shell.setState("loading");
    this.inflight++;
    this.el.classList.add("busy");
    // A run whose answer for these parameters is here is sent again only if it changed.
    const asked = JSON.stringify(params);
    const results = await api.scalarsOf(runs.map((run) => {
      const entry = this.data.get(run);
      return { run, tag: this.tag, version: entry?.asked === asked ? entry.resp.version : undefined };
    }), params);
    this.el.classList.toggle("busy", --this.inflight > 0);
    if (zoom !== this.zoom) return; // the user zoomed meanwhile; that fetch wins
    results.forEach((result, i) => {
      const run = runs[i];
      if (this.latest.get(run) !== seq) return; // a newer request for this run is under way
      if (result.status === "rejected") {
        this.errors.set(run, result.reason.message);
        return;
      }
      this.errors.delete(run);
      if (partial) this.partialRuns.add(run); else this.partialRuns.delete(run);
      const resp = result.value;
      if (resp.unchanged) return;
      this.data.set(run, { resp, asked, smoothing: params.smoothing ? `${params.smoothingKind}|${params.smoothing}` : null });
      if (!zoom && resp.wallTime.length) this.starts.set(run, resp.wallTime[0]);
    });
    this.exactSmoothed.clear(); // a restart may have replaced earlier points
    this.showErrors();
    this.shell.setPartial(this.activeRuns.some((r) => this.partialRuns.has(r)));
    try {
      this.render();
    } catch (error) {
      this.shell.setState("error", `Cannot draw this data: ${error.message}`);
    }
  }

  // Failed runs are named on the card; the other runs still draw.
  showErrors() {
    const errors = this.activeRuns.filter((r) => this.errors.has(r)).map((r) => `${r}: ${this.errors.get(r)}`)
      .concat((this.layout?.groups ?? []).filter((g) => this.groups.errors.has(g.label)).map((g) => `${g.label}: ${this.groups.errors.get(g.label)}`));
    this.shell.setState(errors.length ? "error" : "ready", errors.join("\n"));
  }

  render() {
    this.dirty = false;
    if (!this.activeRuns.length) this.shell.setState("empty", "None of the checked runs logs this tag.");
    const w = smoothingWeight();
    const setting = smoothingSetting();
    // Groups first: their bands lie under every line.
    const series = this.layout ? this.groups.series(this.layout.groups, w) : [];
    let smoothedSum = 0;
    for (const run of this.layout ? this.layout.loose : this.activeRuns) {
      const entry = this.data.get(run);
      if (!entry) continue;
      const { resp } = entry;
      let smoothed = null;
      let exact;
      if (w > 0) {
        // The server's values for a zoomed range when they match the slider.
        // Otherwise the page smooths what it has: exact for a whole series sent
        // point by point, a close estimate for downsampled or zoomed data, whose
        // data table then asks the server for the exact value at the hovered step.
        if (entry.smoothing === setting && resp.smoothed) {
          smoothed = resp.smoothed;
        } else {
          // Windows are measured in steps, by the whole series' mean step gap.
          const gap = resp.downsampled && !this.zoom && resp.total > 1
            ? (resp.step[resp.step.length - 1] - resp.step[0]) / (resp.total - 1) : null;
          smoothed = smooth(resp.value, w, state.smoothingKind, resp.step, gap);
          if (resp.downsampled || this.zoom) exact = (step) => this.exactSmoothed.get(`${setting}|${run}|${step}`);
        }
      }
      const start = this.starts.get(run) ?? resp.wallTime[0];
      if (entry.relStart !== start) { // hours since the run began, cached per fetch
        entry.relStart = start;
        entry.rel = resp.wallTime.map((t) => (t - start) / 3600);
      }
      const rel = entry.rel;
      const x = state.xAxis === "wall" ? resp.wallTime : state.xAxis === "relative" ? rel : resp.step;
      series.push({ run, x, y: resp.value, smooth: smoothed, exact,
        step: resp.step, wall: resp.wallTime, rel });
      const drawn = smoothed || resp.value;
      for (let i = 0; i < drawn.length; i++) if (drawn[i] !== null && Number.isFinite(drawn[i])) smoothedSum += drawn[i];
    }
    this.chart.cursor = cursorStep();
    this.chart.setData(series, {
      xAxis: state.xAxis, yLog: state.yLog, ignoreOutliers: this.yAxis.ignoreOutliers(),
      xDomain: this.zoom ? this.zoom.xDomain : null, ...this.yAxis.range(),
    });
    if (!this.zoom) this.fullXDomain = this.chart.xDomain();
    // Exposed for tests and debugging: what the chart currently shows.
    this.el.dataset.runs = JSON.stringify(series.filter((s) => !s.group).map((s) => s.run));
    this.el.dataset.groups = JSON.stringify(series.filter((s) => s.group).map((s) => ({ label: s.run, runs: s.group.runs })));
    this.el.dataset.smoothing = String(state.smoothing);
    this.el.dataset.smoothingKind = state.smoothingKind;
    this.el.dataset.smoothedSum = smoothedSum.toPrecision(12);
    this.el.dataset.points = String(series.reduce((n, s) => n + s.x.length, 0));
    this.el.dataset.zoomed = String(!!this.zoom);
    this.el.dataset.xDomain = JSON.stringify(this.chart.xDomain());
    this.el.dataset.yDomain = JSON.stringify(this.chart.drawnYDomain ?? null);
  }

  setZoom(range) {
    if (!range && !this.zoom) return;
    this.zoom = range ? { xDomain: range, ...this.stepRange(range) } : null;
    this.resetButton.hidden = !this.zoom;
    this.groups.clear(); // each group's grid covered the steps shown before
    this.render();
    this.load();
  }

  // Steps covered by an x range, whatever the x axis shows.
  stepRange([x0, x1]) {
    if (state.xAxis === "step") return { minStep: Math.floor(x0), maxStep: Math.ceil(x1) };
    let minStep = Infinity;
    let maxStep = -Infinity;
    for (const s of this.chart.series) {
      for (let i = 0; i < s.x.length; i++) {
        if (s.x[i] >= x0 && s.x[i] <= x1) {
          minStep = Math.min(minStep, s.step[i]);
          maxStep = Math.max(maxStep, s.step[i]);
        }
      }
    }
    return minStep <= maxStep ? { minStep, maxStep } : {};
  }

  settingsChanged(patch) {
    const layout = ["wideCards", "pinnedCards"];
    if (layout.some((k) => k in patch)) this.paintLayout();
    if (Object.keys(patch).every((k) => layout.includes(k))) return;
    if ("ignoreOutliers" in patch) this.yAxis.paint();
    if ("xAxis" in patch && this.zoom) {
      this.zoom = null; // a zoom range means nothing on another axis
      this.resetButton.hidden = true;
      this.groups.clear();
      return this.load();
    }
    if (GROUPING_KEYS.some((k) => k in patch)) return this.fillIn();
    // Smoothing is redrawn from the data in the page: nothing is fetched.
    // Offscreen cards redraw when they scroll into view, so a slider drag
    // only costs the cards on screen.
    if (this.visible) this.render(); else this.dirty = true;
  }

  revealed() {
    if (this.dirty) this.render();
  }

  // The server's smoothed values (over every point of the run) at the hovered
  // steps, once the cursor rests; the data table shows them when they arrive.
  fetchExactSmoothing(points) {
    clearTimeout(this.exactTimer);
    const setting = smoothingSetting();
    const params = { smoothing: state.smoothing, smoothingKind: state.smoothingKind };
    this.exactTimer = setTimeout(async () => {
      await Promise.allSettled(points.map(async ({ run, step }) => {
        const key = `${setting}|${run}|${step}`;
        if (this.exactSmoothed.has(key)) return;
        this.exactSmoothed.set(key, null); // asked once: a failure keeps the estimate
        const resp = await api.scalars(run, this.tag, { ...params, minStep: step, maxStep: step });
        const i = resp.step.indexOf(step);
        if (i >= 0 && resp.smoothed) this.exactSmoothed.set(key, resp.smoothed[i]);
      }));
      if (setting === smoothingSetting()) this.chart.showCursor(this.chart.cursor);
    }, EXACT_SMOOTHING_DELAY);
  }

  destroy() {
    clearTimeout(this.exactTimer);
    this.stopCursorWatch();
    this.stopHParamsWatch();
    this.chart.destroy();
  }
}

export function createScalars(root) {
  return createDashboard(root, {
    name: "scalars",
    kind: "scalars",
    perRun: false,
    displayTag: (tag) => tag,
    pinned: () => state.pinnedCards,
    createCard: (tag) => new ScalarCard(tag),
    empty: emptyMessage("scalars", 'writer.addScalar("loss", loss, step: i)', 'writer.add_scalar("loss", loss, i)'),
  });
}
