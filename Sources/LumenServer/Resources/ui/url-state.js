// The view in the page's URL, so that a copied link reproduces it and back /
// forward step through earlier views:
//   #scalars?smoothing=0.9&xAxis=relative&runFilter=lenet&hide=run_a&hide=run_b&pin=loss
// Before "?" is the dashboard, as in links made before the rest was added: a
// link without "?" opens its dashboard with the settings this browser saved,
// while a link with "?" sets every setting it omits to its default. The page
// always writes smoothing, so its own links always have a "?".
import { state, update, subscribe, DEFAULTS } from "./store.js";

const oneOf = (...choices) => (text) => (choices.includes(text) ? text : undefined);
const flag = (on, off) => ({ write: (v) => (v ? on : off), read: (t) => (t === on ? true : t === off ? false : undefined) });

// State key → its parameter: name, write(value) → text, read(text) → value or
// undefined when invalid; `list` parameters repeat, one value each.
const PARAMS = {
  smoothing: {
    name: "smoothing", write: String,
    read: (t) => (t.trim() !== "" && Number.isFinite(Number(t)) ? Math.min(0.999, Math.max(0, Number(t))) : undefined),
  },
  smoothingKind: { name: "smoothingKind", write: String, read: oneOf("ema", "time-ema", "moving-average", "gaussian", "none") },
  xAxis: { name: "xAxis", write: String, read: oneOf("step", "relative", "wall") },
  yLog: { name: "yScale", ...flag("log", "linear") },
  ignoreOutliers: { name: "ignoreOutliers", ...flag("1", "0") },
  histMode: { name: "histMode", write: String, read: oneOf("offset", "overlay") },
  histAxis: { name: "histAxis", write: String, read: oneOf("step", "relative", "wall") },
  runFilter: { name: "runFilter", write: String, read: String },
  tagFilter: { name: "tagFilter", write: String, read: String },
  hiddenRuns: { name: "hide", list: true },
  pinnedCards: { name: "pin", list: true },
  wideCards: { name: "wide", list: true },
  groupBy: { name: "groupBy", write: String, read: oneOf("none", "regex", "hparam") },
  groupRegex: { name: "groupRegex", write: String, read: String },
  groupHParam: { name: "groupHParam", write: String, read: String },
  groupBand: { name: "band", write: String, read: oneOf("minmax", "std", "sem") },
};
// Changes made by dragging or typing replace the current history entry (at
// most every REPLACE_DELAY ms: browsers throttle history calls); every other
// change adds one.
const CONTINUOUS = new Set(["smoothing", "runFilter", "tagFilter", "groupRegex"]);
const REPLACE_DELAY = 150;

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
// The hash as location.hash reports it once set (the URL parser's escaping).
const normalized = (hash) => new URL(hash, location.href).hash;

// { dashboard, settings } of a hash; settings is null for a hash without "?".
function parseHash(hash, dashboards) {
  const text = hash.replace(/^#/, "");
  const q = text.indexOf("?");
  const name = q < 0 ? text : text.slice(0, q);
  const dashboard = dashboards.includes(name) ? name : "scalars";
  if (q < 0) return { dashboard, settings: null };
  const params = new URLSearchParams(text.slice(q + 1));
  const settings = {};
  for (const [key, param] of Object.entries(PARAMS)) {
    const value = param.list ? params.getAll(param.name)
      : params.has(param.name) ? param.read(params.get(param.name)) : undefined;
    settings[key] = value ?? DEFAULTS[key];
  }
  return { dashboard, settings };
}

function currentHash() {
  const params = new URLSearchParams();
  for (const [key, param] of Object.entries(PARAMS)) {
    const value = state[key];
    if (key !== "smoothing" && same(value, DEFAULTS[key])) continue;
    if (param.list) for (const item of value) params.append(param.name, item);
    else params.set(param.name, param.write(value));
  }
  return normalized(`#${state.dashboard}?${params}`);
}

// Apply the URL's view to the state (it wins over saved settings), then keep
// the URL following the state, and the state following back / forward.
// onFollowed() runs after the state took a view from the URL.
export function initURLState(dashboards, onFollowed) {
  const { dashboard, settings } = parseHash(location.hash, dashboards);
  Object.assign(state, { dashboard }, settings);
  history.replaceState(history.state, "", currentHash());

  let following = false;
  let pending = null; // { hash, timer } of a replacement not yet made
  const replaceNow = () => {
    if (!pending) return;
    clearTimeout(pending.timer);
    history.replaceState(history.state, "", pending.hash);
    pending = null;
  };
  subscribe((patch) => {
    const keys = Object.keys(patch).filter((k) => k === "dashboard" || k in PARAMS);
    if (following || !keys.length) return;
    const hash = currentHash();
    if (keys.every((k) => CONTINUOUS.has(k))) {
      clearTimeout(pending?.timer);
      pending = { hash, timer: setTimeout(replaceNow, REPLACE_DELAY) };
    } else if (hash !== location.hash) {
      replaceNow(); // the entry being left keeps what was dragged or typed before
      history.pushState(null, "", hash);
    }
  });

  // Back, forward, or an edited or followed #link. Both events come for some
  // of these; the second finds nothing left to change.
  const follow = () => {
    clearTimeout(pending?.timer); // written for the entry just left
    pending = null;
    const linked = parseHash(location.hash, dashboards);
    const wanted = { dashboard: linked.dashboard, ...linked.settings };
    const patch = Object.fromEntries(Object.entries(wanted).filter(([k, v]) => !same(v, state[k])));
    if (Object.keys(patch).length) {
      following = true;
      try { update(patch); } finally { following = false; }
      onFollowed();
    }
    if (location.hash !== currentHash()) history.replaceState(history.state, "", currentHash());
  };
  window.addEventListener("popstate", follow);
  window.addEventListener("hashchange", follow);
}
