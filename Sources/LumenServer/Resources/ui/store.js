// Shared UI state: what the server reported plus the user's choices.
// Choices persist in localStorage so a reload keeps the same view; the page's
// URL carries the view's part of them too (url-state.js), and wins on load.

const KEY = "lumen.board.settings";
const SAVED = ["smoothing", "smoothingKind", "xAxis", "yLog", "ignoreOutliers", "histMode", "runFilter",
  "tagFilter", "hiddenRuns", "collapsedGroups", "graphRun", "imageLayout", "imageBrightness", "imageContrast", "theme",
  "pinnedCards", "wideCards", "runColors", "runSort", "onlyCheckedRuns", "histAxis", "textRaw",
  "groupBy", "groupRegex", "groupHParam", "groupBand"];

export const state = {
  status: null,
  runs: [],                 // /api/runs, sorted by name
  dashboard: "scalars",
  smoothing: 0.6,
  smoothingKind: "ema",     // ema | time-ema | moving-average | gaussian | none (smoothing.js)
  xAxis: "step",            // step | relative | wall
  yLog: false,
  ignoreOutliers: false,
  histMode: "offset",       // offset | overlay
  runFilter: "",
  tagFilter: "",
  hiddenRuns: [],           // unchecked runs; new runs therefore start checked
  collapsedGroups: [],      // "dashboard:group" keys
  graphRun: "",             // the run the Graphs dashboard shows
  imageLayout: "runs",      // runs (a card per tag and run) | compare (runs side by side)
  imageBrightness: 100,     // percent, CSS brightness() of every image
  imageContrast: 100,       // percent, CSS contrast() of every image
  theme: "system",          // system (prefers-color-scheme) | light | dark
  pinnedCards: [],          // scalar tags shown in the Pinned section at the top
  wideCards: [],            // scalar tags whose card spans the whole row
  runColors: {},            // run → #rrggbb picked in the run table (else the palette's)
  runSort: { column: "name", descending: false }, // the run table's order: "name" or an hparam
  onlyCheckedRuns: false,   // the run table lists checked runs only
  histAxis: "step",         // histograms' and distributions' step axis: step | relative | wall
  textRaw: false,           // text cards show the logged text as is instead of Markdown
  groupBy: "none",          // scalar charts draw runs one by one (none) or grouped: regex | hparam (run-groups.js)
  groupRegex: "",           // runs grouped by its capture group 1, or its whole match
  groupHParam: "",          // runs grouped by this hyper-parameter's value
  groupBand: "minmax",      // each group's band: minmax | std (± standard deviation) | sem (± standard error)
};

// The choices as they are before anything saved or linked changes them (a
// copy: no list is shared with the state).
export const DEFAULTS = Object.freeze(structuredClone(Object.fromEntries(SAVED.map((k) => [k, state[k]]))));

try {
  const saved = JSON.parse(localStorage.getItem(KEY) || "{}");
  for (const key of SAVED) if (key in saved) state[key] = saved[key];
} catch { /* corrupt or blocked storage: start from defaults */ }

const listeners = new Set();

export function subscribe(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Apply a change and tell every listener which keys changed.
export function update(patch) {
  Object.assign(state, patch);
  try {
    localStorage.setItem(KEY, JSON.stringify(Object.fromEntries(SAVED.map((k) => [k, state[k]]))));
  } catch { /* private mode: settings simply do not persist */ }
  for (const listener of listeners) listener(patch);
}

// A user-typed regex; an invalid one falls back to a plain substring match
// so typing "(" mid-edit never empties the page.
export function compileFilter(text) {
  if (!text) return () => true;
  try {
    const re = new RegExp(text, "i");
    return (name) => re.test(name);
  } catch {
    const needle = text.toLowerCase();
    return (name) => name.toLowerCase().includes(needle);
  }
}

export function isValidRegex(text) {
  try { new RegExp(text); return true; } catch { return false; }
}

// Runs the run filter lets through, checked or not.
export function filteredRuns() {
  const matches = compileFilter(state.runFilter);
  return state.runs.filter((r) => matches(r.name));
}

// Runs the user wants to see: matching the run filter and checked.
export function activeRuns() {
  const hidden = new Set(state.hiddenRuns);
  return filteredRuns().filter((r) => !hidden.has(r.name));
}
