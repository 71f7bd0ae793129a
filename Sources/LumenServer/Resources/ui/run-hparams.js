// Each session run's hyper-parameters, for grouping runs by one and for the run
// table's columns. /api/runs leaves them out (10,000 sessions would make the
// listing every page polls megabytes long); they come from /api/hparams, asked
// for once per set of session runs and shared with the HParams dashboard.
import { api } from "./api.js";
import { state } from "./store.js";

let latest = null;     // { key, resp, values: byRun(resp) once asked for }
let inflight = null;   // the request under way, shared by every caller
let prefetched = null; // a request made before the page knew it would need it
let wantedKey = "";
const listeners = new Set();

// The session runs' names as one key: new sessions mean new values to read.
const sessionKey = () => state.runs.filter((r) => r.session).map((r) => r.name).join("\n");

// /api/hparams, one request at a time whoever asks; every answer also
// refreshes the runs' values.
export function fetchHParams() {
  if (prefetched) {
    const answer = prefetched;
    prefetched = null;
    return answer;
  }
  if (inflight) return inflight;
  inflight = api.hparams().then((resp) => {
    // The sessions' runs, in the order /api/runs lists them too.
    latest = { key: resp.sessions.name.join("\n"), resp, values: null };
    for (const listener of listeners) listener();
    return resp;
  }).finally(() => { inflight = null; });
  return inflight;
}

// Asks for /api/hparams at once, beside /api/runs, when the page opens on the
// HParams dashboard: the dashboard's first fetchHParams() takes this answer.
export function prefetchHParams() {
  prefetched = fetchHParams();
}

// Each run of each session (a PyTorch sub-run and the run holding its curves
// alike) → { hparam name: value }. A session without a value has null in a column,
// or NaN in a column of numbers.
function byRun(resp) {
  const names = resp.hparams.map((hp) => hp.name);
  const { runs, values: columns } = resp.sessions;
  const map = new Map();
  runs.forEach((sessionRuns, s) => {
    const values = {};
    columns.forEach((column, i) => {
      const value = column[s];
      if (value !== null && value === value) values[names[i]] = value;
    });
    for (const run of sessionRuns) if (!map.has(run)) map.set(run, values);
  });
  return { byRun: map, names };
}

// The values read so far for the current runs ({ byRun, names }), or null
// while none are; asks the server when the session runs changed (listeners
// hear of the answer).
export function runHParams() {
  const key = sessionKey();
  if (!key) return null;
  if (latest?.key !== key && wantedKey !== key && !inflight) {
    wantedKey = key;
    fetchHParams().catch(() => { wantedKey = ""; }); // asked again on the next call
  }
  if (latest && !latest.values) latest.values = byRun(latest.resp);
  return latest?.values ?? null;
}

// Calls listener() whenever new values arrived; returns the unsubscribe function.
export function onRunHParams(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
