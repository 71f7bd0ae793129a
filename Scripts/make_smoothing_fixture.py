#!/usr/bin/env python3
"""Writes Tests/LumenServerTests/Fixtures/smoothing.json: inputs and expected outputs of the
board's scalar smoothing kinds, which its server (ScalarSmoothing, checked by
SmoothingFixtureTests) and its page (smoothing.js, checked by Scripts/check_smoothing.mjs) must
both reproduce.

* `ema`: TensorBoard's rule, written out here as TensorBoard's line chart applies it
  (`tf_line_chart_data_loader` / `vz_line_chart2`): a debiased exponential moving average
  `last = last * w + (1 - w) * y`, shown as `last / (1 - w ** n)` with n counting the finite
  points so far (no debiasing when w == 1).
* `time-ema`: the same average with each point's decay scaled by its distance in steps from the
  previous finite point, `a = w ** (gap / mean gap)`, debiased by the running sum of weights,
  so points logged at uneven intervals smooth alike (equal gaps give `ema` exactly).
* `moving-average`: the mean of the finite points within `h` steps on either side, where
  `h = (n - 1) / 2 * mean gap` and `n = (1 + w) / (1 - w)` is the number of points an
  exponential average of weight w effectively spans (w = 1: every point).
* `gaussian`: the Gaussian-weighted mean of the finite points within 3σ steps, σ = h / 2
  (h = 0: the point itself).

The mean gap is the step span of the finite points over their count less one (1 for fewer
than two, or no span). Steps increase, as the board keeps them. For every kind, non-finite
points, and every point of a series whose values are all equal, pass through unchanged.

Inputs are exact 32-bit floats, since the board keeps scalars as Float32. Non-finite numbers
are written as the strings "NaN", "Infinity" and "-Infinity" (JSON has no such numbers).

    python3 Scripts/make_smoothing_fixture.py
"""

import json
import math
import os
import struct


def tensorboard_smoothing(values, weight):
    is_constant = all(v == values[0] for v in values)
    last, count, out = 0.0, 0, []
    for y in values:
        if is_constant or not math.isfinite(y):
            out.append(y)
            continue
        last = last * weight + (1 - weight) * y
        count += 1
        out.append(last if weight == 1 else last / (1 - math.pow(weight, count)))
    return out


def mean_gap(steps, values):
    finite = [s for s, v in zip(steps, values) if math.isfinite(v)]
    if len(finite) < 2 or finite[-1] == finite[0]:
        return 1.0
    return (finite[-1] - finite[0]) / (len(finite) - 1)


def time_weighted(steps, values, weight):
    gap = mean_gap(steps, values)
    last, norm, previous, out = 0.0, 0.0, None, []
    for s, y in zip(steps, values):
        if not math.isfinite(y):
            out.append(y)
            continue
        decay = weight ** ((s - previous) / gap if previous is not None else 1.0)
        last = last * decay + (1 - decay) * y
        norm = norm * decay + (1 - decay)
        previous = s
        out.append(last if weight == 1 else last / norm)
    return out


def half_window(steps, values, weight):
    if weight >= 1:
        return math.inf
    return ((1 + weight) / (1 - weight) - 1) / 2 * mean_gap(steps, values)


def windowed(steps, values, weight, kernel):
    """The kernel-weighted mean of the finite points around each finite point."""
    h = half_window(steps, values, weight)
    reach, weigh = kernel(h)
    out = []
    for i, (s, y) in enumerate(zip(steps, values)):
        if not math.isfinite(y):
            out.append(y)
            continue
        total = weights = 0.0
        for t, v in zip(steps, values):
            if math.isfinite(v) and abs(t - s) <= reach:
                w = weigh(t - s)
                total += w * v
                weights += w
        out.append(total / weights)
    return out


def moving_average_kernel(h):
    return h, lambda d: 1.0


def gaussian_kernel(h):
    if h == 0:
        return 0, lambda d: 1.0
    if math.isinf(h):
        return math.inf, lambda d: 1.0
    sigma = h / 2
    return 3 * sigma, lambda d: math.exp(-0.5 * (d / sigma) ** 2)


def smoothing(kind, steps, values, weight):
    if all(v == values[0] for v in values):
        return list(values)
    if kind == "ema":
        return tensorboard_smoothing(values, weight)
    if kind == "time-ema":
        return time_weighted(steps, values, weight)
    if kind == "moving-average":
        return windowed(steps, values, weight, moving_average_kernel)
    if kind == "gaussian":
        return windowed(steps, values, weight, gaussian_kernel)
    raise ValueError(kind)


def as_json(x):
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


def is_float32(x):
    return not math.isfinite(x) or struct.unpack("f", struct.pack("f", x))[0] == x


nan, inf = float("nan"), float("inf")
ramp = [0.25 * i - 3 for i in range(40)]
noisy = [((i * 37) % 11) - 5.5 + 0.125 * i for i in range(60)]
CASES = [
    ("default weight on a short series", 0.6, [1, 2, 3, 4, 5]),
    ("no smoothing", 0, [3, -1, 4, -1, 5]),
    ("weight 1 is not debiased: the line stays at 0, as in TensorBoard", 1, [1, 2, 3]),
    ("heavy smoothing", 0.99, noisy),
    ("light smoothing", 0.1, ramp),
    ("empty series", 0.6, []),
    ("one point", 0.6, [7.5]),
    ("constant series passes through", 0.9, [5, 5, 5, 5]),
    ("constant negative zero and zero count as equal", 0.9, [0.0, -0.0, 0.0]),
    ("NaN passes through and does not count", 0.6, [1, 2, nan, 4]),
    ("infinities pass through", 0.6, [inf, 1, -inf, 2, 3]),
    ("first point NaN", 0.6, [nan, 1, 2]),
    ("only non-finite points", 0.6, [nan, inf, -inf]),
    ("constant apart from NaN is not constant", 0.5, [2, nan, 2]),
    ("huge magnitudes", 0.6, [2.0 ** 120, -(2.0 ** 120), 2.0 ** 100]),
    ("tiny magnitudes", 0.6, [2.0 ** -140, 2.0 ** -126, 0]),
]

uneven = [0, 1, 2, 10, 11, 12, 40, 41, 100, 101, 102, 103]
uneven_values = [((i * 5) % 7) - 3.0 for i in range(len(uneven))]
# (name, weight, values, steps or None for 0, 1, 2, …)
WINDOWED = [
    ("short series", 0.6, [1, 2, 3, 4, 5], None),
    ("no smoothing", 0, [3, -1, 4, -1, 5], None),
    ("weight 1", 1, [1, 2, 3], None),
    ("heavy smoothing", 0.99, noisy, None),
    ("light smoothing", 0.5, ramp, None),
    ("uneven steps", 0.8, uneven_values, uneven),
    ("steps far apart", 0.6, [1, 5, 2, 8], [0, 1000, 1001, 5000]),
    ("empty series", 0.6, [], None),
    ("one point", 0.6, [7.5], None),
    ("constant series passes through", 0.9, [5, 5, 5, 5], None),
    ("NaN passes through and does not count", 0.6, [1, 2, nan, 4], None),
    ("infinities pass through", 0.6, [inf, 1, -inf, 2, 3], None),
    ("only non-finite points", 0.6, [nan, inf, -inf], None),
    ("huge magnitudes", 0.6, [2.0 ** 120, -(2.0 ** 120), 2.0 ** 100], None),
]

cases = []


def add_case(kind, name, weight, values, steps):
    values = [float(v) for v in values]
    steps = steps if steps is not None else list(range(len(values)))
    assert all(is_float32(v) for v in values), name
    cases.append({
        "name": f"{kind}: {name}",
        "kind": kind,
        "weight": weight,
        "steps": steps,
        "values": [as_json(v) for v in values],
        "smoothed": [as_json(v) for v in smoothing(kind, steps, values, weight)],
    })


for name, weight, values in CASES:
    add_case("ema", name, weight, values, None)
add_case("ema", "uneven steps do not matter", 0.8, uneven_values, uneven)
for kind in ("time-ema", "moving-average", "gaussian"):
    for name, weight, values, steps in WINDOWED:
        add_case(kind, name, weight, values, steps)

path = os.path.join(os.path.dirname(__file__), "..", "Tests", "LumenServerTests", "Fixtures", "smoothing.json")
with open(path, "w") as f:
    f.write('{"tolerance": 1e-12, "cases": [\n')
    f.write(",\n".join(json.dumps(case) for case in cases))
    f.write("\n]}\n")
print(f"wrote {len(cases)} cases to {os.path.normpath(path)}")
