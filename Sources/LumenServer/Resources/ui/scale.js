// Linear, logarithmic and time scales mapping data to pixels, each with
// "nice" ticks (1, 2, 5 × 10^k, whole decades, round clock times).
import { formatTick, formatDuration } from "./format.js";

function niceTicks(lo, hi, count) {
  if (!(hi > lo)) return { ticks: [lo], step: 1 };
  const raw = (hi - lo) / Math.max(1, count);
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const norm = raw / mag;
  const step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
  const ticks = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) {
    ticks.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  }
  return { ticks, step };
}

// Widen [lo, hi] a little so the data does not touch the frame, snapping an
// end to a round tick value when that costs little space.
export function niceDomain(lo, hi, count) {
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    return [lo - pad, hi + pad];
  }
  const span = hi - lo;
  const { step } = niceTicks(lo, hi, count);
  const down = Math.floor(lo / step) * step;
  const up = Math.ceil(hi / step) * step;
  return [
    lo - down <= span * 0.1 ? down : lo - span * 0.04,
    up - hi <= span * 0.1 ? up : hi + span * 0.04,
  ];
}

export function linearScale(domain, range, kind = "value") {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const k = (r1 - r0) / (d1 - d0 || 1);
  const scale = (v) => r0 + (v - d0) * k;
  scale.invert = (p) => d0 + (p - r0) / k;
  scale.domain = domain;
  scale.range = range;
  scale.ticks = (count) => {
    if (kind === "time") return timeTicks(d0, d1, count);
    const { ticks, step } = niceTicks(d0, d1, count);
    const label = kind === "hours" ? formatDuration : (v) => formatTick(v, step);
    return ticks.map((v) => ({ value: v, label: label(v) }));
  };
  return scale;
}

export function logScale(domain, range) {
  const [l0, l1] = domain.map(Math.log10);
  const [r0, r1] = range;
  const k = (r1 - r0) / (l1 - l0 || 1);
  const scale = (v) => (v > 0 ? r0 + (Math.log10(v) - l0) * k : NaN);
  scale.invert = (p) => Math.pow(10, l0 + (p - r0) / k);
  scale.domain = domain;
  scale.range = range;
  scale.ticks = (count) => {
    const out = [];
    const first = Math.floor(l0);
    const decades = Math.ceil(l1) - first;
    // Few decades on screen: add 2× and 5× marks so the axis is not bare.
    const mults = decades <= 3 ? [1, 2, 5] : [1];
    const every = Math.max(1, Math.ceil(decades / count));
    for (let e = first; e <= Math.ceil(l1); e += every) {
      for (const m of mults) {
        const v = m * Math.pow(10, e);
        if (v >= domain[0] * (1 - 1e-9) && v <= domain[1] * (1 + 1e-9)) {
          out.push({ value: v, label: formatTick(v, Math.pow(10, e)) });
        }
      }
    }
    return out;
  };
  return scale;
}

// Round clock intervals, in seconds.
const TIME_STEPS = [0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200,
  10800, 21600, 43200, 86400, 172800, 604800, 2592000];

function timeTicks(t0, t1, count) {
  const raw = (t1 - t0) / Math.max(1, count);
  // The round interval nearest the ideal spacing (by ratio).
  let step = TIME_STEPS[0];
  for (const s of TIME_STEPS) if (Math.abs(Math.log(s / raw)) < Math.abs(Math.log(step / raw))) step = s;
  // Align to local midnight so daily ticks land on dates, hourly on hours.
  const offset = new Date(t0 * 1000).getTimezoneOffset() * -60;
  const out = [];
  for (let t = Math.ceil((t0 + offset) / step) * step - offset; t <= t1; t += step) {
    out.push({ value: t, label: timeLabel(t, step) });
  }
  return out;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function timeLabel(t, step) {
  const d = new Date(Math.round(t * 10) * 100); // ticks are whole tenths of a second
  const p = (n) => String(n).padStart(2, "0");
  if (step >= 86400) return `${MONTHS[d.getMonth()]} ${d.getDate()}`;
  if (step >= 60) return `${p(d.getHours())}:${p(d.getMinutes())}`;
  const seconds = `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
  return step >= 1 ? seconds : `${seconds}.${d.getMilliseconds() / 100}`;
}
