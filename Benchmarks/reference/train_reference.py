#!/usr/bin/env python3
"""Reference figures for `lumen-bench train`: the same training steps and hook through torch on
the CPU.

Usage: train_reference.py [lenet_steps] [resnet_steps] [hook_calls]

Prints one JSON object: {"reference": name, "threads": n, "<measure>": value, ...}, steps in
milliseconds (median and min of the timed steps, after warm-up steps) and the forward-hook cost
in microseconds per call, as `lumen-bench` prints them.
"""
import json
import statistics
import sys
import time
from pathlib import Path

import torch
import torch.nn.functional as F
import torchvision

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "Scripts"))
from course_lenet import LeNet  # noqa: E402 (after the path is set)


def step_times(model, batch, image, steps, warm_up):
    """Seconds of each timed SGD step (lr 0.01, momentum 0.9) with cross-entropy."""
    x = torch.randn(batch, 3, image, image)
    labels = torch.randint(0, 10, (batch,))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)

    def step():
        optimizer.zero_grad()
        loss = F.cross_entropy(model(x), labels)
        loss.backward()
        optimizer.step()

    for _ in range(warm_up):
        step()
    times = []
    for _ in range(max(1, steps)):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return times


def forward_hook_cost(calls):
    """Seconds a no-op forward hook adds to one call of nn.Identity on a four-element tensor."""
    module = torch.nn.Identity()
    x = torch.randn(4)

    def best_run():
        best = float("inf")
        for _ in range(5):
            start = time.perf_counter()
            for _ in range(calls):
                module(x)
            best = min(best, time.perf_counter() - start)
        return best / calls

    bare = best_run()
    handle = module.register_forward_hook(lambda m, i, o: None)
    with_hook = best_run()
    handle.remove()
    return max(0.0, with_hook - bare)


def main():
    lenet_steps = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    resnet_steps = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    hook_calls = int(sys.argv[3]) if len(sys.argv) > 3 else 200_000
    torch.manual_seed(0)
    results = {"reference": f"torch {torch.__version__}", "threads": torch.get_num_threads()}
    lenet = step_times(LeNet(10), 64, 32, lenet_steps, 5)
    resnet = step_times(torchvision.models.resnet18(num_classes=10), 32, 64, resnet_steps, 2)
    results["lenet_step"] = statistics.median(lenet) * 1e3
    results["lenet_step_min"] = min(lenet) * 1e3
    results["resnet18_step"] = statistics.median(resnet) * 1e3
    results["resnet18_step_min"] = min(resnet) * 1e3
    results["forward_hook"] = forward_hook_cost(hook_calls) * 1e6
    print(json.dumps(results))


if __name__ == "__main__":
    main()
