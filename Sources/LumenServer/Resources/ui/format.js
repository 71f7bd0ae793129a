// Number and time formatting shared by axes, tooltips and labels.

const SI = [[1e12, "T"], [1e9, "G"], [1e6, "M"], [1e3, "k"]];

// Compact, readable value: 0.0123, 1.235, 12.3k, 4.5e-7.
export function formatValue(v) {
  if (v === null || v === undefined || Number.isNaN(v)) return "NaN";
  if (!Number.isFinite(v)) return v > 0 ? "∞" : "−∞";
  const a = Math.abs(v);
  if (a === 0) return "0";
  if (a >= 1e15 || a < 1e-3) return exponential(v);
  if (a >= 1e4) {
    for (const [size, suffix] of SI) {
      if (a >= size) return trim((v / size).toPrecision(4)) + suffix;
    }
  }
  return trim(v.toPrecision(4));
}

// 6.340e+29 → 6.34e+29; 2.000e-7 → 2e-7.
function exponential(v) {
  const [mantissa, exponent] = v.toExponential(3).split("e");
  return `${trim(mantissa)}e${exponent}`;
}

// Tick label: precise enough to tell neighbouring ticks (spaced `step`) apart.
export function formatTick(v, step) {
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-3) return formatValue(v);
  const decimals = Math.max(0, Math.min(10, -Math.floor(Math.log10(step) + 1e-9)));
  return v.toFixed(decimals);
}

function trim(text) {
  return text.includes("e") || !text.includes(".") ? text : text.replace(/\.?0+$/, "");
}

// A step: an integer with thousands separators (12,345), else as it is.
export function formatStep(step) {
  return Number.isInteger(step) ? formatCount(step) : String(step);
}

// Relative time given in hours: 45s, 12m, 1.5h, 3.2d.
export function formatDuration(hours) {
  const s = hours * 3600;
  const a = Math.abs(s);
  if (a < 60) return `${trim(s.toFixed(a < 1 ? 2 : a < 10 ? 1 : 0))}s`;
  if (a < 3600) return `${trim((s / 60).toFixed(1))}m`;
  if (a < 48 * 3600) return `${trim(hours.toFixed(2))}h`;
  return `${trim((hours / 24).toFixed(1))}d`;
}

const pad = (n) => String(n).padStart(2, "0");

// Local date and time, seconds included: 2026-11-28 14:03:09.
export function formatDateTime(seconds) {
  const d = new Date(seconds * 1000);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${formatClockTime(seconds)}`;
}

// Local time of day: 14:03:09.
export function formatClockTime(seconds) {
  const d = new Date(seconds * 1000);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

// An integer with thousands separators, as toLocaleString("en-US") writes it: 1,234,567. Done
// here: a page's first number formatter loads the browser's locale data, 20–60 ms.
export function formatCount(n) {
  if (!Number.isInteger(n) || Math.abs(n) >= 1e21) return n.toLocaleString("en-US");
  const digits = String(Math.abs(n));
  let text = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let k = text.length; k < digits.length; k += 3) text += `,${digits.slice(k, k + 3)}`;
  return n < 0 || Object.is(n, -0) ? `-${text}` : text;
}

export function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

// An elapsed time in ms, rounded down: "just now", "12 s ago", "3 min ago", "2 h ago".
export function formatAgo(ms) {
  const s = Math.floor(ms / 1000);
  if (s < 5) return "just now";
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  return `${Math.floor(s / 3600)} h ago`;
}
