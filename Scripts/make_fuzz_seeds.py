#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora under Fuzz/Corpus (run from the repository root).

record-reader: small event files, whole and damaged (truncated, bit-flipped, garbage before a
record, a header claiming a huge length). event-decoding: single Event payloads of every kind
the board reads (scalars old and TF2-style, histograms, images, text, graphs, session logs,
hparams, deep nesting, non-UTF-8 tags). markdown: text summaries with the constructs Markdown
renderers get wrong (links, nesting, HTML, entities, tables).

Needs PyPI `tensorboard` for the protocol buffer classes.
"""
import os
import struct

from tensorboard.compat.proto import event_pb2, summary_pb2, tensor_pb2, tensor_shape_pb2, types_pb2

ROOT = os.path.join("Fuzz", "Corpus")


def crc32c(data):
    crc = 0xFFFFFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 if crc & 1 else 0)
    return crc ^ 0xFFFFFFFF


def masked(data):
    crc = crc32c(data)
    return (((crc >> 15) | (crc << 17)) + 0xA282EAD8) & 0xFFFFFFFF


def frame(payload):
    length = struct.pack("<Q", len(payload))
    return length + struct.pack("<I", masked(length)) + payload + struct.pack("<I", masked(payload))


def scalar(tag, value, step):
    return event_pb2.Event(wall_time=1.7e9 + step, step=step,
                           summary=summary_pb2.Summary(value=[summary_pb2.Summary.Value(tag=tag, simple_value=value)]))


def tensor_scalar(tag, value, step, dtype=types_pb2.DT_FLOAT):
    tensor = tensor_pb2.TensorProto(dtype=dtype, tensor_shape=tensor_shape_pb2.TensorShapeProto())
    if dtype == types_pb2.DT_DOUBLE:
        tensor.double_val.append(value)
    else:
        tensor.float_val.append(value)
    metadata = summary_pb2.SummaryMetadata(plugin_data=summary_pb2.SummaryMetadata.PluginData(plugin_name="scalars"))
    return event_pb2.Event(wall_time=1.7e9, step=step, summary=summary_pb2.Summary(
        value=[summary_pb2.Summary.Value(tag=tag, tensor=tensor, metadata=metadata)]))


def text(tag, body, step):
    tensor = tensor_pb2.TensorProto(dtype=types_pb2.DT_STRING, string_val=[body.encode()],
                                    tensor_shape=tensor_shape_pb2.TensorShapeProto(dim=[tensor_shape_pb2.TensorShapeProto.Dim(size=1)]))
    metadata = summary_pb2.SummaryMetadata(plugin_data=summary_pb2.SummaryMetadata.PluginData(plugin_name="text"))
    return event_pb2.Event(wall_time=1.7e9, step=step, summary=summary_pb2.Summary(
        value=[summary_pb2.Summary.Value(tag=tag + "/text_summary", tensor=tensor, metadata=metadata)]))


def histogram(tag, step):
    histo = summary_pb2.HistogramProto(min=-1, max=2, num=4, sum=2, sum_squares=6,
                                       bucket_limit=[-0.5, 0.5, 2.0], bucket=[1, 2, 1])
    return event_pb2.Event(wall_time=1.7e9, step=step, summary=summary_pb2.Summary(
        value=[summary_pb2.Summary.Value(tag=tag, histo=histo)]))


def image(tag, step):
    png = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010800000000"
                        "3a7e9b550000000a49444154789c63600000000200015e2c24a50000000049454e44ae426082")
    picture = summary_pb2.Summary.Image(height=1, width=1, colorspace=1, encoded_image_string=png)
    return event_pb2.Event(wall_time=1.7e9, step=step, summary=summary_pb2.Summary(
        value=[summary_pb2.Summary.Value(tag=tag, image=picture)]))


def deep_tensor(depth):
    """A TensorProto nested `depth` levels through its variant field, as a raw payload."""
    inner = b""
    for _ in range(depth):
        inner = b"\x7a" + encode_varint(len(inner)) + inner   # field 15 (variant_val), wire type 2
    return inner


def encode_varint(value):
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def write(folder, name, data):
    path = os.path.join(ROOT, folder)
    os.makedirs(path, exist_ok=True)
    with open(os.path.join(path, name), "wb") as f:
        f.write(data)


def main():
    first = event_pb2.Event(wall_time=1.7e9, file_version="brain.Event:2").SerializeToString()
    events = [scalar("loss", 0.5, 0), scalar("loss", 0.25, 1), tensor_scalar("accuracy", 0.9, 1),
              histogram("weights", 1), image("sample", 1), text("notes", "**lr** = 0.1", 0),
              event_pb2.Event(wall_time=1.7e9, step=5, session_log=event_pb2.SessionLog(status=1))]
    payloads = [first] + [e.SerializeToString() for e in events]
    whole = b"".join(frame(p) for p in payloads)

    write("record-reader", "whole", whole)
    write("record-reader", "truncated-header", whole[:len(whole) - 3 - len(frame(payloads[-1])) + 7])
    write("record-reader", "truncated-payload", whole[:-6])
    flipped = bytearray(whole)
    flipped[len(frame(payloads[0])) + 3] ^= 0x10          # the second record's length
    write("record-reader", "bad-length", bytes(flipped))
    flipped = bytearray(whole)
    flipped[len(frame(payloads[0])) + 14] ^= 0x01         # the second record's data
    write("record-reader", "bad-data", bytes(flipped))
    write("record-reader", "stray-byte", frame(payloads[0]) + b"\x00" + b"".join(frame(p) for p in payloads[1:]))
    huge = struct.pack("<Q", 2**31 - 1)
    write("record-reader", "huge-length", huge + struct.pack("<I", masked(huge)) + b"garbage" * 20 + frame(payloads[1]))
    write("record-reader", "empty", b"")

    for index, payload in enumerate(payloads):
        write("event-decoding", "event-%d" % index, payload)
    write("event-decoding", "double-scalar", tensor_scalar("precise", 0.1, 3, types_pb2.DT_DOUBLE).SerializeToString())
    write("event-decoding", "non-finite", scalar("nan", float("nan"), -(2**62)).SerializeToString())
    bad_tag = scalar("x", 1.0, 0).SerializeToString().replace(b"\x0a\x01x", b"\x0a\x01\xff")
    write("event-decoding", "non-utf8-tag", bad_tag)
    nested = deep_tensor(200)
    value = b"\x0a\x01t" + b"\x42" + encode_varint(len(nested)) + nested   # Summary.Value{tag, tensor}
    summary = b"\x0a" + encode_varint(len(value)) + value
    write("event-decoding", "deep-tensor", b"\x10\x01" + b"\x2a" + encode_varint(len(summary)) + summary)

    texts = {
        "plain": "Just a line of text.",
        "links": "See [the docs](https://example.com/a?b=1&c=2) and <https://example.org>.",
        "script-link": "[x](javascript:alert(1)) [y](javascript&colon;alert(1)) [z](JaVaScRiPt:alert(1))",
        "html": "<script>alert(1)</script><img src=x onerror=alert(1)><b onclick=x>bold</b>",
        "nesting": "[[[[[[a]]]]]] **_*x*_** > > > quote\n\n1. one\n   - two\n     - three",
        "table": "| a | b |\n|---|---|\n| 1 | [x](http://e.com) |\n",
        "code": "```swift\nlet x = [1, 2][0]\n```\n`inline <tag>`",
        "entities": "&lt;b&gt; &#60;script&#62; &amp;amp; &unknown;",
    }
    for name, body in texts.items():
        write("markdown", name, body.encode())


if __name__ == "__main__":
    main()
