#!/usr/bin/env python3
"""Reference figures for `lumen-bench tensor`: the same workloads through torch on the CPU.

Prints one JSON object: {"reference": name, "threads": n, "<measure>": rate, ...}. Each rate is
the best of `repeats` timed runs after a warm-up (the machine is shared; the best run is the one
least disturbed), in the unit `lumen-bench` prints.
"""
import json
import sys
import time

import torch


def best_rate(work, job, repeats):
    job()
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        job()
        best = min(best, time.perf_counter() - start)
    return work / best


def main():
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    torch.manual_seed(0)
    results = {"reference": f"torch {torch.__version__}", "threads": torch.get_num_threads()}

    x = torch.randn(32, 64, 56, 56, requires_grad=True)
    w = torch.randn(64, 64, 3, 3, requires_grad=True)
    up = torch.randn(32, 64, 56, 56)
    flops = 3 * 2 * 32 * 64 * 56 * 56 * 64 * 9

    def conv():
        x.grad = None
        w.grad = None
        torch.nn.functional.conv2d(x, w, padding=1).backward(up)

    results["conv2d_fwd_bwd"] = best_rate(flops / 1e9, conv, repeats)

    xs = torch.randn(64, 6, 14, 14, requires_grad=True)
    ws = torch.randn(16, 6, 5, 5, requires_grad=True)
    ups = torch.randn(64, 16, 10, 10)

    def small_conv():
        xs.grad = None
        ws.grad = None
        torch.nn.functional.conv2d(xs, ws).backward(ups)

    results["conv2d_lenet_fwd_bwd"] = best_rate(3 * 2 * 64 * 16 * 10 * 10 * 6 * 25 / 1e9, small_conv, repeats * 10)

    xp = torch.randn(64, 16, 28, 28, requires_grad=True)
    upp = torch.randn(64, 16, 14, 14)

    def pool():
        xp.grad = None
        torch.nn.functional.max_pool2d(xp, 2).backward(upp)

    results["max_pool2d_fwd_bwd"] = best_rate(xp.numel() / 1e9, pool, repeats * 10)

    a, b = torch.randn(1024, 1024), torch.randn(1024, 1024)
    results["sgemm_1024"] = best_rate(2 * 1024 ** 3 / 1e9, lambda: torch.mm(a, b), repeats * 4)

    u, v = torch.randn(4 * 1024 * 1024), torch.randn(4 * 1024 * 1024)
    n = u.numel() / 1e9
    results["add_4M"] = best_rate(n, lambda: torch.add(u, v), repeats * 20)
    results["mul_4M"] = best_rate(n, lambda: torch.mul(u, v), repeats * 20)
    results["relu_4M"] = best_rate(n, lambda: torch.relu(u), repeats * 20)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
