#!/usr/bin/env python3
"""Writes the HParams benchmark's log directory: SESSIONS runs (10,000 by default), each an
hparams session in its own run (experiment, session start and end records, as TensorFlow's
hparams API and Lumen's `addHparams` write them) with HPARAMS hyper-parameters (30) — numbers,
a few strings and Booleans — and METRICS metric scalars (5) at steps 0 and 1:

    python3 Scripts/make_hparams_logdir.py DIR [--sessions 10000] [--hparams 30] [--metrics 5]

Records are written with tensorboardX's summary functions and record writer (one file per run,
no writer threads), so 10,000 runs take well under a minute. Seeded: the same directory every time.
"""

import argparse
import random
import time
from pathlib import Path

from tensorboardX.proto.event_pb2 import Event
from tensorboardX.record_writer import RecordWriter
from tensorboardX.summary import hparams, scalar

WALL_TIME = 1_700_000_000.0


def session_values(rng, count):
    values = {}
    for j in range(count):
        kind = j % 6
        if kind == 4:
            values[f"hp{j:02d}"] = rng.choice(["adam", "sgd", "rmsprop", "adamw"])
        elif kind == 5:
            values[f"hp{j:02d}"] = rng.random() < 0.5
        elif kind == 0:
            values[f"hp{j:02d}"] = 10 ** rng.uniform(-5, -1)  # learning-rate-like: spans decades
        else:
            values[f"hp{j:02d}"] = float(rng.randint(1, 512))
    return values


def write_session(directory, values, metrics):
    directory.mkdir(parents=True, exist_ok=True)
    writer = RecordWriter(str(directory / f"events.out.tfevents.{int(WALL_TIME)}.bench.1.0"))
    writer.write(Event(wall_time=WALL_TIME, file_version="brain.Event:2").SerializeToString())
    for summary in hparams(values, metrics):
        writer.write(Event(wall_time=WALL_TIME, summary=summary).SerializeToString())
    for step in (0, 1):
        for tag, value in metrics.items():
            event = Event(wall_time=WALL_TIME + step, step=step, summary=scalar(tag, value * (1.5 if step == 0 else 1)))
            writer.write(event.SerializeToString())
    writer.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("logdir", type=Path)
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--hparams", type=int, default=30)
    parser.add_argument("--metrics", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(12)
    start = time.monotonic()
    for i in range(args.sessions):
        values = session_values(rng, args.hparams)
        metrics = {f"metric/m{k}": rng.random() + (0.2 if values.get("hp04") == "adam" else 0) for k in range(args.metrics)}
        write_session(args.logdir / f"session-{i:05d}", values, metrics)
    print(f"{args.sessions} sessions × {args.hparams} hparams × {args.metrics} metrics in {args.logdir}"
          f" ({time.monotonic() - start:.1f} s)")


if __name__ == "__main__":
    main()
