// TensorBoard's debiased exponential moving average, the same formula the
// server applies (both are checked against Tests/LumenServerTests/Fixtures/smoothing.json).
// Used to redraw instantly while the slider moves; the server's values
// (computed on the full series) replace it when the data was downsampled.
// Non-finite points (null, as the server sends them, NaN, ±Infinity) and
// every point of a constant series pass through unchanged.
export function smooth(values, weight) {
  const isConstant = values.every((y) => y === values[0]);
  const out = new Array(values.length);
  let last = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const y = values[i];
    if (isConstant || y === null || !Number.isFinite(y)) {
      out[i] = y;
      continue;
    }
    last = last * weight + (1 - weight) * y;
    count++;
    out[i] = weight === 1 ? last : last / (1 - Math.pow(weight, count));
  }
  return out;
}
