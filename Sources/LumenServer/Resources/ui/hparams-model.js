// The HParams dashboard's data: /api/hparams (sessions sent by column) turned
// into columns (one per hyper-parameter and metric) stored for fast filtering of many sessions —
// numbers in a Float64Array (NaN where missing), strings and Booleans as
// indices into their sorted distinct values — plus the table's filters and
// the parallel-coordinates brushes that select sessions.
import { naturalOrder } from "./collate.js";

// A column: { id, label, kind: "hparam"|"metric", type: "number"|"string"|"bool",
//   numbers?: Float64Array, min, max, codes?: Int32Array, categories?: [text] }
export function buildColumns(resp) {
  const n = resp.sessions.name.length;
  const columns = [];
  resp.hparams.forEach((hp, i) => {
    const values = resp.sessions.values[i];
    columns.push(column(`h:${hp.name}`, hp.displayName || hp.name, "hparam", hp.type, n, values, hp.domain));
  });
  resp.metrics.forEach((m, i) => {
    const values = resp.sessions.metrics[i];
    columns.push(column(`m:${m.tag}`, m.displayName || m.tag, "metric", "number", n, values));
  });
  return columns;
}

// Each session as { name, runs }, the fields the views show of it.
export function sessionList(resp) {
  const { name, runs } = resp.sessions;
  return name.map((n, s) => ({ name: n, runs: runs[s] }));
}

// The column of `values` (one per session, null where a session has none; or a
// Float64Array, NaN where it has none), read straight from the array: a page opening on
// 10,000 sessions runs these loops before they are compiled, and a callback per value made
// them several times slower.
function column(id, label, kind, declaredType, n, values, domain) {
  // Trust the values over the declaration: a "number" column holding text is text.
  let type = declaredType;
  if (!(values instanceof Float64Array)) { // which holds numbers only
    for (let s = 0; s < n; s++) {
      const v = values[s];
      if (typeof v === "string") { type = "string"; break; }
      if (typeof v === "boolean") type = "bool";
    }
  }
  if (type === "number") {
    const numbers = values instanceof Float64Array ? values : new Float64Array(n);
    let min = Infinity;
    let max = -Infinity;
    for (let s = 0; s < n; s++) {
      const v = values[s];
      const x = typeof v === "number" ? v : NaN;
      numbers[s] = x;
      if (x < min) min = x;
      if (x > max) max = x;
    }
    return { id, label, kind, type, numbers, min, max };
  }
  // Each distinct value's code, in order of first appearance, then sorted.
  const firstCodes = new Map();
  const raw = new Int32Array(n);
  for (const v of domain || []) if (!firstCodes.has(String(v))) firstCodes.set(String(v), firstCodes.size);
  for (let s = 0; s < n; s++) {
    const v = values[s];
    if (v === null || v === undefined || v !== v) { raw[s] = -1; continue; }
    const text = typeof v === "string" ? v : String(v);
    let code = firstCodes.get(text);
    if (code === undefined) { code = firstCodes.size; firstCodes.set(text, code); }
    raw[s] = code;
  }
  const categories = [...firstCodes.keys()].sort(naturalOrder);
  const sortedCode = new Int32Array(categories.length);
  categories.forEach((c, i) => { sortedCode[firstCodes.get(c)] = i; });
  const codes = new Int32Array(n);
  for (let s = 0; s < n; s++) codes[s] = raw[s] < 0 ? -1 : sortedCode[raw[s]];
  return { id, label, kind, type, codes, categories };
}

export const isNumeric = (col) => col.type === "number";
export const hasValue = (col, s) => (isNumeric(col) ? !Number.isNaN(col.numbers[s]) : col.codes[s] >= 0);

// The cell text of session s.
export function cellText(col, s, format) {
  if (!hasValue(col, s)) return "";
  return isNumeric(col) ? format(col.numbers[s]) : col.categories[col.codes[s]];
}

// Whether the column can use a log axis: every value positive.
export const canLog = (col) => isNumeric(col) && col.min > 0 && Number.isFinite(col.max);

// Each session's position on the column's axis, 0 (bottom) … 1 (top), NaN when it has no
// value: one loop per kind of column, worked out once per column and scale and shared by
// the plots and the brushes (it must not be written to).
const positionsOf = new WeakMap(); // column → { true: positions, false: positions }
export function axisPositions(col, log) {
  let scales = positionsOf.get(col);
  if (!scales) positionsOf.set(col, (scales = {}));
  return (scales[log] ??= positionsOnAxis(col, log));
}

function positionsOnAxis(col, log) {
  const n = isNumeric(col) ? col.numbers.length : col.codes.length;
  const out = new Float64Array(n);
  if (!isNumeric(col)) {
    const last = col.categories.length - 1;
    for (let s = 0; s < n; s++) { const c = col.codes[s]; out[s] = c < 0 ? NaN : last === 0 ? 0.5 : c / last; }
    return out;
  }
  const { numbers, min, max } = col;
  if (max === min) {
    for (let s = 0; s < n; s++) out[s] = Number.isNaN(numbers[s]) ? NaN : 0.5;
    return out;
  }
  if (log) {
    const lo = Math.log(min);
    const span = Math.log(max) - lo;
    for (let s = 0; s < n; s++) out[s] = (Math.log(numbers[s]) - lo) / span;
  } else {
    const span = max - min;
    for (let s = 0; s < n; s++) out[s] = (numbers[s] - min) / span;
  }
  return out;
}

// The value at axis position p (for brush labels).
export function valueAt(col, p, log) {
  if (!isNumeric(col)) return col.categories[Math.round(p * (col.categories.length - 1))] ?? "";
  return log ? Math.exp(Math.log(col.min) + p * (Math.log(col.max) - Math.log(col.min))) : col.min + p * (col.max - col.min);
}

// A table filter's test for session s, or null when the filter lets everything through.
// filter: { min?, max? } for numbers; { text?, allowed?: Set<category> } otherwise.
export function filterTest(col, filter) {
  if (!filter) return null;
  if (isNumeric(col)) {
    const lo = filter.min ?? -Infinity;
    const hi = filter.max ?? Infinity;
    if (lo === -Infinity && hi === Infinity) return null;
    return (s) => col.numbers[s] >= lo && col.numbers[s] <= hi;
  }
  let keep = null;
  if (filter.allowed) keep = col.categories.map((c) => filter.allowed.has(c));
  if (filter.text) {
    let re;
    try { re = new RegExp(filter.text, "i"); } catch { re = { test: (t) => t.toLowerCase().includes(filter.text.toLowerCase()) }; }
    const byText = col.categories.map((c) => re.test(c));
    keep = keep ? keep.map((k, i) => k && byText[i]) : byText;
  }
  if (!keep) return null;
  return (s) => col.codes[s] >= 0 && keep[col.codes[s]];
}

// Sessions (indices) passing every test, in a reused Uint8Array mask.
export function selectSessions(n, tests) {
  const mask = new Uint8Array(n);
  outer: for (let s = 0; s < n; s++) {
    for (const test of tests) if (!test(s)) continue outer;
    mask[s] = 1;
  }
  return mask;
}

// Whether two session masks select the same sessions.
export function sameMask(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

// Session indices ordered by a column (missing values last), or by name.
export function sortOrder(sessions, col, descending) {
  const order = Array.from(sessions.keys());
  const dir = descending ? -1 : 1;
  if (!col) {
    return order.sort((a, b) => dir * naturalOrder(sessions[a].name, sessions[b].name));
  }
  if (isNumeric(col)) {
    const v = col.numbers;
    return order.sort((a, b) => (Number.isNaN(v[a]) ? (Number.isNaN(v[b]) ? 0 : 1) : Number.isNaN(v[b]) ? -1 : dir * (v[a] - v[b])));
  }
  const c = col.codes;
  return order.sort((a, b) => (c[a] < 0 ? (c[b] < 0 ? 0 : 1) : c[b] < 0 ? -1 : dir * (c[a] - c[b])));
}
