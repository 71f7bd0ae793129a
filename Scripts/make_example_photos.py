#!/usr/bin/env python3
"""Make the small photo folder that `Examples/DatasetGrid` reads by default.

    /root/venv-torch/bin/python Scripts/make_example_photos.py   # any Python with scikit-image and PIL

Three classes (cat, coffee, rocket), four pictures each: crops of scikit-image's sample photos
(chelsea, coffee, rocket; CC0 or public domain, see the LICENSE.md written beside them),
resized to 96×64, two saved as JPEG (quality 90) and two as PNG, in
Examples/DatasetGrid/photos/<class>/. The crops are fixed, so reruns give the same files.
"""
from pathlib import Path

import numpy as np
from PIL import Image
import skimage.data

OUT = Path(__file__).resolve().parents[1] / "Examples" / "DatasetGrid" / "photos"
SOURCES = {
    "cat": (skimage.data.chelsea, "chelsea.png: CC0, photographed by Stefan van der Walt"),
    "coffee": (skimage.data.coffee, "coffee.png: CC0, photographed by Rachel Michetti, courtesy of Pikolo Espresso Bar"),
    "rocket": (skimage.data.rocket, "rocket.jpg: public domain, SpaceX's launch photo of DSCOVR on Falcon 9"),
}
# Crops as fractions of the photo: (left, top, width, height).
CROPS = [(0.0, 0.0, 1.0, 1.0), (0.1, 0.05, 0.75, 0.8), (0.2, 0.15, 0.7, 0.7), (0.05, 0.2, 0.6, 0.75)]


def main() -> None:
    for name, (load, _) in SOURCES.items():
        photo = Image.fromarray(np.asarray(load())).convert("RGB")
        folder = OUT / name
        folder.mkdir(parents=True, exist_ok=True)
        for index, (left, top, width, height) in enumerate(CROPS):
            w, h = photo.size
            box = (int(left * w), int(top * h), int((left + width) * w), int((top + height) * h))
            picture = photo.crop(box).resize((96, 64), Image.BICUBIC)
            if index % 2 == 0:
                picture.save(folder / f"{name}_{index + 1}.jpg", quality=90)
            else:
                picture.save(folder / f"{name}_{index + 1}.png")
    lines = ["# Example photos", "", "Crops of scikit-image's sample photos, made by `Scripts/make_example_photos.py`:", ""]
    lines += [f"- `{name}/`: {credit}" for name, (_, credit) in SOURCES.items()]
    (OUT / "LICENSE.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
