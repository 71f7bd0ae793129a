#!/usr/bin/env python3
"""Check the training run of `lumen demo` with TensorBoard's own reader.

Needs the tensorboard, numpy and pillow packages (no torch):

    python3 Scripts/check_training_run.py RUN_DIR [--epochs N] [--min-accuracy 0.97]

RUN_DIR is the demo's training run (`<logdir>/<date>_<host>_lenet-gap_digits`). TensorBoard
must find in it, at every epoch 1…N: the shared Loss and Accuracy charts (sub-runs
`Loss_Train`, `Loss_Valid`, `Accuracy_Train`, `Accuracy_Valid`, as PyTorch's add_scalars
writes them), the learning rate, a `_data` and a `_grad` histogram for every parameter, and
PNG images of conv1's kernels and feature maps, relu3's feature maps and the CAM and Grad-CAM
overlays; once, the input batch, its labels, the model summary and the graph. The final
validation accuracy must reach --min-accuracy.

The last line is "compat: N passed, M failed"; the exit status is 1 if M > 0.
"""

import argparse
import sys
from pathlib import Path

from check_compat import Results, decode_png, existing_dir, load_run, where
from tensorboard.backend.event_processing import event_accumulator as ea

PARAMETERS = [f"{layer}.{kind}" for layer in ("conv1", "bn1", "conv2", "bn2", "conv3", "bn3", "fc")
              for kind in ("weight", "bias")]
EPOCH_IMAGES = ["conv1/kernels", "conv1/feature_maps", "relu3/feature_maps", "CAM/overlays", "Grad-CAM/overlays"]
ONCE_IMAGES = ["Input/batch"]
TEXTS = ["Model/summary/text_summary", "Input/labels/text_summary", "CAM/predictions/text_summary"]


def check_scalars(results: Results, run_dir: Path, epochs: list[int], min_accuracy: float) -> None:
    """The shared charts in their sub-runs, and the learning rate in the run itself."""
    for main, part in [("Loss", "Train"), ("Loss", "Valid"), ("Accuracy", "Train"), ("Accuracy", "Valid")]:
        sub = run_dir / f"{main}_{part}"
        if not results.check(sub.is_dir(), where(sub.name), "sub-run missing"):
            continue
        events = load_run(sub).Scalars(main)
        results.check([e.step for e in events] == epochs, where(sub.name, main), f"steps {[e.step for e in events]}")
        values = [e.value for e in events]
        if main == "Accuracy":
            results.check(all(0 <= v <= 1 for v in values), where(sub.name, main), f"values {values}")
        if (main, part) == ("Accuracy", "Valid") and values:
            results.check(values[-1] >= min_accuracy, where(sub.name, main, epochs[-1]),
                          f"final validation accuracy {values[-1]:.4f} < {min_accuracy}")
    run = load_run(run_dir)
    rates = run.Scalars("Learning rate")
    results.check([e.step for e in rates] == epochs, where(".", "Learning rate"), f"steps {[e.step for e in rates]}")


def check_histograms_images_texts(results: Results, run_dir: Path, epochs: list[int]) -> None:
    """Every parameter's histograms, the images as decodable PNGs, the texts and the graph."""
    run = load_run(run_dir)
    tags = run.Tags()
    for name in PARAMETERS:
        for suffix in ("_data", "_grad"):
            tag = name + suffix
            if results.check(tag in tags[ea.HISTOGRAMS], where(".", tag), "histogram missing"):
                steps = [e.step for e in run.Histograms(tag)]
                results.check(steps == epochs, where(".", tag), f"steps {steps}")
    for tag, expected in [(t, epochs) for t in EPOCH_IMAGES] + [(t, [0]) for t in ONCE_IMAGES]:
        if not results.check(tag in tags[ea.IMAGES], where(".", tag), "image missing"):
            continue
        events = run.Images(tag)
        results.check([e.step for e in events] == expected, where(".", tag), f"steps {[e.step for e in events]}")
        for event in events:
            pixels = decode_png(event.encoded_image_string)
            results.check(pixels.shape[:2] == (event.height, event.width) and pixels.shape[2] == 3,
                          where(".", tag, event.step), f"decoded {pixels.shape}, header {event.height}x{event.width}")
    for tag in TEXTS:
        results.check(tag in tags[ea.TENSORS], where(".", tag), "text missing")
    results.check(run.Graph() is not None and len(run.Graph().node) > 10, where(".", "graph"), "graph missing")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("run_dir", type=existing_dir)
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--min-accuracy", type=float, default=0.97)
    args = parser.parse_args()
    results = Results()
    epochs = list(range(1, args.epochs + 1))
    check_scalars(results, args.run_dir, epochs, args.min_accuracy)
    check_histograms_images_texts(results, args.run_dir, epochs)
    return results.finish()


if __name__ == "__main__":
    sys.exit(main())
