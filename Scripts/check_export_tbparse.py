#!/usr/bin/env python3
"""Check `lumen export` against tbparse, row for row.

Needs the tbparse package (and its tensorboard, pandas and numpy):

    python3 Scripts/check_export_tbparse.py LUMEN_BINARY LOGDIR [LOGDIR ...]

For each log directory and each kind (scalars, histograms, text), runs
`lumen export --logdir LOGDIR --kind KIND --format csv` and reads the same
directory with tbparse's `SummaryReader(LOGDIR, extra_columns={'dir_name',
'wall_time'})`, then compares the two tables row by row in tbparse's order
(directory, tag, step):

- run: Lumen's "." is tbparse's empty dir_name of the top directory;
- step and wall_time: equal exactly;
- value: scalars equal as 32-bit floats (simple_value is a float; Lumen writes
  the shortest text that reads back to it), text equal as strings;
- histograms: counts and limits (bucket and bucket_limit) equal exactly;
- tags: tbparse drops PyTorch's "/text_summary" suffix from text tags, Lumen
  keeps the tag as logged, so that suffix is dropped before comparing;
- restarts: Lumen exports what its board (and TensorBoard's) shows: a point at a
  step at or below one already logged replaces the points from that step on (a
  run resumed from a checkpoint). tbparse keeps every record, so that rule is
  applied to tbparse's rows of each run and tag, in the order they were logged
  (wall time), before comparing.

The JSON Lines output is checked to hold the same rows as the CSV, and bad
arguments (an invalid regular expression, a missing log directory, an unwritable
output, --logdir with --logdir-spec) to fail with status 1 and a message naming
them. The last line
is "export: N passed, M failed"; the exit status is 1 if M > 0.
"""

import csv
import io
import json
import math
import subprocess
import sys

import numpy as np
from tbparse import SummaryReader

failures = []
passed = 0


def check(condition, message):
    global passed
    if condition:
        passed += 1
    else:
        failures.append(message)
        print("FAIL:", message)


def export(lumen, logdir, kind, fmt):
    result = subprocess.run(
        [lumen, "export", "--logdir", logdir, "--kind", kind, "--format", fmt],
        capture_output=True, check=True)
    return result.stdout.decode("utf-8")


def lumen_rows(lumen, logdir, kind):
    """The CSV rows as dicts, and a check that the JSON Lines hold the same."""
    rows = list(csv.DictReader(io.StringIO(export(lumen, logdir, kind, "csv"), newline="")))
    objects = [json.loads(line) for line in export(lumen, logdir, kind, "jsonl").splitlines()]
    check(len(objects) == len(rows), f"{logdir} {kind}: {len(objects)} JSON lines, {len(rows)} CSV rows")
    for row, obj in zip(rows, objects):
        same = (obj["run"], obj["tag"], obj["step"]) == (row["run"], row["tag"], int(row["step"]))
        same = same and same_float(float(obj["wall_time"]), float(row["wall_time"]))
        check(same, f"{logdir} {kind}: JSON line {obj} differs from CSV row {row}")
    return rows


def same_float(a, b):
    return a == b or (math.isnan(a) and math.isnan(b))


def tbparse_rows(logdir, kind):
    reader = SummaryReader(logdir, extra_columns={"dir_name", "wall_time"})
    frame = {"scalars": reader.scalars, "histograms": reader.histograms, "text": reader.text}[kind]
    rows = frame.to_dict("records") if len(frame) else []
    return [row for group in groups(rows) for row in restarted(group)]


def groups(rows):
    """tbparse's rows (sorted by directory, tag, step) split into runs of one directory and tag."""
    group = []
    for row in rows:
        if group and (group[-1]["dir_name"], group[-1]["tag"]) != (row["dir_name"], row["tag"]):
            yield group
            group = []
        group.append(row)
    if group:
        yield group


def restarted(rows):
    """The rows the restart rule keeps, taken in logging order, returned in step order."""
    kept = []
    for row in sorted(rows, key=lambda r: r["wall_time"]):
        kept = [k for k in kept if k["step"] < row["step"]]
        kept.append(row)
    return kept


def compare(lumen, logdir, kind):
    ours = lumen_rows(lumen, logdir, kind)
    theirs = tbparse_rows(logdir, kind)
    where = f"{logdir} {kind}"
    check(len(ours) == len(theirs), f"{where}: lumen has {len(ours)} rows, tbparse {len(theirs)}")
    for index, (row, ref) in enumerate(zip(ours, theirs)):
        run = "" if row["run"] == "." else row["run"]
        tag = row["tag"]
        if kind == "text" and tag.endswith("/text_summary"):
            tag = tag[: -len("/text_summary")]
        at = f"{where} row {index} ({row['run']} {row['tag']} step {row['step']})"
        check((run, tag, int(row["step"])) == (ref["dir_name"], ref["tag"], int(ref["step"])),
              f"{at}: tbparse has {ref['dir_name']!r} {ref['tag']!r} step {ref['step']}")
        check(float(row["wall_time"]) == ref["wall_time"], f"{at}: wall_time {row['wall_time']} vs {ref['wall_time']!r}")
        if kind == "scalars":
            ok = same_float(np.float32(row["value"]), np.float32(ref["value"]))
            check(ok, f"{at}: value {row['value']} vs {ref['value']!r}")
        elif kind == "text":
            check(row["value"] == ref["value"], f"{at}: text {row['value']!r} vs {ref['value']!r}")
        else:
            counts = json.loads(row["counts"])
            limits = json.loads(row["limits"])
            check(counts == list(ref["counts"]), f"{at}: counts {counts} vs {list(ref['counts'])}")
            check(limits == list(ref["limits"]), f"{at}: limits {limits} vs {list(ref['limits'])}")


def check_errors(lumen, logdir):
    cases = [
        (["--logdir", logdir, "--tags", "("], '--tags "("'),
        (["--logdir", logdir + "/no-such-dir"], logdir + "/no-such-dir"),
        (["--logdir", logdir, "--out", "/proc/no-such-dir/out.csv"], "/proc/no-such-dir/out.csv"),
        (["--logdir", logdir, "--logdir-spec", "a:" + logdir], "--logdir-spec"),
    ]
    for arguments, named in cases:
        result = subprocess.run([lumen, "export", *arguments], capture_output=True)
        message = result.stderr.decode("utf-8")
        check(result.returncode != 0 and named in message,
              f"lumen export {' '.join(arguments)}: status {result.returncode}, stderr {message!r} should name {named!r}")


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    lumen = sys.argv[1]
    check_errors(lumen, sys.argv[2])
    for logdir in sys.argv[2:]:
        for kind in ["scalars", "histograms", "text"]:
            compare(lumen, logdir, kind)
    print(f"export: {passed} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
