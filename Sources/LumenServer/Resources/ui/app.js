// Entry point: routes between dashboards, polls the server for new data and
// keeps sidebar, tabs and cards in step with the shared state.
import { api } from "./api.js";
import { state, update, subscribe } from "./store.js";
import { initSidebar, showSettingsFor, syncControls } from "./sidebar.js";
import { renderRuns, renderRunsAfterPaint } from "./run-table.js";
import { paintGroups } from "./group-controls.js";
import { renderStatus, renderOffline } from "./status.js";
import { initReload, markDataChanged } from "./reload.js";
import { initTheme, runColorsChanged } from "./theme.js";
import { initURLState } from "./url-state.js";
import { welcomePage } from "./welcome.js";
import { h } from "./dom.js";
import { hideTooltip } from "./tooltip.js";
import { assignColors, applyPickedColors } from "./colors.js";
import { createScalars } from "./scalars.js";
import { prefetchHParams } from "./run-hparams.js";

// load(): the dashboard's constructor, its modules fetched when it is first opened
// (scalars, which most visits open, comes with the page: see `loaded`).
// has(run): whether the run has data for the dashboard (else its tab is dimmed).
const hasTags = (kind) => (run) => (run.tags[kind] || []).length > 0;
const DASHBOARDS = {
  scalars: { has: hasTags("scalars") },
  histograms: { load: async () => (await import("./histograms.js")).createHistograms, has: hasTags("histograms") },
  distributions: { load: async () => (await import("./distributions.js")).createDistributions, has: hasTags("histograms") },
  images: { load: async () => (await import("./images.js")).createImages, has: hasTags("images") },
  text: { load: async () => (await import("./texts.js")).createTexts, has: hasTags("texts") },
  graphs: { load: async () => (await import("./graphs.js")).createGraphs, has: (run) => run.graphs > 0 },
  hparams: { load: async () => (await import("./hparams.js")).createHParams, has: (run) => run.session },
  "pr-curves": { load: async () => (await import("./pr-curves.js")).createPRCurves, has: hasTags("prCurves") },
  "custom-scalars": {
    load: async () => (await import("./custom-scalars.js")).createCustomScalars,
    has: (run) => run.customScalars === true,
  },
  // A run with embeddings: the projector's tab shows.
  projector: { load: async () => (await import("./projector.js")).createProjector, has: (run) => (run.embeddings || 0) > 0 },
};
const VIEW_KEYS = ["runFilter", "hiddenRuns", "tagFilter", "pinnedCards"];
const SETTING_KEYS = ["smoothing", "smoothingKind", "xAxis", "yLog", "ignoreOutliers", "histMode", "histAxis", "textRaw",
  "pinnedCards", "wideCards", "groupBy", "groupRegex", "groupHParam", "groupBand"];
const RUN_TABLE_KEYS = ["runSort", "onlyCheckedRuns"];

const main = document.getElementById("main");
let view = null;        // the mounted dashboard, if any
let pollTimer = 0;
let shapedRuns = null;  // the listing whose names, tags and counts the page shows
let page = "";          // pageKind() of what is mounted
let polling = null;     // the poll under way, if any
let grownSince = new Set(); // runs with new data not yet refetched
let lastRefresh = 0;
let refreshTimer = 0;
let refetchAll = false; // the reload button asks the cards in view to fetch everything again
// While the log directory loads, ask for news at least this often (the server answers
// at once when loading ends), and let cards in view follow the growing runs every second.
const LOADING_WAIT_MS = 500;
const LOADING_POLL_MS = 250; // from a server that cannot wait
const LOADING_REFRESH_MS = 1000;
const LONG_POLL_GAP_MS = 100; // between one answered wait for changes and the next

// Mark the selected tab, and dim tabs no run has data for; an optional tab
// shows only when some run has its data (or it is the one open).
function paintTabs() {
  for (const tab of document.querySelectorAll(".tab")) {
    const selected = tab.dataset.dashboard === state.dashboard;
    const empty = !state.runs.some(DASHBOARDS[tab.dataset.dashboard].has);
    tab.setAttribute("aria-selected", String(selected));
    tab.classList.toggle("empty", empty);
    if (tab.hasAttribute("data-optional")) tab.hidden = empty && !selected;
  }
}

// Mount the current dashboard, or the welcome / loading page. A dashboard whose
// modules are loaded mounts at once; one whose modules arrive after another mount
// has begun is not created.
const loaded = new Map([["scalars", createScalars]]); // dashboard → its constructor
const loading = new Map(); // dashboard → its modules' import under way or done
let mounts = 0;

// The dashboard's constructor, its modules fetched once (a failed fetch is tried again).
function loadDashboard(dashboard) {
  if (!loading.has(dashboard)) {
    loading.set(dashboard, DASHBOARDS[dashboard].load().catch((error) => {
      loading.delete(dashboard);
      throw error;
    }));
  }
  return loading.get(dashboard);
}
async function mount() {
  const ticket = ++mounts;
  hideTooltip();
  view?.destroy();
  view = null;
  showSettingsFor(state.dashboard);
  document.body.dataset.dashboard = state.dashboard;
  paintTabs();
  document.body.classList.toggle("no-runs", !state.runs.length);
  if (!state.status) {
    main.replaceChildren(h("div", { class: "notice" }, "Connecting to the Lumen server…"));
  } else if (!state.runs.length) {
    main.replaceChildren(state.status.loaded
      ? welcomePage(state.status)
      : h("div", { class: "notice" }, h("span", { class: "spinner" }), " Reading the log directory…"));
  } else {
    const dashboard = state.dashboard;
    let create = loaded.get(dashboard);
    if (!create) {
      // The old dashboard goes at once, whatever its successor's modules take.
      main.replaceChildren(h("div", { class: "notice" }, h("span", { class: "spinner" }), " Opening the dashboard…"));
      try {
        create = await loadDashboard(dashboard);
      } catch (error) {
        if (ticket === mounts) main.replaceChildren(h("div", { class: "notice error" }, `This dashboard failed to load: ${error.message}`));
        return;
      }
      loaded.set(dashboard, create);
      if (ticket !== mounts) return;
    }
    try {
      view = create(main);
    } catch (error) {
      main.replaceChildren(h("div", { class: "notice error" }, `This dashboard failed to open: ${error.message}`));
    }
  }
}

subscribe((patch) => {
  if ("dashboard" in patch || ("imageLayout" in patch && state.dashboard === "images")) mount();
  if (VIEW_KEYS.some((k) => k in patch)) {
    renderRuns();
    view?.sync();
  }
  if (SETTING_KEYS.some((k) => k in patch)) view?.settingsChanged(patch);
  if (RUN_TABLE_KEYS.some((k) => k in patch)) renderRuns();
  if ("runColors" in patch) {
    applyPickedColors(); // elements
    runColorsChanged(); // charts
    renderRuns();
  }
});

// Runs whose data grew since the last poll (new runs load through sync).
function grownRuns(before, after) {
  if (!before.length) return new Set();
  const last = new Map(before.map((r) => [r.name, r.lastWallTime]));
  return new Set(after.filter((r) => last.has(r.name) && last.get(r.name) !== r.lastWallTime).map((r) => r.name));
}

// Whether two listings have the same runs, in the same order, with the same tags, graphs,
// layout and session: what the sidebar, tabs and cards are made from. Compared field by
// field: writing 10,000 runs out as text to compare took the page 10–20 ms.
function sameShape(before, after) {
  if (before.length !== after.length) return false;
  for (let i = 0; i < after.length; i++) {
    const [a, b] = [before[i], after[i]];
    if (a.name !== b.name || a.graphs !== b.graphs || a.customScalars !== b.customScalars || a.session !== b.session) return false;
    const kinds = Object.keys(b.tags);
    if (kinds.length !== Object.keys(a.tags).length) return false;
    for (const kind of kinds) {
      const [x, y] = [a.tags[kind], b.tags[kind]];
      if (!x || x.length !== y.length || x.some((tag, k) => tag !== y[k])) return false;
    }
  }
  return true;
}

// What the main area shows: a dashboard, or (no runs) a loading or welcome page.
function pageKind(status, runs) {
  if (runs.length) return "dashboard";
  return status.loaded ? `welcome:${status.problem ?? ""}` : "loading";
}

// Refetch the cards of runs that grew, at most once per `interval` ms: a
// change that comes sooner is refetched when the interval is over.
function refreshGrown(interval) {
  clearTimeout(refreshTimer);
  if (!grownSince.size) return;
  const wait = lastRefresh + interval - Date.now();
  if (wait > 0) {
    refreshTimer = setTimeout(() => refreshGrown(interval), wait);
    return;
  }
  view?.refresh(grownSince);
  grownSince = new Set();
  lastRefresh = Date.now();
}

// One poll loop only, however often visibility flips or the reload button is pressed.
function poll() {
  clearTimeout(pollTimer);
  polling ??= pollOnce().finally(() => {
    polling = null;
    // Wait on the server for changes (a server that cannot wait is polled fast
    // while the first load runs, then at its pace); stop entirely while the tab
    // is hidden.
    const delay = state.status?.generation !== undefined ? LONG_POLL_GAP_MS
      : !state.status?.loaded ? LOADING_POLL_MS : (state.status.reloadInterval || 5) * 1000;
    clearTimeout(pollTimer);
    if (!document.hidden) pollTimer = setTimeout(poll, delay);
  });
  return polling;
}

// The reload button: ask now, without waiting for a change (the loop's own
// request may be waiting on the server), and have the cards in view fetch
// every run.
async function reloadNow() {
  refetchAll = true;
  await pollOnce(false);
}

// One round: status and runs, then whatever they say changed. When `wait`, the
// status request waits until new data has been read (while loading, until loading
// ends or for LOADING_WAIT_MS).
async function pollOnce(wait = true) {
  try {
    const waiting = wait && state.status?.generation !== undefined;
    // Without a wait, the runs are asked for at once beside the status.
    const statusRequest = waiting
      ? api.status(state.status.generation, state.status.loaded ? undefined : LOADING_WAIT_MS)
      : api.status();
    const runsRequest = waiting ? null : api.runs();
    runsRequest?.catch(() => {}); // a failed status is the error shown; its runs' failure is not unhandled
    const status = await statusRequest;
    const runs = await (runsRequest ?? api.runs());
    const grown = grownRuns(state.runs, runs);
    const finishedLoading = state.status && !state.status.loaded && status.loaded;
    const shapeChanged = !shapedRuns || !sameShape(shapedRuns, runs);
    if (!state.status || grown.size || shapeChanged || finishedLoading) markDataChanged();
    state.status = status;
    state.runs = runs;
    renderStatus(status);
    if (shapeChanged) {
      shapedRuns = runs;
      assignColors(runs.map((r) => r.name));
      renderRunsAfterPaint();
      paintGroups();
    }
    const nextPage = pageKind(status, runs);
    if (nextPage !== page) {
      page = nextPage;
      mount();
    } else if (shapeChanged && view) {
      view.sync(); // new runs or tags: add their cards, keep the rest
      paintTabs();
    }
    for (const run of grown) grownSince.add(run);
    // Whatever was fetched during the load may be partial, and the reload button
    // asks for everything: fetch every run now, cards in view first.
    if (finishedLoading || refetchAll) {
      refetchAll = false;
      grownSince = new Set(runs.map((r) => r.name));
      lastRefresh = 0;
    }
    refreshGrown(status.loaded ? Math.max(1, status.reloadInterval || 5) * 1000 : LOADING_REFRESH_MS);
  } catch (error) {
    renderOffline(error.message);
  }
}

document.addEventListener("visibilitychange", () => {
  if (document.hidden) clearTimeout(pollTimer);
  else poll();
});
// Close open pop-overs (damage list, download menus) on a click elsewhere.
document.addEventListener("click", (e) => {
  for (const open of document.querySelectorAll("details.damage[open], details.menu[open]")) {
    if (!open.contains(e.target)) open.open = false;
  }
});
for (const tab of document.querySelectorAll(".tab")) {
  tab.addEventListener("click", () => update({ dashboard: tab.dataset.dashboard }));
}

initTheme(document.getElementById("theme-toggle"));
initURLState(Object.keys(DASHBOARDS), syncControls);
if (state.dashboard === "hparams") prefetchHParams();
// The dashboard a link opens on fetches its modules beside the first status and runs.
if (!loaded.has(state.dashboard)) loadDashboard(state.dashboard).catch(() => {}); // mount() shows a failure
initReload(reloadNow);
initSidebar();
mount();
poll();
