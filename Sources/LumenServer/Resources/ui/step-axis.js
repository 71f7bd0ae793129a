// The step axis of histogram and distribution charts (state.histAxis): the
// step, hours since the run's first record ("relative"), or wall-clock time.

// The scale kind (scale.js) whose ticks suit each axis.
export const AXIS_KIND = { step: "value", relative: "hours", wall: "time" };

// position(record) on `axis` for records { step, wallTime } of one run.
export function axisPosition(axis, records) {
  if (axis === "wall") return (r) => r.wallTime;
  if (axis === "relative") {
    let start = Infinity;
    for (const r of records) if (r.wallTime < start) start = r.wallTime;
    return (r) => (r.wallTime - start) / 3600;
  }
  return (r) => r.step;
}

// [lo, hi] of the records' positions, widened when they all coincide.
export function axisDomain(position, records) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of records) {
    const v = position(r);
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === Infinity) return [0, 1];
  return lo === hi ? [lo - 1, hi + 1] : [lo, hi];
}
