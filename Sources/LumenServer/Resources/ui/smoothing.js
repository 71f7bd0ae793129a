// The board's smoothing kinds, the same rules the server applies (both are checked against
// Tests/LumenServerTests/Fixtures/smoothing.json, whose script states each formula):
//   ema             TensorBoard's debiased exponential moving average (the default);
//   time-ema        the same with each point's decay scaled by its step gap;
//   moving-average  the mean of the points within h steps either side;
//   gaussian        their Gaussian-weighted mean (σ = h / 2, out to 3σ);
// where h = (n − 1) / 2 · the mean step gap and n = (1 + w) / (1 − w), the points an
// exponential average of weight w spans. Used to redraw instantly while the controls move;
// for downsampled data pass the full series' mean step gap (`gap`), and tooltips ask the
// server for exact values. Non-finite points (null, as the server sends them, NaN, ±Infinity)
// and every point of a constant series pass through unchanged.
export const SMOOTHING_KINDS = ["ema", "time-ema", "moving-average", "gaussian"];

const isFiniteValue = (y) => y !== null && Number.isFinite(y);

export function smooth(values, weight, kind = "ema", steps = null, gap = null) {
  if (values.every((y) => y === values[0])) return values.slice();
  const stepAt = steps ? (i) => steps[i] : (i) => i;
  const meanGap = gap ?? meanStepGap(values, stepAt);
  if (kind === "moving-average" || kind === "gaussian") return windowed(values, weight, kind, stepAt, meanGap);
  const out = new Array(values.length);
  let last = 0;
  let norm = 0;
  // weight^count for TensorBoard's debiasing, 1 − weight^count, as a running product: a
  // Math.pow per point cost a third of a smoothing change's redraw. Once it is too small to
  // change 1 − it, it is 0 (multiplying denormal numbers is slow).
  let decayed = 1;
  let previous = null;
  for (let i = 0; i < values.length; i++) {
    const y = values[i];
    if (!isFiniteValue(y)) {
      out[i] = y;
      continue;
    }
    const decay = kind === "time-ema" && previous !== null ? Math.pow(weight, (stepAt(i) - previous) / meanGap) : weight;
    last = last * decay + (1 - decay) * y;
    if (kind === "ema") {
      decayed *= weight;
      if (decayed < 1e-20) decayed = 0;
      norm = 1 - decayed;
    } else {
      norm = norm * decay + (1 - decay);
    }
    previous = stepAt(i);
    out[i] = weight === 1 ? last : last / norm;
  }
  return out;
}

function meanStepGap(values, stepAt) {
  let first = -1;
  let last = -1;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    if (!isFiniteValue(values[i])) continue;
    if (first < 0) first = i;
    last = i;
    count++;
  }
  const span = count >= 2 ? stepAt(last) - stepAt(first) : 0;
  return span > 0 ? span / (count - 1) : 1;
}

function windowed(values, weight, kind, stepAt, meanGap) {
  const half = weight >= 1 ? Infinity : (((1 + weight) / (1 - weight) - 1) / 2) * meanGap;
  const sigma = half / 2;
  const gaussian = kind === "gaussian" && half > 0 && Number.isFinite(half);
  const reach = gaussian ? 3 * sigma : half;
  const out = new Array(values.length);
  for (let k = 0; k < values.length; k++) {
    const y = values[k];
    if (!isFiniteValue(y)) {
      out[k] = y;
      continue;
    }
    const s = stepAt(k);
    let lower = k;
    while (lower > 0 && s - stepAt(lower - 1) <= reach) lower--;
    let upper = k;
    while (upper + 1 < values.length && stepAt(upper + 1) - s <= reach) upper++;
    let total = 0;
    let weights = 0;
    for (let j = lower; j <= upper; j++) {
      if (!isFiniteValue(values[j])) continue;
      const d = (stepAt(j) - s) / sigma;
      const w = gaussian ? Math.exp(-0.5 * d * d) : 1;
      total += w * values[j];
      weights += w;
    }
    out[k] = total / weights;
  }
  return out;
}
