#!/usr/bin/env python3
"""Check TensorBoard logs written by Lumen with TensorBoard's own reader.

Needs the tensorboard, numpy and pillow packages (no torch):

    python3 Scripts/check_compat.py replay LUMEN_LOGDIR REFERENCE_LOGDIR
    python3 Scripts/check_compat.py demo LOGDIR
    python3 Scripts/check_compat.py compare LUMEN_DIR REFERENCE_DIR

`replay` compares two logs of the same logging calls (for example Lumen's
replay of Tests/LumenBoardTests/Fixtures/compat/manifest.json against the
committed torch/ fixture log) run by run, tag by tag and step by step; wall
times are ignored. `demo` checks the log written by `lumen demo` against the
expectations below. `compare` checks Lumen's replay of the "compare experiments"
fixtures (`lumen-fixture-replay compare`) against the torch logs in
Tests/LumenBoardTests/Fixtures/compare with TensorBoard's own plugins: the
HParams dashboard's experiment and session groups (and, for Lumen's own-run
layout, that each run is its own session with its metrics and curves), the PR
curves plugin's curves, the custom scalars plugin's layout, and the projector
plugin's config, tensors, metadata and sprites.

Every failed check is printed with its run, tag, step and field. The last line
is always "compat: N passed, M failed"; the exit status is 1 if M > 0.
"""

import argparse
import io
import json
import math
import sys
from collections import defaultdict
from collections.abc import Callable
from functools import partial
from pathlib import Path

import numpy as np
from PIL import Image
from tensorboard.backend.event_processing import event_accumulator as ea
from tensorboard.backend.event_processing.event_file_loader import (
    LegacyEventFileLoader,
)
from google.protobuf import struct_pb2
from tensorboard import context as tb_context
from tensorboard.backend import process_graph
from tensorboard.backend.event_processing import data_provider, plugin_event_multiplexer
from tensorboard.plugins import base_plugin
from tensorboard.plugins.custom_scalar import custom_scalars_plugin
from tensorboard.plugins.hparams import api_pb2, backend_context, get_experiment, list_session_groups
from tensorboard.plugins.hparams import metadata as hparams_metadata
from tensorboard.plugins.pr_curve import metadata as pr_curve_metadata
from tensorboard.plugins.pr_curve import pr_curves_plugin
from tensorboard.plugins.projector import projector_plugin
from tensorboard.util import tensor_util

# ---------------------------------------------------------------------------
# What `lumen demo` is expected to write. Runs are directories relative to the
# log dir ("." is the log dir itself). Scalar values are computed in double
# precision from the step x, then rounded to float32.
# ---------------------------------------------------------------------------
DEMO_SCALAR_STEPS = list(range(100))
DEMO_SCALARS = {
    (".", "y=2x"): lambda x: 2 * x,
    (".", "y=pow(2, x)"): lambda x: 2.0**x,
    ("data_scalar_group_xsinx", "data/scalar_group"): lambda x: x * math.sin(x),
    ("data_scalar_group_xcosx", "data/scalar_group"): lambda x: x * math.cos(x),
    ("data_scalar_group_arctanx", "data/scalar_group"): math.atan,
}
DEMO_IMAGE_RUN = "."
# The demo's LeNet graph (traced on a 1x3x32x32 input): some nodes, with their op, inputs and
# output shape, as TensorBoard's graph dashboard reads them.
DEMO_GRAPH_RUN = "."
DEMO_GRAPH_NODES = {
    "input/input": ("IO Node", [], [1, 3, 32, 32]),
    "LeNet/Conv2d[conv1]/weight": ("Parameter", [], [6, 3, 5, 5]),
    "LeNet/Conv2d[conv1]/Convolution": (
        "Convolution", ["input/input", "LeNet/Conv2d[conv1]/weight", "LeNet/Conv2d[conv1]/bias"], [1, 6, 28, 28]),
    "output/output": ("IO Node", ["LeNet/Linear[fc3]/Add"], [1, 10]),
}
DEMO_IMAGE_TAG = "fake_img"
# step -> (width, height, channels in the PNG, pixel rule). Pixel rules:
# an int means every pixel has that value, "varied" means not all pixels are
# equal, "gray" means R == G == B everywhere, None means pixels are not checked.
DEMO_IMAGES = {
    1: (512, 512, 3, "varied"),  # random 3x512x512 float image
    2: (512, 512, 3, 255),       # ones: scaled by 255
    3: (512, 512, 3, 1),         # ones * 1.1: a value > 1 means 0...255 already
    4: (512, 512, 3, "gray"),    # 512x512 HW gray image
    5: (512, 512, 3, None),      # 512x512x3 HWC image
}

SIZE_GUIDANCE = {kind: 0 for kind in (ea.COMPRESSED_HISTOGRAMS, ea.IMAGES,
                                      ea.AUDIO, ea.SCALARS, ea.HISTOGRAMS,
                                      ea.TENSORS)}
TAG_KINDS = (ea.SCALARS, ea.HISTOGRAMS, ea.IMAGES, ea.TENSORS)
Locator = Callable[[str], str]  # field name -> "run=... tag=... step=... field=..."
HISTOGRAM_FIELDS = ("min", "max", "num", "sum", "sum_squares", "bucket_limit",
                    "bucket")
# PyTorch computes sum_squares with BLAS's dot product, whose summation order
# depends on the CPU's kernel; any order agrees to rounding, not bit for bit.
ROUNDED_FIELDS = {"sum_squares": 1e-12}


class Results:
    """Counts checks and reports each failure as it happens."""

    def __init__(self) -> None:
        self.passed = 0
        self.failed = 0

    def check(self, ok: bool, where: str, problem: str) -> bool:
        """Record one check; print `where: problem` if it failed."""
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL {where}: {problem}", file=sys.stderr)
        return ok

    def finish(self) -> int:
        """Print the summary line and return the exit status."""
        print(f"compat: {self.passed} passed, {self.failed} failed")
        return 1 if self.failed else 0


def where(run: str, tag: str | None = None, step: int | None = None,
          field: str | None = None) -> str:
    """Describe a location in a log, e.g. `run=. tag=loss step=3 field=value`."""
    parts = [f"run={run}"]
    if tag is not None:
        parts.append(f"tag={tag}")
    if step is not None:
        parts.append(f"step={step}")
    if field is not None:
        parts.append(f"field={field}")
    return " ".join(parts)


def same_number(a: float, b: float) -> bool:
    """Exact equality that also treats NaN as equal to NaN."""
    return a == b or (math.isnan(a) and math.isnan(b))


def same_numbers(a: list[float], b: list[float]) -> bool:
    """Element-wise `same_number` for two sequences of equal length."""
    return len(a) == len(b) and all(map(same_number, a, b))


def first_difference(values: list, expected: list) -> str:
    """Say where two lists of numbers first differ (NaN equals NaN)."""
    lengths = f"{len(values)} items, expected {len(expected)}"
    for index, (value, wanted) in enumerate(zip(values, expected)):
        if not same_number(value, wanted):
            return f"item #{index} is {value!r}, expected {wanted!r} ({lengths})"
    return lengths


def find_runs(logdir: Path) -> dict[str, Path]:
    """Map each run (relative path, "." for logdir) to its directory."""
    runs = {}
    for event_file in logdir.rglob("*tfevents*"):
        if event_file.is_file():
            runs[event_file.parent.relative_to(logdir).as_posix()] = event_file.parent
    return runs


def load_run(run_dir: Path) -> ea.EventAccumulator:
    """Read every event of one run with TensorBoard's EventAccumulator."""
    accumulator = ea.EventAccumulator(str(run_dir), size_guidance=SIZE_GUIDANCE)
    accumulator.Reload()
    return accumulator


def image_colorspaces(run_dir: Path) -> dict[str, list[int]]:
    """Map each image tag of a run to its colorspace fields, in log order.

    EventAccumulator drops the colorspace field, so this reads the raw events.
    """
    colorspaces = defaultdict(list)
    for event_file in sorted(run_dir.glob("*tfevents*")):
        for event in LegacyEventFileLoader(str(event_file)).Load():
            for value in event.summary.value:
                if value.HasField("image"):
                    colorspaces[value.tag].append(value.image.colorspace)
    return colorspaces


def tag_kinds(accumulator: ea.EventAccumulator) -> dict[str, str]:
    """Map every tag of a run to the kind of data it holds."""
    tags = accumulator.Tags()
    return {tag: kind for kind in TAG_KINDS for tag in tags[kind]}


def events_of(accumulator: ea.EventAccumulator, kind: str, tag: str) -> list:
    """All events of one tag, in the order the reader keeps them."""
    readers = {ea.SCALARS: accumulator.Scalars, ea.HISTOGRAMS: accumulator.Histograms,
               ea.IMAGES: accumulator.Images, ea.TENSORS: accumulator.Tensors}
    return readers[kind](tag)


def decode_png(encoded: bytes) -> np.ndarray:
    """Decode a PNG into an H x W x C uint8 array."""
    with Image.open(io.BytesIO(encoded)) as image:
        pixels = np.asarray(image)
    return pixels if pixels.ndim == 3 else pixels[:, :, np.newaxis]


def describe_pixel_difference(ours: np.ndarray, theirs: np.ndarray) -> str:
    """Say how many pixel values differ and show the first difference."""
    if ours.shape != theirs.shape:
        return f"decoded shape {ours.shape} != {theirs.shape}"
    differing = np.argwhere(ours != theirs)
    y, x, c = differing[0]
    return (f"{len(differing)} of {ours.size} values differ; first at "
            f"y={y} x={x} channel={c}: {ours[y, x, c]} != {theirs[y, x, c]}")


# ---------------------------------------------------------------------------
# replay: compare two logs of the same calls
# ---------------------------------------------------------------------------

def compare_scalar(results: Results, loc: Locator,
                   ours: ea.ScalarEvent, theirs: ea.ScalarEvent) -> None:
    """Compare the values of two scalar events."""
    results.check(same_number(ours.value, theirs.value), loc("value"),
                  f"{ours.value!r} != {theirs.value!r}")


def compare_histogram(results: Results, loc: Locator,
                      ours: ea.HistogramEvent, theirs: ea.HistogramEvent) -> None:
    """Compare every statistic and bucket of two histogram events."""
    for field in HISTOGRAM_FIELDS:
        a = getattr(ours.histogram_value, field)
        b = getattr(theirs.histogram_value, field)
        if isinstance(a, list):
            results.check(same_numbers(a, b), loc(field), first_difference(a, b))
        elif field in ROUNDED_FIELDS:
            close = same_number(a, b) or math.isclose(a, b, rel_tol=ROUNDED_FIELDS[field])
            results.check(close, loc(field), f"{a!r} != {b!r} (relative tolerance {ROUNDED_FIELDS[field]})")
        else:
            results.check(same_number(a, b), loc(field), f"{a!r} != {b!r}")


def compare_image(results: Results, loc: Locator,
                  ours: ea.ImageEvent, theirs: ea.ImageEvent) -> None:
    """Compare the size fields and the decoded pixels of two image events."""
    for field in ("width", "height"):
        a, b = getattr(ours, field), getattr(theirs, field)
        results.check(a == b, loc(field), f"{a} != {b}")
    pixels = decode_png(ours.encoded_image_string)
    expected = decode_png(theirs.encoded_image_string)
    png_size = (pixels.shape[1], pixels.shape[0])
    results.check(png_size == (ours.width, ours.height), loc("png_size"),
                  f"PNG is {png_size[0]}x{png_size[1]} but fields say "
                  f"{ours.width}x{ours.height}")
    same = pixels.shape == expected.shape and np.array_equal(pixels, expected)
    results.check(same, loc("pixels"),
                  "" if same else describe_pixel_difference(pixels, expected))


def compare_tensor(results: Results, loc: Locator,
                   ours: ea.TensorEvent, theirs: ea.TensorEvent) -> None:
    """Compare the dtype, shape and contents of two tensor events."""
    a, b = ours.tensor_proto, theirs.tensor_proto
    results.check(a.dtype == b.dtype, loc("dtype"), f"{a.dtype} != {b.dtype}")
    values, expected = tensor_util.make_ndarray(a), tensor_util.make_ndarray(b)
    results.check(values.shape == expected.shape, loc("shape"),
                  f"{values.shape} != {expected.shape}")
    if values.dtype.kind in "SUO":  # strings: NaN-aware comparison does not apply
        equal = values.tolist() == expected.tolist()
    else:
        equal = np.array_equal(values, expected, equal_nan=True)
    results.check(equal, loc("value"), f"{values.tolist()!r} != {expected.tolist()!r}")


COMPARERS = {ea.SCALARS: compare_scalar, ea.HISTOGRAMS: compare_histogram,
             ea.IMAGES: compare_image, ea.TENSORS: compare_tensor}


def compare_plugin(results: Results, run: str, tag: str,
                   ours: ea.EventAccumulator, theirs: ea.EventAccumulator) -> None:
    """Compare the plugin named in a tag's summary metadata (e.g. "text")."""
    def plugin(accumulator: ea.EventAccumulator) -> str | None:
        metadata = accumulator.summary_metadata.get(tag)
        return metadata.plugin_data.plugin_name if metadata else None

    a, b = plugin(ours), plugin(theirs)
    results.check(a == b, where(run, tag, field="plugin_name"), f"{a!r} != {b!r}")


def compare_tag(results: Results, run: str, tag: str, kind: str,
                ours: ea.EventAccumulator, theirs: ea.EventAccumulator) -> None:
    """Compare the steps and every event of one tag in one run."""
    our_events, their_events = events_of(ours, kind, tag), events_of(theirs, kind, tag)
    steps = [event.step for event in our_events]
    expected_steps = [event.step for event in their_events]
    if not results.check(steps == expected_steps, where(run, tag, field="steps"),
                         first_difference(steps, expected_steps)):
        return
    compare_plugin(results, run, tag, ours, theirs)
    for a, b in zip(our_events, their_events):
        COMPARERS[kind](results, partial(where, run, tag, a.step), a, b)


def compare_colorspaces(results: Results, run: str, ours: Path, theirs: Path) -> None:
    """Compare the colorspace field of every image in a run."""
    a, b = image_colorspaces(ours), image_colorspaces(theirs)
    for tag in sorted(a.keys() & b.keys()):
        results.check(a[tag] == b[tag], where(run, tag, field="colorspace"),
                      f"{a[tag]} != {b[tag]}")


def compare_run(results: Results, run: str, ours: Path, theirs: Path) -> None:
    """Compare the tags of one run and everything logged under them."""
    our_acc, their_acc = load_run(ours), load_run(theirs)
    results.check(our_acc.file_version == their_acc.file_version,
                  where(run, field="file_version"),
                  f"{our_acc.file_version!r} != {their_acc.file_version!r}")
    our_kinds, their_kinds = tag_kinds(our_acc), tag_kinds(their_acc)
    for tag in sorted(our_kinds.keys() | their_kinds.keys()):
        a, b = our_kinds.get(tag), their_kinds.get(tag)
        if results.check(a == b, where(run, tag, field="kind"),
                         f"{a or 'missing'} in Lumen's log, "
                         f"{b or 'missing'} in the reference"):
            compare_tag(results, run, tag, a, our_acc, their_acc)
    compare_colorspaces(results, run, ours, theirs)


def compare_logs(results: Results, lumen_logdir: Path, reference_logdir: Path) -> None:
    """Compare every run of two logs of the same logging calls."""
    ours, theirs = find_runs(lumen_logdir), find_runs(reference_logdir)
    results.check(bool(theirs), where("."), f"no event files under {reference_logdir}")
    for run in sorted(ours.keys() | theirs.keys()):
        present = run in ours and run in theirs
        side = "Lumen's log" if run not in ours else "the reference"
        if results.check(present, where(run), f"run missing from {side}"):
            compare_run(results, run, ours[run], theirs[run])


def check_replay(lumen_logdir: Path, reference_logdir: Path) -> int:
    """Compare every run of two logs of the same logging calls."""
    results = Results()
    compare_logs(results, lumen_logdir, reference_logdir)
    return results.finish()


# ---------------------------------------------------------------------------
# compare: the "compare experiments" calls, read by TensorBoard's own plugins
# ---------------------------------------------------------------------------

def plugin_context(logdir: Path) -> base_plugin.TBContext:
    """The context TensorBoard gives its plugins, over one log directory."""
    multiplexer = plugin_event_multiplexer.EventMultiplexer(size_guidance=SIZE_GUIDANCE)
    multiplexer.AddRunsFromDirectory(str(logdir))
    multiplexer.Reload()
    provider = data_provider.MultiplexerDataProvider(multiplexer, str(logdir))
    return base_plugin.TBContext(logdir=str(logdir), multiplexer=multiplexer, data_provider=provider)


def hparams_view(logdir: Path) -> tuple:
    """The experiment and session groups the HParams dashboard would show for a log directory."""
    backend = backend_context.Context(plugin_context(logdir))
    request_context = tb_context.RequestContext()
    experiment = get_experiment.Handler(request_context, backend, "", api_pb2.GetExperimentRequest()).run()
    statuses = [api_pb2.STATUS_UNKNOWN, api_pb2.STATUS_SUCCESS, api_pb2.STATUS_FAILURE, api_pb2.STATUS_RUNNING]
    request = api_pb2.ListSessionGroupsRequest(start_index=0, slice_size=1000, allowed_statuses=statuses)
    groups = list_session_groups.Handler(request_context, backend, "", request).run()
    return experiment, groups


def hparams_plugin_data(logdir: Path) -> dict:
    """Each run's hparams summaries, parsed by the plugin's own metadata parsers."""
    parsers = {hparams_metadata.EXPERIMENT_TAG: hparams_metadata.parse_experiment_plugin_data,
               hparams_metadata.SESSION_START_INFO_TAG: hparams_metadata.parse_session_start_info_plugin_data,
               hparams_metadata.SESSION_END_INFO_TAG: hparams_metadata.parse_session_end_info_plugin_data}
    parsed = {}
    for run, path in find_runs(logdir).items():
        try:
            contents = load_run(path).PluginTagToContent(hparams_metadata.PLUGIN_NAME)
        except KeyError:  # a run without hparams summaries
            contents = {}
        parsed[run] = {tag: parsers[tag](content) for tag, content in contents.items()}
    return parsed


def check_compare_hparams(results: Results, ours: Path, theirs: Path) -> None:
    """add_hparams with run_name: the same plugin data per run, the same dashboard contents."""
    a, b = hparams_plugin_data(ours), hparams_plugin_data(theirs)
    for run in sorted(a.keys() | b.keys()):
        results.check(a.get(run) == b.get(run), where(f"hparams/{run}", field="hparams plugin data"),
                      f"{a.get(run)} != {b.get(run)}")
    (our_experiment, our_groups), (their_experiment, their_groups) = hparams_view(ours), hparams_view(theirs)
    results.check(our_experiment == their_experiment, where("hparams", field="experiment"),
                  f"{our_experiment} != {their_experiment}")
    results.check(bool(their_groups.session_groups) and our_groups == their_groups,
                  where("hparams", field="session_groups"), f"{our_groups} != {their_groups}")


def expected_hparam(value) -> struct_pb2.Value:
    """A manifest value as the own-run layout writes it: bool, number or string."""
    if isinstance(value, bool):
        return struct_pb2.Value(bool_value=value)
    if isinstance(value, (int, float)):
        return struct_pb2.Value(number_value=value)
    return struct_pb2.Value(string_value=value)


def check_hparams_own_run(results: Results, own_runs: Path, manifest: dict) -> None:
    """addHparams into the writer's own run: the dashboard shows that run as a session with its
    hyper-parameters (Booleans as Booleans), its metrics, and the run keeps its curves."""
    for call in manifest["hparams"]:
        run_dir = own_runs / call["run_name"]
        loc = partial(where, f"hparams_own_run/{call['run_name']}")
        experiment, groups = hparams_view(run_dir)
        types = {info.name: info.type for info in experiment.hparam_infos}
        expected_types = {name: api_pb2.DATA_TYPE_BOOL if isinstance(v, bool) else api_pb2.DATA_TYPE_FLOAT64
                          if isinstance(v, (int, float)) else api_pb2.DATA_TYPE_STRING for name, v in call["hparams"].items()}
        results.check(types == expected_types, loc(field="hparam types"), f"{types} != {expected_types}")
        if not results.check(len(groups.session_groups) == 1, loc(field="sessions"),
                             f"{len(groups.session_groups)} session groups, expected 1"):
            continue
        group = groups.session_groups[0]
        hparams = dict(group.hparams)
        expected = {name: expected_hparam(value) for name, value in call["hparams"].items()}
        results.check(hparams == expected, loc(field="hparams"), f"{hparams} != {expected}")
        metrics = {value.name.tag: value.value for value in group.metric_values}
        expected_metrics = {tag: float(np.float32(value)) for tag, value in call["metrics"].items()}
        results.check(metrics == expected_metrics, loc(field="metric values"), f"{metrics} != {expected_metrics}")
        curve = [event.step for event in load_run(run_dir).Scalars("train/loss")]
        results.check(curve == list(range(5)), loc("train/loss", field="steps"), f"{curve}")


def check_compare_pr_curves(results: Results, ours: Path, theirs: Path) -> None:
    """The PR curves plugin serves the same curves and thresholds for both logs."""
    ctx = tb_context.RequestContext()
    our_plugin, their_plugin = (pr_curves_plugin.PrCurvesPlugin(plugin_context(path)) for path in (ours, theirs))
    our_tags, their_tags = our_plugin.tags_impl(ctx, ""), their_plugin.tags_impl(ctx, "")
    results.check(our_tags == their_tags, where("pr_curves", field="tags"), f"{our_tags} != {their_tags}")
    for tag in sorted(their_tags.get(".", {})):
        a, b = our_plugin.pr_curves_impl(ctx, "", ["."], tag), their_plugin.pr_curves_impl(ctx, "", ["."], tag)
        results.check(a == b, where("pr_curves", tag, field="curve"), f"{a} != {b}")
    for tag, content in load_run(theirs).PluginTagToContent(pr_curve_metadata.PLUGIN_NAME).items():
        mine = load_run(ours).PluginTagToContent(pr_curve_metadata.PLUGIN_NAME).get(tag)
        a = pr_curve_metadata.parse_plugin_metadata(mine) if mine is not None else None
        b = pr_curve_metadata.parse_plugin_metadata(content)
        results.check(a == b, where("pr_curves", tag, field="PrCurvePluginData"), f"{a} != {b}")


def check_compare_custom_scalars(results: Results, ours: Path, theirs: Path) -> None:
    """The custom scalars plugin serves the same layout for both logs."""
    ctx = tb_context.RequestContext()
    a, b = (custom_scalars_plugin.CustomScalarsPlugin(plugin_context(path)).layout_impl(ctx, "")
            for path in (ours, theirs))
    results.check(bool(b) and a == b, where("custom_scalars", field="layout"), f"{a} != {b}")


def check_compare_projector(results: Results, ours: Path, theirs: Path) -> None:
    """The projector plugin reads the same config, tensors, metadata and sprites from both logs."""
    def read(path: Path):
        plugin = projector_plugin.ProjectorPlugin(plugin_context(path))
        configs, _ = plugin._read_latest_config_files([(".", str(path))])
        return configs.get(".")

    a, b = read(ours), read(theirs)
    if not results.check(b is not None and a == b, where("embedding", field="projector_config"), f"{a} != {b}"):
        return
    for embedding in b.embeddings:
        loc = partial(where, "embedding", embedding.tensor_name)
        tensors = [projector_plugin._read_tensor_tsv_file(str(path / embedding.tensor_path)) for path in (ours, theirs)]
        results.check(np.array_equal(*tensors), loc(field="tensors"), f"{tensors[0]} != {tensors[1]}")
        if embedding.metadata_path:
            texts = [(path / embedding.metadata_path).read_bytes() for path in (ours, theirs)]
            results.check(texts[0] == texts[1], loc(field="metadata"), f"{texts[0]!r} != {texts[1]!r}")
        if embedding.sprite.image_path:
            pixels = [decode_png((path / embedding.sprite.image_path).read_bytes()) for path in (ours, theirs)]
            same = pixels[0].shape == pixels[1].shape and np.array_equal(*pixels)
            results.check(same, loc(field="sprite"), "" if same else describe_pixel_difference(*pixels))


def check_compare(lumen_dir: Path, reference_dir: Path, manifest_path: Path) -> int:
    """Compare Lumen's replay of the compare fixtures with PyTorch's logs, through TensorBoard."""
    results = Results()
    for family in ("hparams", "pr_curves", "custom_scalars"):
        compare_logs(results, lumen_dir / family, reference_dir / family)
    check_compare_hparams(results, lumen_dir / "hparams", reference_dir / "hparams")
    check_hparams_own_run(results, lumen_dir / "hparams_own_run", json.loads(manifest_path.read_text()))
    check_compare_pr_curves(results, lumen_dir / "pr_curves", reference_dir / "pr_curves")
    check_compare_custom_scalars(results, lumen_dir / "custom_scalars", reference_dir / "custom_scalars")
    check_compare_projector(results, lumen_dir / "embedding", reference_dir / "embedding")
    return results.finish()


# ---------------------------------------------------------------------------
# demo: check what `lumen demo` writes
# ---------------------------------------------------------------------------

def check_demo_scalars(results: Results, runs: dict[str, ea.EventAccumulator]) -> None:
    """Check every expected scalar series of the demo."""
    for (run, tag), formula in DEMO_SCALARS.items():
        accumulator = runs.get(run)
        if not results.check(accumulator is not None and tag in
                             accumulator.Tags()[ea.SCALARS],
                             where(run, tag), "no simple_value scalars with this tag"):
            continue
        events = accumulator.Scalars(tag)
        steps = [event.step for event in events]
        if not results.check(steps == DEMO_SCALAR_STEPS, where(run, tag, field="steps"),
                             first_difference(steps, DEMO_SCALAR_STEPS)):
            continue
        for event in events:
            expected = float(np.float32(formula(event.step)))
            results.check(same_number(event.value, expected),
                          where(run, tag, event.step, "value"),
                          f"{event.value!r} != {expected!r}")


def check_pixel_rule(results: Results, loc: str, pixels: np.ndarray, rule) -> None:
    """Check decoded pixels against one rule from DEMO_IMAGES."""
    if rule is None:
        return
    if rule == "varied":
        results.check(pixels.min() != pixels.max(), loc, "all pixels are equal")
    elif rule == "gray":
        gray = pixels.shape[2] >= 3 and np.all(pixels[:, :, 0:1] == pixels[:, :, 1:3])
        results.check(bool(gray), loc, "R, G and B differ somewhere")
    else:
        values = np.unique(pixels)
        results.check(values.tolist() == [rule], loc,
                      f"expected every value to be {rule}, found {values[:10].tolist()}")


def check_demo_images(results: Results, runs: dict[str, ea.EventAccumulator]) -> None:
    """Check the demo's image series step by step."""
    run, tag = DEMO_IMAGE_RUN, DEMO_IMAGE_TAG
    accumulator = runs.get(run)
    if not results.check(accumulator is not None and tag in accumulator.Tags()[ea.IMAGES],
                         where(run, tag), "no images with this tag"):
        return
    events = accumulator.Images(tag)
    steps = [event.step for event in events]
    if not results.check(steps == list(DEMO_IMAGES), where(run, tag, field="steps"),
                         first_difference(steps, list(DEMO_IMAGES))):
        return
    for event in events:
        width, height, channels, rule = DEMO_IMAGES[event.step]
        pixels = decode_png(event.encoded_image_string)
        loc = partial(where, run, tag, event.step)
        results.check((event.width, event.height) == (width, height), loc("size"),
                      f"fields say {event.width}x{event.height}, expected {width}x{height}")
        results.check(pixels.shape == (height, width, channels), loc("png_shape"),
                      f"PNG decodes to {pixels.shape}, expected {(height, width, channels)}")
        check_pixel_rule(results, loc("pixels"), pixels, rule)


def check_demo_graph(results: Results, runs: dict[str, ea.EventAccumulator]) -> None:
    """Check the demo's model graph with TensorBoard's reader and its graph plugin's
    preparation for the UI."""
    accumulator = runs.get(DEMO_GRAPH_RUN)
    if not results.check(accumulator is not None and accumulator.Tags()[ea.GRAPH],
                         where(DEMO_GRAPH_RUN), "no graph"):
        return
    graph = accumulator.Graph()
    nodes = {node.name: node for node in graph.node}
    for name, (op, inputs, shape) in DEMO_GRAPH_NODES.items():
        loc = partial(where, DEMO_GRAPH_RUN, f"graph:{name}")
        node = nodes.get(name)
        if not results.check(node is not None, loc(), "node missing"):
            continue
        results.check(node.op == op, loc(field="op"), f"{node.op!r} != {op!r}")
        results.check(list(node.input) == inputs, loc(field="input"), f"{list(node.input)} != {inputs}")
        shapes = [[dim.size for dim in s.dim] for s in node.attr["_output_shapes"].list.shape]
        results.check(shapes == [shape], loc(field="_output_shapes"), f"{shapes} != {[shape]}")
    names = set(nodes)
    dangling = sorted({i for node in graph.node for i in node.input if i not in names})
    results.check(not dangling, where(DEMO_GRAPH_RUN, "graph"), f"inputs naming no node: {dangling[:5]}")
    try:
        process_graph.prepare_graph_for_ui(graph)
        results.check(True, where(DEMO_GRAPH_RUN, "graph"), "")
    except Exception as error:  # the plugin's own failure, whatever it is
        results.check(False, where(DEMO_GRAPH_RUN, "graph"), f"graph plugin rejects it: {error!r}")


def check_demo(logdir: Path) -> int:
    """Check the runs, tags and values that `lumen demo` writes."""
    results = Results()
    runs = {run: load_run(path) for run, path in find_runs(logdir).items()}
    check_demo_scalars(results, runs)
    check_demo_images(results, runs)
    check_demo_graph(results, runs)
    return results.finish()


def existing_dir(text: str) -> Path:
    """Argument type for a directory that must already exist."""
    path = Path(text)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"{text} is not a directory")
    return path


def main() -> int:
    """Parse the command line and run the chosen check."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    replay = commands.add_parser("replay", help="compare two logs of the same calls")
    replay.add_argument("lumen_logdir", type=existing_dir)
    replay.add_argument("reference_logdir", type=existing_dir)
    demo = commands.add_parser("demo", help="check the log of `lumen demo`")
    demo.add_argument("logdir", type=existing_dir)
    compare = commands.add_parser("compare", help="check the compare-experiments replay")
    compare.add_argument("lumen_dir", type=existing_dir)
    compare.add_argument("reference_dir", type=existing_dir)
    args = parser.parse_args()
    if args.command == "replay":
        return check_replay(args.lumen_logdir, args.reference_logdir)
    if args.command == "compare":
        return check_compare(args.lumen_dir, args.reference_dir, args.reference_dir / "manifest.json")
    return check_demo(args.logdir)


if __name__ == "__main__":
    sys.exit(main())
