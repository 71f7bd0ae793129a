#!/usr/bin/env python3
"""Writes Tests/LumenServerTests/Fixtures/smoothing.json: inputs and expected outputs of
TensorBoard's scalar smoothing, which the board's server (ScalarSampling.smoothed, checked by
SmoothingFixtureTests) and its page (smoothing.js, checked by Scripts/check_smoothing.mjs) must
both reproduce.

The expected values come from TensorBoard's rule, written out here as TensorBoard's line chart
applies it (`tf_line_chart_data_loader` / `vz_line_chart2`): a debiased exponential moving
average `last = last * w + (1 - w) * y`, shown as `last / (1 - w ** n)` with n counting the
finite points so far (no debiasing when w == 1); non-finite points, and every point of a
series whose values are all equal, pass through unchanged.

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

cases = []
for name, weight, values in CASES:
    values = [float(v) for v in values]
    assert all(is_float32(v) for v in values), name
    cases.append({
        "name": name,
        "weight": weight,
        "values": [as_json(v) for v in values],
        "smoothed": [as_json(v) for v in tensorboard_smoothing(values, weight)],
    })

path = os.path.join(os.path.dirname(__file__), "..", "Tests", "LumenServerTests", "Fixtures", "smoothing.json")
with open(path, "w") as f:
    f.write('{"tolerance": 1e-12, "cases": [\n')
    f.write(",\n".join(json.dumps(case) for case in cases))
    f.write("\n]}\n")
print(f"wrote {len(cases)} cases to {os.path.normpath(path)}")
