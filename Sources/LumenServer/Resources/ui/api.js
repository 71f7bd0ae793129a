// Thin wrappers over the board's JSON API. Every call rejects with an Error
// whose message is fit to show on a card (the server's own message if any).
import { state } from "./store.js";
import { readHParams } from "./hparams-answer.js";
import { seriesID as idOf } from "./series-id.js";

// index.html asks for the status and the runs before any module has loaded; the
// first request for each of those URLs takes that answer (a failed one is asked again).
const earlyAnswers = globalThis.lumenEarlyAnswers ?? {};

function takeEarlyAnswer(url) {
  const answer = earlyAnswers[url];
  delete earlyAnswers[url];
  return answer ?? Promise.resolve(null);
}

// Fetches `path` with `params`, revalidated every time (the server answers 304 when
// nothing changed); rejects with a message fit for a card: the server's own if it sent one.
export async function fetchChecked(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null) query.set(key, String(value));
  }
  const qs = query.toString();
  const url = qs ? `${path}?${qs}` : path;
  let response;
  try {
    response = (await takeEarlyAnswer(url)) ?? await fetch(url, { cache: "no-cache" });
  } catch {
    throw new Error("Cannot reach the Lumen server. Is `lumen board` still running?");
  }
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try {
      const body = await response.json();
      if (body && body.error) message = body.error;
    } catch { /* not JSON: keep the status line */ }
    throw new Error(message);
  }
  return response;
}

async function getJSON(path, params = {}) {
  return (await fetchChecked(path, params)).json();
}

// A series is addressed by its id (series-id.js), so that a tag of any length
// fits in a URL; asked for only when /api/runs lists the tag in the run.
let listed = { runs: null, byName: null, tags: new Map() }; // for state.runs: run → Set of its tags
const idsKept = new Map(); // "run\0tag" → id

function seriesID(run, tag) {
  if (listed.runs !== state.runs) listed = { runs: state.runs, byName: new Map(state.runs.map((r) => [r.name, r])), tags: new Map() };
  let tags = listed.tags.get(run);
  if (!tags) {
    tags = new Set(Object.values(listed.byName.get(run)?.tags ?? {}).flat());
    listed.tags.set(run, tags);
  }
  if (!tags.has(tag)) throw new Error(`The board lists no tag "${tag.slice(0, 200)}" in run "${run}".`);
  const key = `${run}\0${tag}`;
  let id = idsKept.get(key);
  if (!id) {
    id = idOf(run, tag);
    idsKept.set(key, id);
  }
  return id;
}

const perSeries = (path) => async (run, tag, opts = {}) =>
  getJSON(path, { series: seriesID(run, tag), ...opts });

// Ids per /api/scalars/batch request: a URL of about 3.3 KB.
const BATCH_SERIES = 100;

// The scalar series of several { run, tag, version } pairs, BATCH_SERIES to a
// request: a request costs the browser a few milliseconds of processor time
// whatever its size, so ten runs asked for at once cost about a tenth of ten
// requests. A pair's `version`, from an answer the caller holds for the same
// `opts`, gets { unchanged: true } while the series is still at it. Each pair's
// answer or error, in order, as Promise.allSettled gives them.
async function scalarsOf(pairs, opts = {}) {
  const results = new Array(pairs.length);
  const asked = [];
  pairs.forEach(({ run, tag, version }, i) => {
    try {
      asked.push({ i, id: seriesID(run, tag), version: version ?? "" });
    } catch (error) {
      results[i] = { status: "rejected", reason: error };
    }
  });
  const batches = [];
  for (let k = 0; k < asked.length; k += BATCH_SERIES) batches.push(asked.slice(k, k + BATCH_SERIES));
  await Promise.all(batches.map(async (batch) => {
    const known = batch.some((a) => a.version) ? batch.map((a) => a.version).join(",") : undefined;
    try {
      const { series } = await getJSON("/api/scalars/batch", { series: batch.map((a) => a.id).join(","), known, ...opts });
      batch.forEach(({ i }, k) => {
        const answer = series[k];
        results[i] = answer && !answer.error ? { status: "fulfilled", value: answer }
          : { status: "rejected", reason: new Error(answer?.error ?? "The board's answer left this series out.") };
      });
    } catch (error) {
      for (const { i } of batch) results[i] = { status: "rejected", reason: error };
    }
  }));
  return results;
}

export const api = {
  // With `after` (a generation from an earlier answer), the server answers once the log
  // directory has changed since, or after a few seconds (`wait` ms if given).
  status: (after, wait) => getJSON("/api/status", { after, wait }),
  runs: () => getJSON("/api/runs"),
  scalars: perSeries("/api/scalars"),
  scalarsOf,
  // Every pair's series, or the first error.
  scalarsAll: async (pairs, opts = {}) => (await scalarsOf(pairs, opts)).map((r) => {
    if (r.status === "rejected") throw r.reason;
    return r.value;
  }),
  histograms: perSeries("/api/histograms"),
  distributions: perSeries("/api/distributions"),
  images: perSeries("/api/images"),
  texts: perSeries("/api/texts"),
  graph: (run) => getJSON("/api/graph", { run }),
  prCurves: perSeries("/api/pr_curves"),
  // One line with a band over several runs' series of a tag (a run group).
  scalarGroup: (runs, tag, opts = {}) =>
    getJSON("/api/scalars/group", { series: runs.map((run) => seriesID(run, tag)).join(","), ...opts }),
  hparams: async () => readHParams(await fetchChecked("/api/hparams", { numbers: "binary" })),
  customScalars: () => getJSON("/api/custom_scalars"),
};

export function exportURL(run, tag, format) {
  return `/api/scalars/export?${new URLSearchParams({ series: seriesID(run, tag), format })}`;
}
