// Run groups on the scalar charts: the checked runs split into groups by a
// regex over their names (capture group 1, or the whole match) or by the value
// of a hyper-parameter; each group is drawn as its mean with a band
// (scalar-groups.js). Runs the regex does not match, or without the
// hyper-parameter, stay lines of their own.
import { state } from "./store.js";
import { naturalOrder } from "./collate.js";
import { runHParams } from "./run-hparams.js";

export const BAND_LABELS = { minmax: "min – max", std: "± std. deviation", sem: "± std. error" };

// Whether the charts draw groups now: a grouping is chosen, and the x axis is
// steps (the server aggregates runs at matching steps, not times).
export function groupingActive() {
  if (state.xAxis !== "step") return false;
  if (state.groupBy === "regex") return compileGroupRegex(state.groupRegex) !== null;
  return state.groupBy === "hparam" && state.groupHParam !== "";
}

// The regex the user typed, or null when empty or invalid.
export function compileGroupRegex(text) {
  if (!text) return null;
  try { return new RegExp(text); } catch { return null; }
}

// The runs as { groups: [{ key, label, runs, index }], loose: [run] }: groups
// in natural order of their keys, `index` their colour slot. null when
// grouping is off, or waits for the runs' hyper-parameters.
export function groupRuns(runs) {
  if (!groupingActive()) return null;
  let keyOf;
  if (state.groupBy === "regex") {
    const re = compileGroupRegex(state.groupRegex);
    keyOf = (run) => {
      const match = re.exec(run);
      return match ? (match[1] ?? match[0]) : undefined;
    };
  } else {
    const values = runHParams();
    if (!values) return null;
    const name = state.groupHParam;
    keyOf = (run) => {
      const v = values.byRun.get(run)?.[name];
      return v === undefined ? undefined : String(v);
    };
  }
  const members = new Map();
  const loose = [];
  for (const run of runs) {
    const key = keyOf(run);
    if (key === undefined) { loose.push(run); continue; }
    if (!members.has(key)) members.set(key, []);
    members.get(key).push(run);
  }
  // Numbers (hyper-parameter values, seeds) by value, other keys naturally.
  const numeric = [...members.keys()].every((k) => k !== "" && Number.isFinite(Number(k)));
  const keys = [...members.keys()].sort(numeric ? (a, b) => Number(a) - Number(b) : naturalOrder);
  const prefix = state.groupBy === "hparam" ? `${state.groupHParam} = ` : "";
  const groups = keys.map((key, index) => ({ key, label: `${prefix}${key === "" ? "(empty match)" : key}`, runs: members.get(key), index }));
  return { groups, loose };
}

// The band's lower and upper edges from a /api/scalars/group answer.
export function bandEdges(resp, kind) {
  if (kind === "minmax") return { lo: resp.min, hi: resp.max };
  const half = resp.std.map((sd, i) => (sd === null ? 0 : kind === "sem" ? sd / Math.sqrt(resp.count[i]) : sd));
  return { lo: resp.mean.map((m, i) => m - half[i]), hi: resp.mean.map((m, i) => m + half[i]) };
}
