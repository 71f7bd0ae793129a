#!/usr/bin/env python3
"""Writes the fixtures LumenVision's grid, drawing, colour-map and overlay tests replay.

Run with a Python that has torch 2.15, torchvision 0.29, PIL 13, opencv-python-headless 5.1 and
grad-cam 1.5.7:

    python3 Scripts/make_grid_fixtures.py

Files under Tests/LumenVisionTests/Fixtures/ (each a little-endian uint32 size, then that many
bytes zlib-compressed; "i" below is a little-endian
int32, "f" a little-endian float32, "b" a byte, "s" an int32 length then UTF-8 bytes):

  make_grid.zlib      i count, then per case: i rank, i dims[rank], i nrow, i padding,
                      i normalize, i hasRange, f low, f high, i scaleEach, f padValue,
                      f input[prod(dims)], i outRank, i outDims[outRank], f output[...]
                      (torchvision.utils.make_grid on random inputs)
  save_image.zlib     i count, then per case: the make_grid parameters and input as above, then
                      i height, i width, i channels, b pixels[...] (the PNG torchvision.utils.save_image
                      wrote, decoded by PIL, HWC)
  draw_boxes.zlib     i count, then per case: i height, i width, i channels, b image[HWC],
                      i boxCount, f boxes[boxCount*4], colours, i fill, i width,
                      b output[height*width*3] (draw_bounding_boxes, HWC)
  draw_masks.zlib     i count, then per case: i height, i width, b image[HWC, 3 channels],
                      i maskCount, b masks[maskCount*H*W] (0/1), f alpha, colours,
                      b output[height*width*3] (draw_segmentation_masks, HWC)
                      where colours = i kind (0: none, the default palette; 1: names, i n, s name[n];
                      2: RGB, i n, b rgb[n*3])
  colormaps.zlib      i count, then per map: s name, b rgb[256*3] (cv2.applyColorMap on 0...255, as RGB);
                      then i count, per case: s name, i height, i width, f values[H*W],
                      b rgb[H*W*3] (cv2.applyColorMap(np.uint8(255 * values)), as RGB)
  overlay.zlib        i count, then per case: s colormap, f imageWeight, i height, i width,
                      f heatmap[H*W], f image[3*H*W] (CHW), b output[H*W*3]
                      (pytorch_grad_cam.utils.image.show_cam_on_image(use_rgb=True), HWC)

It also writes the two tables LumenVision embeds, which are facts of PIL and OpenCV:
  Sources/LumenVision/Drawing/ColorNames.swift        PIL's ImageColor.colormap (CSS colour names)
  Sources/LumenVision/Colormap/ColormapTables.swift   cv2.applyColorMap of 0...255 for each map

Float parameters (value ranges, alpha, image weights) are float32 values handed to Python as the
doubles they equal, which is what the Swift API's Float parameters mean.
"""
import io
import os
import struct
import zlib

import cv2
import numpy as np
import torch
from PIL import Image, ImageColor
from pytorch_grad_cam.utils.image import show_cam_on_image
from torchvision.utils import draw_bounding_boxes, draw_segmentation_masks, make_grid, save_image

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "Tests", "LumenVisionTests", "Fixtures")
rng = np.random.default_rng(20261202)


class Writer:
    def __init__(self):
        self.parts = []

    def i(self, v):
        self.parts.append(struct.pack("<i", int(v)))

    def f(self, v):
        self.parts.append(struct.pack("<f", float(v)))

    def floats(self, a):
        self.parts.append(np.ascontiguousarray(a, dtype="<f4").tobytes())

    def bytes(self, a):
        self.parts.append(np.ascontiguousarray(a, dtype=np.uint8).tobytes())

    def s(self, text):
        data = text.encode()
        self.i(len(data))
        self.parts.append(data)

    def save(self, name):
        raw = b"".join(self.parts)
        data = struct.pack("<I", len(raw)) + zlib.compress(raw, 9)
        with open(os.path.join(FIXTURES, name), "wb") as f:
            f.write(data)
        print(f"{name}: {len(data)} bytes")


def f32(x):
    return float(np.float32(x))


def random_values(shape):
    """Mostly randn, sometimes uniform 0...1, sometimes a constant (min == max); most are
    rounded to multiples of 1/1024 so that the fixture compresses well."""
    kind = rng.integers(0, 6)
    if kind == 0:
        return np.full(shape, f32(rng.normal()), dtype=np.float32)
    if kind <= 2:
        values = rng.random(shape, dtype=np.float32)
    else:
        values = (rng.normal(size=shape) * rng.choice([0.5, 1, 3])).astype(np.float32)
    if rng.integers(0, 4):
        values = np.round(values * 1024).astype(np.float32) / np.float32(1024)
    return values


def random_grid_case():
    rank = rng.choice([4] * 8 + [3, 2])
    h, w = int(rng.integers(1, 8)), int(rng.integers(1, 8))
    c = int(rng.choice([1, 3]))
    if rank == 4:
        dims = [int(rng.integers(1, 10)), c, h, w]
    elif rank == 3:
        dims = [c, h, w]
    else:
        dims = [h, w]
    x = random_values(dims)
    params = dict(
        nrow=int(rng.integers(1, 10)),
        padding=int(rng.integers(0, 4)),
        normalize=bool(rng.integers(0, 2)),
        scale_each=bool(rng.integers(0, 2)),
        pad_value=f32(rng.choice([0.0, 1.0, 0.5, rng.normal()])),
    )
    value_range = None
    if rng.integers(0, 2):
        low, high = sorted([f32(rng.normal()), f32(rng.normal())])
        if rng.integers(0, 10) == 0:
            low, high = high, low
        value_range = (low, high)
    params["value_range"] = value_range
    return x, params


def write_grid_params(out, x, p):
    out.i(x.ndim)
    for d in x.shape:
        out.i(d)
    out.i(p["nrow"])
    out.i(p["padding"])
    out.i(p["normalize"])
    out.i(p["value_range"] is not None)
    low, high = p["value_range"] or (0.0, 0.0)
    out.f(low)
    out.f(high)
    out.i(p["scale_each"])
    out.f(p["pad_value"])
    out.floats(x)


def write_make_grid():
    out = Writer()
    count = 1000
    out.i(count)
    for _ in range(count):
        x, p = random_grid_case()
        y = make_grid(torch.from_numpy(x.copy()), **p).numpy()
        write_grid_params(out, x, p)
        out.i(y.ndim)
        for d in y.shape:
            out.i(d)
        out.floats(y)
    out.save("make_grid.zlib")


def write_save_image():
    out = Writer()
    count = 120
    out.i(count)
    for k in range(count):
        x, p = random_grid_case()
        if k % 4 == 0:  # values outside 0...1 without normalizing: clamped
            p["normalize"] = False
        buffer = io.BytesIO()
        save_image(torch.from_numpy(x.copy()), buffer, format="png", **p)
        pixels = np.asarray(Image.open(io.BytesIO(buffer.getvalue())))
        if pixels.ndim == 2:
            pixels = pixels[:, :, None]
        write_grid_params(out, x, p)
        out.i(pixels.shape[0])
        out.i(pixels.shape[1])
        out.i(pixels.shape[2])
        out.bytes(pixels)
    out.save("save_image.zlib")


NAMES = ["red", "green", "blue", "yellow", "white", "black", "orange", "purple", "cyan",
         "magenta", "lime", "navy", "teal", "olive", "maroon", "silver", "gold", "pink",
         "darkorange", "lightgreen", "#FF00FF", "#0a0", "#123456", "crimson", "turquoise"]


def random_colours(n):
    kind = int(rng.integers(0, 3))
    if kind == 0:
        return kind, None, None
    count = int(rng.choice([1, n + int(rng.integers(0, 2))]))
    if kind == 1:
        names = [str(rng.choice(NAMES)) for _ in range(count)]
        return kind, names, (names[0] if count == 1 else names)
    rgb = rng.integers(0, 256, size=(count, 3)).astype(np.uint8)
    tuples = [tuple(int(v) for v in row) for row in rgb]
    return kind, rgb, (tuples[0] if count == 1 else tuples)


def write_colours(out, kind, stored):
    out.i(kind)
    if kind == 1:
        out.i(len(stored))
        for name in stored:
            out.s(name)
    elif kind == 2:
        out.i(len(stored))
        out.bytes(stored)


def write_draw_boxes():
    out = Writer()
    count = 300
    out.i(count)
    for _ in range(count):
        h, w = int(rng.integers(1, 25)), int(rng.integers(1, 25))
        c = int(rng.choice([1, 3]))
        image = rng.integers(0, 256, size=(c, h, w)).astype(np.uint8)
        n = int(rng.integers(1, 5))
        x0 = rng.uniform(-5, w + 3, size=n)
        y0 = rng.uniform(-5, h + 3, size=n)
        boxes = np.stack([x0, y0, x0 + rng.uniform(0, w, size=n), y0 + rng.uniform(0, h, size=n)], 1)
        if rng.integers(0, 2):
            boxes = np.floor(boxes)
        boxes = boxes.astype(np.float32)
        kind, stored, colours = random_colours(n)
        fill = bool(rng.integers(0, 2))
        width = int(rng.choice([1, 1, 2, 3, 4, 6]))
        result = draw_bounding_boxes(torch.from_numpy(image.copy()), torch.from_numpy(boxes),
                                     colors=colours, fill=fill, width=width)
        out.i(h)
        out.i(w)
        out.i(c)
        out.bytes(image.transpose(1, 2, 0))
        out.i(n)
        out.floats(boxes)
        write_colours(out, kind, stored)
        out.i(fill)
        out.i(width)
        out.bytes(result.numpy().transpose(1, 2, 0))
    out.save("draw_boxes.zlib")


def write_draw_masks():
    out = Writer()
    count = 200
    out.i(count)
    for _ in range(count):
        h, w = int(rng.integers(1, 16)), int(rng.integers(1, 16))
        image = rng.integers(0, 256, size=(3, h, w)).astype(np.uint8)
        n = int(rng.integers(1, 5))
        masks = rng.random((n, h, w)) < rng.uniform(0.1, 0.6)
        alpha = f32(rng.choice([0.8, 0.5, 0.3, 1.0, 0.0, rng.random()]))
        kind, stored, colours = random_colours(n)
        result = draw_segmentation_masks(torch.from_numpy(image.copy()), torch.from_numpy(masks),
                                         alpha=alpha, colors=colours)
        out.i(h)
        out.i(w)
        out.bytes(image.transpose(1, 2, 0))
        out.i(n)
        out.bytes(masks.astype(np.uint8))
        out.f(alpha)
        write_colours(out, kind, stored)
        out.bytes(result.numpy().transpose(1, 2, 0))
    out.save("draw_masks.zlib")


COLORMAPS = {"jet": cv2.COLORMAP_JET, "viridis": cv2.COLORMAP_VIRIDIS,
             "inferno": cv2.COLORMAP_INFERNO, "magma": cv2.COLORMAP_MAGMA,
             "turbo": cv2.COLORMAP_TURBO}


def colormap_table(code):
    bgr = cv2.applyColorMap(np.arange(256, dtype=np.uint8).reshape(1, 256), code)
    return bgr[0, :, ::-1]


def random_heatmap(h, w):
    values = rng.random((h, w), dtype=np.float32)
    values[rng.random((h, w)) < 0.1] = 1.0
    values[rng.random((h, w)) < 0.1] = 0.0
    return values


def write_colormaps():
    out = Writer()
    out.i(len(COLORMAPS))
    for name, code in COLORMAPS.items():
        out.s(name)
        out.bytes(colormap_table(code))
    cases = 50
    out.i(cases)
    for k in range(cases):
        name = list(COLORMAPS)[k % len(COLORMAPS)]
        h, w = int(rng.integers(1, 12)), int(rng.integers(1, 12))
        values = random_heatmap(h, w)
        bgr = cv2.applyColorMap(np.uint8(255 * values), COLORMAPS[name])
        out.s(name)
        out.i(h)
        out.i(w)
        out.floats(values)
        out.bytes(bgr[:, :, ::-1])
    out.save("colormaps.zlib")


def write_overlay():
    out = Writer()
    cases = 100
    out.i(cases)
    for k in range(cases):
        name = list(COLORMAPS)[k % len(COLORMAPS)]
        weight = f32(rng.choice([0.5, 0.5, 0.3, 0.7, 0.0, 1.0, rng.random()]))
        h, w = int(rng.integers(1, 12)), int(rng.integers(1, 12))
        heatmap = random_heatmap(h, w)
        image = rng.random((3, h, w), dtype=np.float32)
        if k % 3 == 0:  # an 8-bit picture's ToTensor values
            image = rng.integers(0, 256, size=(3, h, w)).astype(np.float32) / np.float32(255)
        result = show_cam_on_image(image.transpose(1, 2, 0).copy(), heatmap, use_rgb=True,
                                   colormap=COLORMAPS[name], image_weight=weight)
        out.s(name)
        out.f(weight)
        out.i(h)
        out.i(w)
        out.floats(heatmap)
        out.floats(image)
        out.bytes(result)
    out.save("overlay.zlib")


SOURCES = os.path.join(os.path.dirname(__file__), "..", "Sources", "LumenVision")


def write_color_names():
    lines = [
        "// Generated by Scripts/make_grid_fixtures.py from PIL's ImageColor.colormap; do not edit.",
        "",
        "extension Color {",
        "    /// The colour names PIL's `ImageColor.getrgb` knows (the CSS colours), as 0xRRGGBB.",
        "    static let names: [String: UInt32] = [",
    ]
    for name, value in sorted(ImageColor.colormap.items()):
        lines.append(f'        "{name}": 0x{value[1:].upper()},')
    lines += ["    ]", "}", ""]
    with open(os.path.join(SOURCES, "Drawing", "ColorNames.swift"), "w") as f:
        f.write("\n".join(lines))


def write_colormap_tables():
    lines = [
        "// Generated by Scripts/make_grid_fixtures.py from OpenCV's cv2.applyColorMap; do not edit.",
        "",
        "extension Colormap {",
        "    /// 256 RGB entries per map, as hexadecimal text: OpenCV's COLORMAP_* applied to 0...255.",
        "    static let hexTables: [Colormap: String] = [",
    ]
    for name, code in COLORMAPS.items():
        hex_text = colormap_table(code).tobytes().hex()
        lines.append(f"        .{name}: \"{hex_text}\",")
    lines += ["    ]", "}", ""]
    with open(os.path.join(SOURCES, "Colormap", "ColormapTables.swift"), "w") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    write_color_names()
    write_colormap_tables()
    torch.set_num_threads(1)
    write_make_grid()
    write_save_image()
    write_draw_boxes()
    write_draw_masks()
    write_colormaps()
    write_overlay()
