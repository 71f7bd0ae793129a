#!/usr/bin/env python3
"""Write what torch.utils.tensorboard writes for the "compare experiments" calls, for Lumen's
byte-for-byte tests (Tests/LumenBoardTests/CompareFixtureTests.swift).

Run it with a Python that has torch, tensorboard, numpy and pillow:

    /root/venv-torch/bin/python Scripts/make_compare_fixtures.py

It rebuilds Tests/LumenBoardTests/Fixtures/compare/ from scratch:

* manifest.json lists each call with its inputs (float32 inputs as the doubles they widen to,
  so they round-trip exactly) and the library versions;
* hparams/, pr_curves/, custom_scalars/ and embedding/ are the log directories torch's
  SummaryWriter wrote for those calls: add_hparams with run_name, add_pr_curve and
  add_pr_curve_raw, add_custom_scalars, add_embedding (projector_config.pbtxt and the
  <step>/<tag>/ folders with tensors.tsv, metadata.tsv and sprite.png).

What depends on the clock and the machine is pinned afterwards: every event's wall time becomes
WALL_TIME and every event file is renamed to EVENT_FILE_NAME (one file per run). One thing stays
random: protobuf's upb runtime writes the entries of a map field (SessionStartInfo.hparams) in an
order seeded per process, so those entries' order changes from run to run; the tests compare
them as a set.

Dictionaries are filled in key order, the order Lumen writes names in.
"""

import json
import shutil
import struct
from pathlib import Path

import numpy as np
import tensorboard
import torch
from tensorboard.compat.proto import event_pb2
from tensorboard.compat.tensorflow_stub.pywrap_tensorflow import masked_crc32c
from torch.utils.tensorboard import SummaryWriter

FIXTURE_DIR = Path(__file__).resolve().parent.parent / "Tests" / "LumenBoardTests" / "Fixtures" / "compare"
WALL_TIME = 1700000000.0
EVENT_FILE_NAME = "events.out.tfevents.1700000000.fixture.1.0"
SEED = 4321


def hparams_calls() -> list[dict]:
    """add_hparams calls: every value type, discrete domains of each type, a nested run name."""
    return [
        {"hparams": {"bsize": 32, "dropout": 0.25, "lr": 0.001, "optimizer": "adam", "use_bn": True},
         "metrics": {"hparam/accuracy": 0.91, "hparam/loss": 0.3},
         "domains": None, "run_name": "trial-1", "step": None},
        {"hparams": {"activation": "relu", "batch_norm": False, "layers": 3},
         "metrics": {"best/val_loss": 1.5},
         "domains": {"activation": ["relu", "tanh", "gelu"], "batch_norm": [True, False], "layers": [2, 3, 4]},
         "run_name": "sweep/trial 2", "step": 7},
    ]


def pr_curve_calls(rng: np.random.Generator) -> list[dict]:
    """add_pr_curve on float32 and float64 predictions (with 0 and 1 exactly, with weights, with
    more thresholds than torch keeps) and add_pr_curve_raw."""
    predictions32 = rng.random(200, dtype=np.float32)
    predictions32[:4] = [0.0, 1.0, 0.5, np.float32(1) - np.float32(2**-24)]
    labels = rng.integers(0, 2, 200)
    predictions64 = rng.random(60)
    weights = rng.random(60, dtype=np.float32) * 3
    labels64 = rng.integers(0, 2, 60)
    counts = [[9, 7, 4, 2, 0], [11, 6, 3, 1, 0], [0, 5, 8, 10, 11], [0, 2, 5, 7, 9],
              [0.45, 0.5384615, 0.5714286, 0.6666667, 1.0], [1.0, 0.7777778, 0.4444444, 0.2222222, 0.0]]
    return [
        {"kind": "pr_curve", "tag": "pr/float32", "labels": labels.tolist(),
         "predictions": predictions32.tolist(), "dtype": "float32", "weights": None,
         "num_thresholds": 127, "step": 3},
        {"kind": "pr_curve", "tag": "pr/float64_weighted", "labels": labels64.tolist(),
         "predictions": predictions64.tolist(), "dtype": "float64",
         "weights": weights.tolist(), "num_thresholds": 11, "step": 4},
        {"kind": "pr_curve", "tag": "pr/more_than_127", "labels": labels.tolist(),
         "predictions": predictions32.tolist(), "dtype": "float32", "weights": None,
         "num_thresholds": 200, "step": 5},
        {"kind": "pr_curve_raw", "tag": "pr/raw", "counts": counts, "num_thresholds": 5, "step": 6},
    ]


def custom_scalars_layout() -> list:
    """The layout of torch's add_custom_scalars example plus a regex chart, as a list of
    [category, [[chart title, "Multiline" or "Margin", tags], ...]] (JSON objects lose order)."""
    return [
        ["Taiwan", [["twse", "Multiline", ["twse/0050", "twse/2330"]]]],
        ["USA", [["dow", "Margin", ["dow/aaa", "dow/bbb", "dow/ccc"]],
                 ["nasdaq", "Margin", ["nasdaq/aaa", "nasdaq/bbb", "nasdaq/ccc"]]]],
        ["losses", [["all losses", "Multiline", ["loss/.*"]]]],
    ]


def embedding_calls(rng: np.random.Generator) -> list[dict]:
    """add_embedding: labels and RGB images; a header and gray non-square images under a tag that
    needs escaping; a bare matrix. The first matrix holds numbers at each of Python's float
    formatting boundaries."""
    first = rng.standard_normal((12, 4)).astype(np.float32)
    first.flat[:16] = [1e-8, 1e16, 1e15, 123456789.0, -0.0, 3.0, 1e-5, 1e-4,
                       1e-40, 3e38, -2.5e-7, 0.1, 65504.0, 1.0 / 3.0, 9.999999e15, 1e17]
    images = rng.random((12, 3, 6, 6), dtype=np.float32)
    images[0, :, 0, 0] = [0.0, 1.0, 1.5]
    gray = rng.random((5, 1, 4, 5), dtype=np.float32)
    words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
             "naïve", "tab-free"]
    return [
        {"matrix": first.tolist(), "metadata": words, "header": None,
         "label_images": images.tolist(), "tag": "default", "step": None},
        {"matrix": rng.standard_normal((5, 3)).astype(np.float32).tolist(),
         "metadata": [["a", "1"], ["b", "2"], ["c", "3"], ["d", "4"], ["e", "5"]],
         "header": ["name", "count"], "label_images": gray.tolist(), "tag": "words/v1 100%", "step": 12},
        {"matrix": rng.standard_normal((3, 2)).astype(np.float32).tolist(), "metadata": None,
         "header": None, "label_images": None, "tag": "plain", "step": 3},
    ]


def write_hparams(log_dir: Path, calls: list[dict]) -> None:
    with SummaryWriter(log_dir=str(log_dir)) as writer:
        for call in calls:
            writer.add_hparams(call["hparams"], call["metrics"], hparam_domain_discrete=call["domains"],
                               run_name=call["run_name"], global_step=call["step"])


def write_pr_curves(log_dir: Path, calls: list[dict]) -> None:
    with SummaryWriter(log_dir=str(log_dir)) as writer:
        for call in calls:
            if call["kind"] == "pr_curve":
                if call["dtype"] == "float32":
                    predictions = torch.tensor(call["predictions"], dtype=torch.float32)
                else:
                    predictions = np.array(call["predictions"], dtype=np.float64)
                weights = None if call["weights"] is None else np.array(call["weights"], dtype=np.float32)
                writer.add_pr_curve(call["tag"], torch.tensor(call["labels"]), predictions, global_step=call["step"],
                                    num_thresholds=call["num_thresholds"], weights=weights, walltime=WALL_TIME)
            else:
                tp, fp, tn, fn, precision, recall = call["counts"]
                writer.add_pr_curve_raw(call["tag"], tp, fp, tn, fn, precision, recall, global_step=call["step"],
                                        num_thresholds=call["num_thresholds"], walltime=WALL_TIME)


def write_custom_scalars(log_dir: Path, layout: list) -> None:
    as_dict = {category: {title: [kind, tags] for title, kind, tags in charts} for category, charts in layout}
    with SummaryWriter(log_dir=str(log_dir)) as writer:
        writer.add_custom_scalars(as_dict)


def write_embeddings(log_dir: Path, calls: list[dict]) -> None:
    with SummaryWriter(log_dir=str(log_dir)) as writer:
        for call in calls:
            images = None if call["label_images"] is None else torch.tensor(call["label_images"], dtype=torch.float32)
            writer.add_embedding(torch.tensor(call["matrix"], dtype=torch.float32), metadata=call["metadata"],
                                 label_img=images, global_step=call["step"], tag=call["tag"],
                                 metadata_header=call["header"])


def framed(payload: bytes) -> bytes:
    header = struct.pack("<Q", len(payload))
    return header + struct.pack("<I", masked_crc32c(header)) + payload + struct.pack("<I", masked_crc32c(payload))


def pin_wall_times(path: Path) -> None:
    """Rewrite an event file with every event's wall time set to WALL_TIME."""
    data, offset, records = path.read_bytes(), 0, []
    while offset < len(data):
        (length,) = struct.unpack_from("<Q", data, offset)
        event = event_pb2.Event.FromString(data[offset + 12:offset + 12 + length])
        event.wall_time = WALL_TIME
        records.append(framed(event.SerializeToString()))
        offset += 12 + length + 4
    path.write_bytes(b"".join(records))


def stabilize_event_files(log_dir: Path) -> None:
    """Give each run's one event file a fixed name and fixed wall times."""
    for event_file in sorted(log_dir.rglob("*tfevents*")):
        if len(list(event_file.parent.glob("*tfevents*"))) != 1:
            raise RuntimeError(f"expected one event file in {event_file.parent}")
        stable = event_file.with_name(EVENT_FILE_NAME)
        event_file.rename(stable)
        pin_wall_times(stable)


def main() -> None:
    shutil.rmtree(FIXTURE_DIR, ignore_errors=True)
    FIXTURE_DIR.mkdir(parents=True)
    rng = np.random.default_rng(SEED)
    manifest = {
        "versions": {"torch": torch.__version__, "tensorboard": tensorboard.__version__, "numpy": np.__version__},
        "wall_time": WALL_TIME,
        "hparams": hparams_calls(),
        "pr_curves": pr_curve_calls(rng),
        "custom_scalars": custom_scalars_layout(),
        "embeddings": embedding_calls(rng),
    }
    write_hparams(FIXTURE_DIR / "hparams", manifest["hparams"])
    write_pr_curves(FIXTURE_DIR / "pr_curves", manifest["pr_curves"])
    write_custom_scalars(FIXTURE_DIR / "custom_scalars", manifest["custom_scalars"])
    write_embeddings(FIXTURE_DIR / "embedding", manifest["embeddings"])
    for name in ("hparams", "pr_curves", "custom_scalars", "embedding"):
        stabilize_event_files(FIXTURE_DIR / name)
    (FIXTURE_DIR / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {FIXTURE_DIR}")


if __name__ == "__main__":
    main()
