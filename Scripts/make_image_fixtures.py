"""Makes the image-file fixtures of LumenVision's ImageFileTests.

Writes into Tests/LumenVisionTests/Fixtures/images/:
  png/*.png        small PNGs of every colour type, bit depth and interlacing (pypng), PNGs
                   that use each of the five row filters (written here by hand), and PIL-written
                   ones (adaptive filters); each with <name>.pil.bin: the 8-bit HWC pixels PIL
                   gives (Image.open, then convert to L / LA / RGB / RGBA as listed in the
                   manifest), and for 16-bit files <name>.u16.bin: the stored samples as
                   little-endian uint16.
  jpeg/*.jpg       JPEGs written by PIL (gray, 4:2:0, 4:2:2, 4:4:4, odd sizes, progressive,
                   CMYK), each with <name>.pil.bin: the pixels PIL decodes (CMYK: converted to RGB).
  jpeg/source.rgb.bin, jpeg/source.gray.bin and jpeg/pil_q<Q>_<sub>.jpg: a picture and PIL's
                   own encodings of it, to compare Lumen's encoder with.
  convert/<A>_to_<B>.bin  PIL's Image.convert between L, LA, RGB and RGBA of a 53 × 47 picture.
  damaged/*        broken files and the words their error must contain.
  manifest.json    one entry per file: size, channels, PIL mode, what is expected.

Run from the repository root:  /root/venv-torch/bin/python Scripts/make_image_fixtures.py
Needs numpy, Pillow, pypng (pip install pypng) and scikit-image (its astronaut photo).
"""
import io
import json
import os
import struct
import zlib

import numpy as np
import png
from PIL import Image
from skimage import data as skdata

ROOT = os.path.join(os.path.dirname(__file__), "..", "Tests", "LumenVisionTests", "Fixtures", "images")
rng = np.random.default_rng(1234)
manifest = {"png": [], "jpeg": [], "damaged": [], "encode": []}


def write(rel, payload):
    path = os.path.join(ROOT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(payload)


def pil_pixels(payload):
    """What PIL gives, as LumenVision's Image: L, LA, RGB or RGBA bytes."""
    im = Image.open(io.BytesIO(payload))
    im.load()
    transparent = "transparency" in im.info
    target = {"1": "L", "L": "LA" if transparent else "L", "I;16": "LA" if transparent else "L", "I": "L",
              "LA": "LA", "RGB": "RGBA" if transparent else "RGB", "RGBA": "RGBA",
              "P": "RGBA" if transparent else "RGB"}[im.mode]
    out = np.array(im.convert(target), dtype=np.uint8)
    return im.mode, target, out.reshape(im.height, im.width, -1)


def sample_values(depth, shape):
    """Samples that hit 0, the maximum and everything between: a gradient plus noise."""
    top = (1 << depth) - 1
    h, w = shape[0], shape[1]
    ramp = (np.arange(h * w).reshape(h, w) * (top + 1) // (h * w)).astype(np.int64)
    noise = rng.integers(0, top + 1, size=shape)
    if len(shape) == 3:
        ramp = ramp[..., None]
    return np.where(rng.random(shape) < 0.5, ramp + np.zeros(shape, dtype=np.int64), noise).astype(np.int64)


def add_png(name, payload, stored16=None, note=None, expected=None):
    write(f"png/{name}.png", payload)
    mode, target, pixels = pil_pixels(payload)
    if expected is not None:
        pixels = expected
    write(f"png/{name}.pil.bin", pixels.tobytes())
    entry = {"name": name, "width": pixels.shape[1], "height": pixels.shape[0], "channels": pixels.shape[2],
             "pilMode": mode, "convertedTo": target}
    if stored16 is not None:
        write(f"png/{name}.u16.bin", stored16.astype("<u2").tobytes())
        entry["sixteenBit"] = True
    if note:
        entry["note"] = note
    manifest["png"].append(entry)


def pypng(width, height, rows, **kw):
    out = io.BytesIO()
    png.Writer(width, height, **kw).write(out, rows)
    return out.getvalue()


# Every colour type and depth, plain and interlaced, on sizes that leave Adam7 passes empty.
for interlace in (False, True):
    tag = "i" if interlace else "p"
    for (w, h) in ((13, 11), (3, 2)) if interlace else ((13, 11),):
        size = f"{w}x{h}"
        for depth in (1, 2, 4, 8, 16):
            g = sample_values(depth, (h, w))
            add_png(f"gray{depth}_{tag}_{size}", pypng(w, h, g.tolist(), greyscale=True, bitdepth=depth, interlace=interlace),
                    stored16=g if depth == 16 else None)
        for depth in (2, 8, 16):
            g = sample_values(depth, (h, w))
            key = int(g[0, 1])
            payload = pypng(w, h, g.tolist(), greyscale=True, bitdepth=depth, interlace=interlace, transparent=key)
            if depth == 16:
                # PIL clips I;16 to 255 before comparing with the tRNS level, so a level above 255
                # never matches; Lumen compares stored samples, as the PNG specification says.
                alpha = np.where(g == key, 0, 255)
                expected = np.stack([np.minimum(g, 255), alpha], -1).astype(np.uint8)
                add_png(f"gray{depth}_trns_{tag}_{size}", payload, stored16=g, expected=expected,
                        note="alpha from comparing stored 16-bit samples with tRNS (PNG spec); PIL compares clipped 8-bit values")
            else:
                add_png(f"gray{depth}_trns_{tag}_{size}", payload)
        for depth in (8, 16):
            ga = sample_values(depth, (h, w, 2))
            add_png(f"graya{depth}_{tag}_{size}",
                    pypng(w, h, ga.reshape(h, -1).tolist(), greyscale=True, alpha=True, bitdepth=depth, interlace=interlace),
                    stored16=ga if depth == 16 else None)
            rgb = sample_values(depth, (h, w, 3))
            add_png(f"rgb{depth}_{tag}_{size}",
                    pypng(w, h, rgb.reshape(h, -1).tolist(), greyscale=False, bitdepth=depth, interlace=interlace),
                    stored16=rgb if depth == 16 else None)
            rgba = sample_values(depth, (h, w, 4))
            add_png(f"rgba{depth}_{tag}_{size}",
                    pypng(w, h, rgba.reshape(h, -1).tolist(), greyscale=False, alpha=True, bitdepth=depth, interlace=interlace),
                    stored16=rgba if depth == 16 else None)
            key = tuple(int(v) for v in rgb[1, 2])
            payload = pypng(w, h, rgb.reshape(h, -1).tolist(), greyscale=False, bitdepth=depth, interlace=interlace, transparent=key)
            if depth == 8:
                add_png(f"rgb{depth}_trns_{tag}_{size}", payload)
            else:
                # PIL compares the 16-bit tRNS colour with the 8-bit pixels it keeps, so it
                # never matches; Lumen compares stored samples, as the PNG specification says.
                alpha = np.where((rgb == np.array(key)).all(-1), 0, 255)[..., None]
                expected = np.concatenate([rgb >> 8, alpha], -1).astype(np.uint8)
                add_png(f"rgb{depth}_trns_{tag}_{size}", payload, stored16=rgb, expected=expected,
                        note="alpha from comparing stored 16-bit samples with tRNS (PNG spec); PIL compares 8-bit values")
        for depth in (1, 2, 4, 8):
            entries = min(1 << depth, 40)
            pal = [tuple(int(v) for v in rng.integers(0, 256, 3)) for _ in range(entries)]
            idx = rng.integers(0, entries, size=(h, w))
            add_png(f"palette{depth}_{tag}_{size}", pypng(w, h, idx.tolist(), palette=pal, bitdepth=depth, interlace=interlace))
            alphas = [int(v) for v in rng.integers(0, 256, max(1, entries // 2))]
            pal_t = [p + (a,) for p, a in zip(pal, alphas)] + pal[len(alphas):]
            add_png(f"palette{depth}_trns_{tag}_{size}", pypng(w, h, idx.tolist(), palette=pal_t, bitdepth=depth, interlace=interlace))


def chunk(kind, payload):
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)


def filtered_png(samples, depth, color_type, filters):
    """A PNG whose row y uses filter filters[y % len(filters)] (samples: h × w × spp)."""
    h, w = samples.shape[:2]
    spp = samples.shape[2]
    if depth == 16:
        rows = [samples[y].astype(">u2").tobytes() for y in range(h)]
    elif depth == 8:
        rows = [samples[y].astype(np.uint8).tobytes() for y in range(h)]
    else:
        rows = []
        for y in range(h):
            bits = "".join(format(int(v), f"0{depth}b") for v in samples[y].reshape(-1))
            bits += "0" * (-len(bits) % 8)
            rows.append(bytes(int(bits[i:i + 8], 2) for i in range(0, len(bits), 8)))
    bpp = max(1, depth * spp // 8)
    out = b""
    prev = bytes(len(rows[0]))
    for y, row in enumerate(rows):
        f = filters[y % len(filters)]
        enc = bytearray()
        for i, x in enumerate(row):
            a = row[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            pred = [0, a, b, (a + b) // 2, paeth(a, b, c)][f] if f < 5 else 0
            enc.append((x - pred) & 255)
        out += bytes([f]) + bytes(enc)
        prev = row
    ihdr = struct.pack(">IIBBBBB", w, h, depth, color_type, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(out)) + chunk(b"IEND", b"")


# Each of the five filters on every row kind: 3- and 8-byte pixels, and packed 2-bit gray.
for name, depth, ctype, spp in (("rgb8", 8, 2, 3), ("rgba16", 16, 6, 4), ("gray2", 2, 0, 1)):
    s = sample_values(depth, (10, 9, spp))
    add_png(f"filters_{name}", filtered_png(s, depth, ctype, [0, 1, 2, 3, 4]), stored16=s if depth == 16 else None)

# Indices past the palette's end: PIL shows them black.
add_png("palette2_past_end", pypng(4, 2, [[0, 1, 3, 2], [2, 3, 1, 0]], palette=[(1, 2, 3), (4, 5, 6)], bitdepth=2))
add_png("palette2_trns_past_end", pypng(4, 2, [[0, 1, 3, 2], [2, 3, 1, 0]], palette=[(1, 2, 3, 9), (4, 5, 6)], bitdepth=2))

# The zlib stream split over many small IDAT chunks, with ancillary chunks between them.
def split_idat(payload, size):
    pos, chunks, data = 8, [], b""
    while pos < len(payload):
        length = struct.unpack(">I", payload[pos:pos + 4])[0]
        kind = payload[pos + 4:pos + 8]
        body = payload[pos + 8:pos + 8 + length]
        if kind == b"IDAT":
            data += body
        else:
            chunks.append((kind, body))
        pos += 12 + length
    out = b"\x89PNG\r\n\x1a\n" + chunk(chunks[0][0], chunks[0][1]) + chunk(b"tEXt", b"Comment\x00split")
    for kind, body in chunks[1:-1]:
        out += chunk(kind, body)
    for i in range(0, len(data), size):
        out += chunk(b"IDAT", data[i:i + size])
    return out + chunk(b"IEND", b"")


rgba16 = sample_values(16, (9, 11, 4))
add_png("split_idat_rgba16_i", split_idat(pypng(11, 9, rgba16.reshape(9, -1).tolist(), greyscale=False, alpha=True,
                                                 bitdepth=16, interlace=True), 7), stored16=rgba16)

# PIL's own writer (adaptive filter choice) on a photo crop.
photo = skdata.astronaut()
for mode in ("L", "LA", "RGB", "RGBA"):
    crop = photo[100:131, 180:217]
    im = Image.fromarray(crop).convert(mode)
    if mode in ("LA", "RGBA"):
        alpha = Image.fromarray(rng.integers(0, 256, crop.shape[:2], dtype=np.uint8))
        im.putalpha(alpha)
    buf = io.BytesIO()
    im.save(buf, "PNG")
    add_png(f"pil_{mode.lower()}", buf.getvalue())

# JPEGs written by PIL, and what PIL decodes from them.
def add_jpeg(name, im, **save):
    buf = io.BytesIO()
    im.save(buf, "JPEG", **save)
    payload = buf.getvalue()
    write(f"jpeg/{name}.jpg", payload)
    dec = Image.open(io.BytesIO(payload))
    entry = {"name": name, "width": dec.width, "height": dec.height, "pilMode": dec.mode}
    if dec.mode in ("L", "RGB", "CMYK"):
        arr = np.array(dec if dec.mode != "CMYK" else dec.convert("RGB")).reshape(dec.height, dec.width, -1)
        write(f"jpeg/{name}.pil.bin", arr.tobytes())
        entry["channels"] = arr.shape[2]
    manifest["jpeg"].append(entry)
    return payload


src = Image.fromarray(photo[60:124, 200:264])
add_jpeg("rgb_420_q75", src)
add_jpeg("rgb_444_q90", src, quality=90, subsampling=0)
add_jpeg("rgb_422_q80", src, quality=80, subsampling=1)
add_jpeg("rgb_420_odd_13x11", Image.fromarray(photo[200:211, 250:263]))
add_jpeg("rgb_444_odd_17x9", Image.fromarray(photo[300:309, 100:117]), subsampling=0)
add_jpeg("rgb_progressive", src, progressive=True)
add_jpeg("gray_q75", src.convert("L"))
add_jpeg("gray_odd_7x5", Image.fromarray(photo[10:15, 10:17]).convert("L"))
add_jpeg("cmyk", src.convert("CMYK"))
# Stray bytes before the scan: libjpeg only warns ("extraneous bytes before marker"), PIL decodes it.
clean = open(os.path.join(ROOT, "jpeg", "rgb_420_q75.jpg"), "rb").read()
scan = clean.index(b"\xff\xda")
write("jpeg/extraneous_bytes.jpg", clean[:scan] + b"\x00\x01\x02" + clean[scan:])
dec = Image.open(os.path.join(ROOT, "jpeg", "extraneous_bytes.jpg"))
write("jpeg/extraneous_bytes.pil.bin", np.array(dec).tobytes())
manifest["jpeg"].append({"name": "extraneous_bytes", "width": dec.width, "height": dec.height, "pilMode": dec.mode, "channels": 3})

# A picture and PIL's encodings of it, for Lumen's encoder to reproduce.
enc_src = Image.fromarray(photo[150:197, 150:203])  # 53 × 47: odd sides exercise edge blocks
write("jpeg/source.rgb.bin", np.array(enc_src).tobytes())
write("jpeg/source.gray.bin", np.array(enc_src.convert("L")).tobytes())
for (mode, quality, sub, subname) in (("RGB", 75, -1, "420"), ("RGB", 90, 0, "444"), ("RGB", 50, 1, "422"), ("L", 75, -1, "gray")):
    buf = io.BytesIO()
    image = enc_src if mode == "RGB" else enc_src.convert("L")
    image.save(buf, "JPEG", quality=quality, subsampling=sub)
    name = f"pil_q{quality}_{subname}"
    write(f"jpeg/{name}.jpg", buf.getvalue())
    manifest["encode"].append({"name": name, "width": enc_src.width, "height": enc_src.height,
                               "channels": 3 if mode == "RGB" else 1, "quality": quality, "subsampling": subname})

# PIL's convert between L, LA, RGB and RGBA, from the encoder's source with a noise alpha.
alpha = Image.fromarray(rng.integers(0, 256, (enc_src.height, enc_src.width), dtype=np.uint8))
rgba_src = enc_src.copy()
rgba_src.putalpha(alpha)
for src_mode in ("L", "LA", "RGB", "RGBA"):
    source = rgba_src.convert(src_mode) if src_mode != "LA" else rgba_src.convert("L").convert("LA")
    if src_mode == "LA":
        source.putalpha(alpha)
    for dst_mode in ("L", "LA", "RGB", "RGBA"):
        write(f"convert/{src_mode}_to_{dst_mode}.bin", np.array(source.convert(dst_mode)).tobytes())

# Damaged files: the words each error must contain.
good = pypng(5, 4, sample_values(8, (4, 15)).tolist(), greyscale=False, bitdepth=8)
idat_at = good.index(b"IDAT") - 4


def damaged(name, payload, words):
    write(f"damaged/{name}", payload)
    manifest["damaged"].append({"name": name, "contains": words})


damaged("truncated_in_idat.png", good[:idat_at + 20], ["truncated", "IDAT", f"byte {idat_at}"])
damaged("truncated_after_idat.png", good[:-12], ["truncated", f"byte {len(good) - 12}"])
flipped = bytearray(good)
flipped[idat_at + 10] ^= 0x40
damaged("bad_crc_idat.png", bytes(flipped), ["CRC", "IDAT", f"byte {idat_at}"])
flipped = bytearray(good)
flipped[29] ^= 1
damaged("bad_crc_ihdr.png", bytes(flipped), ["CRC", "IHDR", "byte 8"])
damaged("garbage.png", bytes(rng.integers(0, 256, 64, dtype=np.uint8)), ["not a PNG or JPEG"])
damaged("garbage_after_signature.png", b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\x0dIHDR" + bytes(5), ["truncated", "IHDR", "byte 8"])
bad_filter = filtered_png(sample_values(8, (4, 5, 3)), 8, 2, [0, 1, 7, 0])
damaged("bad_filter.png", bad_filter, ["filter type 7", "row 2"])
ihdr = struct.pack(">IIBBBBB", 5, 4, 8, 2, 0, 0, 0)
sig = b"\x89PNG\r\n\x1a\n"
damaged("missing_ihdr.png", sig + chunk(b"IDAT", zlib.compress(bytes(4 * 16))) + chunk(b"IEND", b""), ["missing IHDR", "IDAT"])
damaged("missing_idat.png", sig + chunk(b"IHDR", ihdr) + chunk(b"IEND", b""), ["missing IDAT"])
damaged("short_idat.png", sig + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(bytes(30))) + chunk(b"IEND", b""),
        ["IDAT", "only 30 bytes", "expected 64"])
damaged("long_idat.png", sig + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(bytes(100))) + chunk(b"IEND", b""),
        ["IDAT", "more than the 64 bytes"])
damaged("corrupt_zlib.png", sig + chunk(b"IHDR", ihdr) + chunk(b"IDAT", b"\x78\x9c\xff\xff\xff\xff") + chunk(b"IEND", b""),
        ["IDAT", "zlib"])
damaged("huge_ihdr.png", sig + chunk(b"IHDR", struct.pack(">IIBBBBB", 100000, 100000, 8, 2, 0, 0, 0)) + chunk(b"IEND", b""),
        ["IHDR", "100000×100000"])
damaged("bad_depth.png", sig + chunk(b"IHDR", struct.pack(">IIBBBBB", 5, 4, 4, 2, 0, 0, 0)) + chunk(b"IEND", b""),
        ["IHDR", "bit depth 4", "colour type 2"])
jpeg = open(os.path.join(ROOT, "jpeg", "rgb_420_q75.jpg"), "rb").read()
damaged("truncated.jpg", jpeg[: len(jpeg) // 2], ["JPEG"])
damaged("garbage_after_soi.jpg", b"\xff\xd8\xff" + bytes(rng.integers(0, 256, 60, dtype=np.uint8)), ["JPEG"])

with open(os.path.join(ROOT, "manifest.json"), "w") as f:
    json.dump(manifest, f, indent=1)
print("png", len(manifest["png"]), "jpeg", len(manifest["jpeg"]), "damaged", len(manifest["damaged"]))
