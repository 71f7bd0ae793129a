#!/usr/bin/env python3
"""Generate reference TensorBoard logs for Lumen's compatibility tests.

Run it with a Python that has torch and tensorboardX installed:

    /opt/torchenv/bin/python Scripts/make_board_fixtures.py

It rebuilds Tests/LumenBoardTests/Fixtures/compat/ from scratch:

* manifest.json lists every logging call in order, plus the library versions;
* inputs/ holds the raw arrays those calls log (.f32 little-endian float32,
  .u8 uint8, both in C order);
* torch/ and tensorboardX/ hold the logs written by each library's
  SummaryWriter when it replays the manifest.

Everything is seeded and every call gets a fixed wall time, so running the
script twice with the same library versions gives byte-identical files.
Non-finite numbers are stored in the manifest as the strings "nan", "inf" and
"-inf" so that the file stays strict JSON. A scalar entry's value is exactly
what the writer received, so for dtype "float" it is already float32-rounded.
"""

import json
import logging
import math
import shutil
import struct
from pathlib import Path

import numpy as np
import tensorboardX
import torch
from tensorboard.compat.proto import event_pb2
from tensorboard.compat.tensorflow_stub.pywrap_tensorflow import masked_crc32c
from torch.utils.tensorboard import SummaryWriter as TorchSummaryWriter

FIXTURE_DIR = (
    Path(__file__).resolve().parent.parent
    / "Tests" / "LumenBoardTests" / "Fixtures" / "compat"
)
BASE_WALLTIME = 1700000000.0
EVENT_FILE_NAME = "events.out.tfevents.1700000000.fixture.1.0"
SEED = 1234

INPUT_SUFFIXES = {"float32": ".f32", "uint8": ".u8"}
SCALAR_CASTS = {"float": np.float32, "double": float, "int": int}
WRITERS = {
    "torch": lambda log_dir: TorchSummaryWriter(log_dir=log_dir, filename_suffix=""),
    "tensorboardX": lambda log_dir: tensorboardX.SummaryWriter(logdir=log_dir,
                                                               filename_suffix=""),
}


class Manifest:
    """Collects logging calls (manifest entries) and the arrays they log."""

    def __init__(self) -> None:
        self.entries: list[dict] = []
        self.inputs: dict[str, np.ndarray] = {}

    def _add_input(self, name: str, array: np.ndarray) -> str:
        """Remember an array to be saved under inputs/ and return its path.

        Entries that log the same data may share one input name.
        """
        path = f"inputs/{name}{INPUT_SUFFIXES[array.dtype.name]}"
        known = self.inputs.setdefault(path, array)
        if not np.array_equal(known, array, equal_nan=True):
            raise ValueError(f"input name {name!r} reused for different data")
        return path

    def scalar(self, tag: str, step: int, value: float, dtype: str) -> None:
        """Log one scalar passed to the writer as `dtype`."""
        exact = SCALAR_CASTS[dtype](value)
        self.entries.append({"kind": "scalar", "tag": tag, "step": step,
                             "value": json_number(exact), "dtype": dtype})

    def scalars(self, main_tag: str, step: int, values: dict[str, float]) -> None:
        """Log a group of scalars with add_scalars."""
        encoded = {key: json_number(value) for key, value in values.items()}
        self.entries.append({"kind": "scalars", "main_tag": main_tag,
                             "step": step, "values": encoded})

    def histogram(self, tag: str, step: int, name: str, values: np.ndarray,
                  bins: str | int | list[float] = "tensorflow",
                  max_bins: int | None = None) -> None:
        """Log a histogram of float32 `values`."""
        values = values.astype(np.float32)
        self.entries.append({"kind": "histogram", "tag": tag, "step": step,
                             "input": self._add_input(name, values),
                             "count": int(values.size), "bins": bins,
                             "max_bins": max_bins})

    def histogram_raw(self, tag: str, step: int, **fields) -> None:
        """Log a histogram from precomputed statistics and buckets."""
        self.entries.append({"kind": "histogram_raw", "tag": tag, "step": step,
                             **fields})

    def image(self, tag: str, step: int, name: str, pixels: np.ndarray,
              dataformats: str, kind: str = "image") -> None:
        """Log one image (or with kind="images", a batch) as given."""
        self.entries.append({"kind": kind, "tag": tag, "step": step,
                             "input": self._add_input(name, pixels),
                             "dtype": pixels.dtype.name,
                             "shape": list(pixels.shape),
                             "dataformats": dataformats})

    def text(self, tag: str, step: int, text: str) -> None:
        """Log one text summary."""
        self.entries.append({"kind": "text", "tag": tag, "step": step,
                             "text": text})


def json_number(value: float) -> float | str:
    """Return `value` as a strict-JSON number, or a string if not finite."""
    value = value.item() if isinstance(value, np.generic) else value
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    return value


def add_scalar_entries(manifest: Manifest) -> None:
    """Scalars of every dtype, including edge values and steps."""
    for step, value in [(0, 0.1), (1, -2.5), (2, 3.0e38), (3, 1.0e-40)]:
        manifest.scalar("scalar/float", step, value, "float")
    for step, value in [(0, 1 / 3), (1, -math.pi), (2, 1.0e-40), (3, 1.0e300)]:
        manifest.scalar("scalar/double", step, value, "double")
    for step, value in [(0, 0), (1, -42), (2, 2**31 + 1), (10**10, 7), (3, 8)]:
        manifest.scalar("scalar/int", step, value, "int")
    for step, value in [(0, math.nan), (1, math.inf), (2, -math.inf)]:
        manifest.scalar("scalar/nonfinite_double", step, value, "double")
        manifest.scalar("scalar/nonfinite_float", step, value, "float")
    for step in range(3):
        manifest.scalar("special/y=pow(2, x)", step, 2.0**step, "double")


def add_scalars_entries(manifest: Manifest) -> None:
    """One add_scalars group with three keys at two steps."""
    for step in (0, 1):
        manifest.scalars("loss/group", step, {"train": 1.5 / (step + 1),
                                              "val": -0.25 * step,
                                              "test": 1000.0 + step})


def add_histogram_entries(manifest: Manifest, rng: np.random.Generator) -> None:
    """Histograms with TensorFlow's default bins, numeric bins and edges."""
    normal = rng.normal(size=10_000)
    signed = np.array([-3.0, -1.5, -1e-3, 0.0, 0.0, 0.0, 0.25, 2.0, 7.5])
    equal = np.full(50, 0.75)
    tiny = rng.uniform(5e-13, 2e-12, size=64) * rng.choice([-1.0, 1.0], size=64)
    huge = rng.uniform(1e19, 5e19, size=64)
    small_normal = rng.normal(loc=2.0, scale=3.0, size=200)

    manifest.histogram("hist/normal", 0, "hist_normal", normal)
    manifest.histogram("hist/signed_zeros", 0, "hist_signed_zeros", signed)
    manifest.histogram("hist/single", 0, "hist_single", np.array([3.5]))
    manifest.histogram("hist/all_equal", 0, "hist_all_equal", equal)
    manifest.histogram("hist/tiny", 0, "hist_tiny", tiny)
    manifest.histogram("hist/huge", 0, "hist_huge", huge)
    manifest.histogram("hist/normal", 1, "hist_normal", normal, max_bins=100)
    manifest.histogram("hist/bins10", 0, "hist_small_normal", small_normal, bins=10)
    manifest.histogram("hist/bins1", 0, "hist_small_normal", small_normal, bins=1)
    manifest.histogram("hist/bins7_equal", 0, "hist_all_equal", equal, bins=7)
    manifest.histogram("hist/edges", 0, "hist_edges",
                       np.array([-2.0, -1.0, -0.75, -0.5, 0.0, 0.1, 0.5, 1.0, 3.0]),
                       bins=[-1.0, -0.5, 0.0, 0.5, 1.0])
    # max_bins merges groups of bins // max_bins bins, padding the last group:
    # 64/5 -> 6 groups of 12, 10/3 -> 4 groups of 3, 64/8 -> 8 groups of 8,
    # and 10/64 leaves the bins alone.
    manifest.histogram("hist/max_bins", 0, "hist_small_normal", small_normal,
                       bins=64, max_bins=5)
    manifest.histogram("hist/max_bins", 1, "hist_small_normal", small_normal,
                       bins=10, max_bins=3)
    manifest.histogram("hist/max_bins", 2, "hist_small_normal", small_normal,
                       bins=64, max_bins=8)
    manifest.histogram("hist/max_bins", 3, "hist_small_normal", small_normal,
                       bins=10, max_bins=64)
    manifest.histogram_raw("hist/raw", 0, min=-1.0, max=4.0, num=10, sum=12.5,
                           sum_squares=40.25, bucket_limits=[0.0, 1.0, 2.0, 4.0],
                           bucket_counts=[2, 3, 1, 4])


def boundary_image() -> np.ndarray:
    """A 3x4x6 CHW float image of values at and around the 0...1 limits."""
    values = np.array([0.0, 0.999, 1.0, 0.5 / 255, 0.49 / 255, 1 / 255,
                       254.5 / 255, 254.99 / 255, -0.1, -1.0, 1.1, 2.0,
                       255.0, 1e-7, 0.5, 0.25, 0.75, 1 - 1e-7], dtype=np.float32)
    return np.resize(values, 3 * 4 * 6).reshape(3, 4, 6)


def add_image_entries(manifest: Manifest, rng: np.random.Generator) -> None:
    """Images in every data format, float and uint8, single and batched."""
    def rand(*shape: int) -> np.ndarray:
        return rng.random(shape, dtype=np.float32)

    manifest.image("img/chw_rgb", 0, "img_chw_rgb", rand(3, 16, 20), "CHW")
    manifest.image("img/hwc_rgb", 0, "img_hwc_rgb", rand(12, 10, 3), "HWC")
    manifest.image("img/hw_gray", 0, "img_hw_gray", rand(9, 11), "HW")
    manifest.image("img/chw_single", 0, "img_chw_single", rand(1, 8, 8), "CHW")
    manifest.image("img/chw_rgba", 0, "img_chw_rgba", rand(4, 6, 6), "CHW")
    manifest.image("img/chw_u8", 0, "img_chw_u8",
                   rng.integers(0, 256, size=(3, 7, 5), dtype=np.uint8), "CHW")
    manifest.image("img/boundaries", 0, "img_boundaries", boundary_image(), "CHW")
    manifest.image("img/chw_rgb", 1, "img_chw_rgb_step1", rand(3, 16, 20), "CHW")
    manifest.image("img/batch_rgb", 0, "img_batch_rgb", rand(5, 3, 8, 8), "NCHW",
                   kind="images")
    manifest.image("img/batch_single", 0, "img_batch_single", rand(3, 1, 6, 6),
                   "NCHW", kind="images")
    manifest.image("img/batch_wrap", 0, "img_batch_wrap", rand(10, 3, 4, 4),
                   "NCHW", kind="images")


def add_text_entries(manifest: Manifest) -> None:
    """Text with markdown, non-ASCII characters and an empty string."""
    manifest.text("text/markdown", 0,
                  "# Title\n\n**bold**, _italic_ and `code`\n\n"
                  "| a | b |\n|---|---|\n| 1 | 2 |\n")
    manifest.text("text/unicode", 0, "naïve — 日本")
    manifest.text("text/empty", 0, "")
    manifest.text("text/markdown", 1, "- item one\n- item two")


def build_manifest() -> Manifest:
    """Describe every logging call the fixtures contain, in replay order."""
    rng = np.random.default_rng(SEED)
    manifest = Manifest()
    add_scalar_entries(manifest)
    add_scalars_entries(manifest)
    add_histogram_entries(manifest, rng)
    add_image_entries(manifest, rng)
    add_text_entries(manifest)
    return manifest


def write_inputs(manifest: Manifest, root: Path) -> None:
    """Save each input array as raw little-endian bytes in C order."""
    for relative, array in manifest.inputs.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        array.astype(array.dtype.newbyteorder("<")).tofile(path)


def write_manifest(manifest: Manifest, root: Path) -> None:
    """Write manifest.json with the library versions used."""
    document = {"torch_version": torch.__version__,
                "tensorboardX_version": tensorboardX.__version__,
                "entries": manifest.entries}
    text = json.dumps(document, indent=1, ensure_ascii=False, allow_nan=False)
    (root / "manifest.json").write_text(text + "\n", encoding="utf-8")


def load_input(entry: dict, root: Path) -> np.ndarray:
    """Read an entry's input array back from inputs/."""
    if entry["kind"] == "histogram":
        dtype, shape = "float32", [entry["count"]]
    else:
        dtype, shape = entry["dtype"], entry["shape"]
    raw = np.fromfile(root / entry["input"], dtype=np.dtype(dtype).newbyteorder("<"))
    return raw.astype(dtype).reshape(shape)


def replay(writer, entries: list[dict], root: Path) -> None:
    """Make every logged call of `entries` on a SummaryWriter, then close it."""
    for index, entry in enumerate(entries):
        kind, step = entry["kind"], entry["step"]
        timing = {"global_step": step, "walltime": BASE_WALLTIME + index}
        if kind == "scalar":
            value = SCALAR_CASTS[entry["dtype"]](entry["value"])
            writer.add_scalar(entry["tag"], value, **timing)
        elif kind == "scalars":
            values = {key: float(value) for key, value in entry["values"].items()}
            writer.add_scalars(entry["main_tag"], values, **timing)
        elif kind == "histogram":
            writer.add_histogram(entry["tag"], load_input(entry, root),
                                 bins=entry["bins"], max_bins=entry["max_bins"],
                                 **timing)
        elif kind == "histogram_raw":
            writer.add_histogram_raw(
                entry["tag"], entry["min"], entry["max"], entry["num"],
                entry["sum"], entry["sum_squares"], entry["bucket_limits"],
                entry["bucket_counts"], **timing)
        elif kind == "image":
            writer.add_image(entry["tag"], load_input(entry, root),
                             dataformats=entry["dataformats"], **timing)
        elif kind == "images":
            writer.add_images(entry["tag"], load_input(entry, root),
                              dataformats=entry["dataformats"], **timing)
        elif kind == "text":
            writer.add_text(entry["tag"], entry["text"], **timing)
        else:
            raise ValueError(f"unknown entry kind {kind!r}")
    writer.close()


def pin_file_version_wall_time(path: Path) -> None:
    """Give the file's first event (the file_version record) a fixed wall time.

    The writers stamp that record with the current time; every other event
    carries the wall time passed in by `replay`.
    """
    data = path.read_bytes()
    (length,) = struct.unpack("<Q", data[:8])
    event = event_pb2.Event.FromString(data[12:12 + length])
    if not event.file_version:
        raise ValueError(f"{path}: first event has no file_version")
    event.wall_time = BASE_WALLTIME
    payload = event.SerializeToString()
    header = struct.pack("<Q", len(payload))
    record = (header + struct.pack("<I", masked_crc32c(header)) + payload
              + struct.pack("<I", masked_crc32c(payload)))
    path.write_bytes(record + data[12 + length + 4:])


def stabilize_event_files(log_dir: Path) -> None:
    """Rename each run's single event file to a fixed name and pin its time."""
    for event_file in sorted(log_dir.rglob("*tfevents*")):
        siblings = list(event_file.parent.glob("*tfevents*"))
        if len(siblings) != 1:
            raise RuntimeError(f"expected one event file in {event_file.parent}")
        stable = event_file.with_name(EVENT_FILE_NAME)
        event_file.rename(stable)
        pin_file_version_wall_time(stable)


def main() -> None:
    """Rebuild the fixture folder from scratch."""
    # The non-finite scalars are deliberate; don't warn about each of them.
    logging.getLogger("tensorboardX.x2num").setLevel(logging.ERROR)
    shutil.rmtree(FIXTURE_DIR, ignore_errors=True)
    FIXTURE_DIR.mkdir(parents=True)
    manifest = build_manifest()
    write_inputs(manifest, FIXTURE_DIR)
    write_manifest(manifest, FIXTURE_DIR)
    for name, make_writer in WRITERS.items():
        log_dir = FIXTURE_DIR / name
        replay(make_writer(str(log_dir)), manifest.entries, FIXTURE_DIR)
        stabilize_event_files(log_dir)
    print(f"wrote {len(manifest.entries)} entries to {FIXTURE_DIR}")


if __name__ == "__main__":
    main()
