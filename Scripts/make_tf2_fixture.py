#!/usr/bin/env python3
"""Write a small event file in TensorFlow 2's encoding, for Lumen's reader tests.

TF2's summary ops store every value as a tensor tagged with its plugin: scalars as rank-0
tensors (plugin "scalars"), histograms as k×3 tensors of (left, right, count) (plugin
"histograms"), images as a string tensor [width, height, png, …] (plugin "images"), text as
a string tensor (plugin "text"). TensorFlow itself is not needed: the messages come from
the tensorboard package's protos.

    python3 Scripts/make_tf2_fixture.py   # rewrites Tests/LumenBoardTests/Fixtures/tf2/
"""
import io
import shutil
from pathlib import Path

import numpy as np
from PIL import Image
from tensorboard.compat.proto import event_pb2, summary_pb2, tensor_pb2, tensor_shape_pb2, types_pb2
from tensorboard.summary.writer.record_writer import RecordWriter

OUT = Path(__file__).resolve().parent.parent / "Tests" / "LumenBoardTests" / "Fixtures" / "tf2"
WALL_TIME = 1_700_000_000.0


def metadata(plugin: str, data_class: int) -> summary_pb2.SummaryMetadata:
    return summary_pb2.SummaryMetadata(
        plugin_data=summary_pb2.SummaryMetadata.PluginData(plugin_name=plugin), data_class=data_class)


def event(step: int, tag: str, tensor: tensor_pb2.TensorProto, meta) -> event_pb2.Event:
    value = summary_pb2.Summary.Value(tag=tag, tensor=tensor, metadata=meta)
    return event_pb2.Event(wall_time=WALL_TIME + step, step=step, summary=summary_pb2.Summary(value=[value]))


def shape(*dims: int) -> tensor_shape_pb2.TensorShapeProto:
    return tensor_shape_pb2.TensorShapeProto(dim=[tensor_shape_pb2.TensorShapeProto.Dim(size=d) for d in dims])


def main() -> None:
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    scalar_meta = metadata("scalars", summary_pb2.DATA_CLASS_SCALAR)
    events = [event_pb2.Event(wall_time=WALL_TIME, file_version="brain.Event:2")]
    for step in range(5):
        # The four rank-0 encodings writers use: float_val, double_val, int64_val, tensor_content.
        events.append(event(step, "tf2/float_val", tensor_pb2.TensorProto(
            dtype=types_pb2.DT_FLOAT, tensor_shape=shape(), float_val=[0.5 * step]), scalar_meta))
        events.append(event(step, "tf2/double_val", tensor_pb2.TensorProto(
            dtype=types_pb2.DT_DOUBLE, tensor_shape=shape(), double_val=[1.0 / (step + 1)]), scalar_meta))
        events.append(event(step, "tf2/int64_val", tensor_pb2.TensorProto(
            dtype=types_pb2.DT_INT64, tensor_shape=shape(), int64_val=[10 * step]), scalar_meta))
        events.append(event(step, "tf2/tensor_content", tensor_pb2.TensorProto(
            dtype=types_pb2.DT_FLOAT, tensor_shape=shape(),
            tensor_content=np.float32(step - 2).tobytes()), scalar_meta))
        rows = np.array([[-1.0, 0.0, step], [0.0, 1.0, 2.0], [1.0, 2.0, 1.0]], dtype=np.float64)
        events.append(event(step, "tf2/histogram", tensor_pb2.TensorProto(
            dtype=types_pb2.DT_DOUBLE, tensor_shape=shape(3, 3), tensor_content=rows.tobytes()),
            metadata("histograms", summary_pb2.DATA_CLASS_TENSOR)))
    pixels = np.arange(4 * 6 * 3, dtype=np.uint8).reshape(4, 6, 3) * 3
    png = io.BytesIO()
    Image.fromarray(pixels).save(png, format="PNG")
    events.append(event(0, "tf2/image", tensor_pb2.TensorProto(
        dtype=types_pb2.DT_STRING, tensor_shape=shape(3), string_val=[b"6", b"4", png.getvalue()]),
        metadata("images", summary_pb2.DATA_CLASS_BLOB_SEQUENCE)))
    events.append(event(0, "tf2/text", tensor_pb2.TensorProto(
        dtype=types_pb2.DT_STRING, tensor_shape=shape(), string_val=["*tf2* text".encode()]),
        metadata("text", summary_pb2.DATA_CLASS_TENSOR)))
    path = OUT / "events.out.tfevents.1700000000.fixture.tf2"
    with open(path, "wb") as f:
        writer = RecordWriter(f)
        for e in events:
            writer.write(e.SerializeToString())
        writer.close()
    print(f"wrote {len(events)} events to {path}")


if __name__ == "__main__":
    main()
