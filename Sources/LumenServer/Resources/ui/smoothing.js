// TensorBoard's debiased exponential moving average, the same formula the
// server applies. Used to redraw instantly while the slider moves; the
// server's values (computed on the full series) replace it when the data
// was downsampled.
export function smooth(values, weight) {
  const out = new Array(values.length);
  let last = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const y = values[i];
    if (y === null || !Number.isFinite(y)) {
      out[i] = y; // gaps and infinities pass through untouched
      continue;
    }
    last = last * weight + (1 - weight) * y;
    count++;
    out[i] = weight > 0 ? last / (1 - Math.pow(weight, count)) : y;
  }
  return out;
}
