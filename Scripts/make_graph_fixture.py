#!/usr/bin/env python3
"""Write the graph PyTorch's `add_graph` logs for the course LeNet, for the board's tests.

Run it with a Python that has torch and tensorboard installed:

    /opt/torchenv/bin/python Scripts/make_graph_fixture.py

It rewrites Tests/LumenBoardTests/Fixtures/graph/torch_lenet/: one event file holding what
`SummaryWriter.add_graph(LeNet(), torch.zeros(1, 3, 32, 32))` writes (a `graph_def` event
traced through TorchScript, with its prim::Constant, prim::ListConstruct and prim::GetAttr
nodes, and a `tagged_run_metadata` event). Every event gets a fixed wall time and the file a
fixed name, so running the script twice with the same torch gives identical bytes.
"""

import shutil
import struct
from pathlib import Path

import torch
import torch.nn as nn
import torch.nn.functional as F
from tensorboard.compat.proto import event_pb2
from tensorboard.compat.tensorflow_stub.pywrap_tensorflow import masked_crc32c
from torch.utils.tensorboard import SummaryWriter

OUT = (Path(__file__).resolve().parent.parent
       / "Tests" / "LumenBoardTests" / "Fixtures" / "graph" / "torch_lenet")
EVENT_FILE_NAME = "events.out.tfevents.1700000000.fixture.graph"
BASE_WALLTIME = 1700000000.0


class LeNet(nn.Module):
    """The CIFAR-10 classifier of PyTorch's "Training a classifier" tutorial."""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(3, 6, 5)
        self.pool = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)


def records(data: bytes):
    """The payloads of a TFRecord file's records, in order."""
    at = 0
    while at < len(data):
        (length,) = struct.unpack("<Q", data[at:at + 8])
        yield data[at + 12:at + 12 + length]
        at += 12 + length + 4


def frame(payload: bytes) -> bytes:
    header = struct.pack("<Q", len(payload))
    return (header + struct.pack("<I", masked_crc32c(header)) + payload
            + struct.pack("<I", masked_crc32c(payload)))


def pin_wall_times(path: Path) -> Path:
    """Rewrite the file with wall times BASE_WALLTIME + index under a fixed name."""
    out = b""
    for index, payload in enumerate(records(path.read_bytes())):
        event = event_pb2.Event.FromString(payload)
        event.wall_time = BASE_WALLTIME + index
        out += frame(event.SerializeToString())
    stable = path.with_name(EVENT_FILE_NAME)
    path.unlink()
    stable.write_bytes(out)
    return stable


def main() -> None:
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    writer = SummaryWriter(log_dir=str(OUT), filename_suffix="")
    writer.add_graph(LeNet().eval(), torch.zeros(1, 3, 32, 32))
    writer.close()
    (written,) = OUT.glob("*tfevents*")
    path = pin_wall_times(written)
    kinds = [event_pb2.Event.FromString(p).WhichOneof("what") for p in records(path.read_bytes())]
    print(f"wrote {path} ({path.stat().st_size} bytes): {', '.join(kinds)}")


if __name__ == "__main__":
    main()
