#!/usr/bin/env python3
"""Writes the fixtures LumenTensor's tests compare against: inputs, outputs and gradients of
every op, computed by PyTorch.

Run with a Python that has torch:  python3 Scripts/make_tensor_fixtures.py

Each file Tests/LumenTensorTests/Fixtures/<group>.json holds {"cases": [...]}; a case is
  {"name", "op", "args": {...},
   "inputs":  [{"shape", "data", "grad": bool}],            # grad: the test asks for its gradient
   "outputs": [{"shape", "data", "upstream": {"shape", "data"} | null}],
   "grads":   [{"shape", "data"} | null]}                    # d(Σ outputs·upstream)/d input
Values are float32 written with 9 significant digits (exact round trip). References are computed
in float64 from float32 inputs, so they are the exact answer rounded once; ops whose result
depends on float32 index arithmetic (interpolate) run in float32, as torch does for float32.
"""
import json
import os

import torch
import torch.nn.functional as F

torch.manual_seed(0)
OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "LumenTensorTests", "Fixtures")
groups = {}


def encode(t):
    t = t.detach().to(torch.float32).contiguous()
    return {"shape": list(t.shape), "data": [float("%.9g" % v) for v in t.reshape(-1).tolist()]}


def randn(*shape):
    return torch.randn(tuple(shape), dtype=torch.float32)


def positive(*shape):
    return torch.rand(tuple(shape), dtype=torch.float32) + 0.5


def labels(high, *shape):
    return torch.randint(0, high, shape).to(torch.float32)


def case(group, name, op, inputs, fn, args=None, grads=None, dtype=torch.float64):
    """inputs: float32 tensors; grads: which inputs get a gradient (default: all)."""
    grads = grads if grads is not None else [True] * len(inputs)
    work = [x.to(dtype).detach().requires_grad_(g) for x, g in zip(inputs, grads)]
    outs = fn(*work)
    outs = list(outs) if isinstance(outs, (tuple, list)) else [outs]
    total = 0
    encoded_outs = []
    for o in outs:
        if o.requires_grad and o.is_floating_point():
            up = randn(*o.shape).to(dtype)
            total = total + (o * up).sum()
            encoded_outs.append({**encode(o), "upstream": encode(up)})
        else:
            encoded_outs.append({**encode(o.to(dtype)), "upstream": None})
    if any(grads) and not isinstance(total, int):
        total.backward()
    groups.setdefault(group, []).append({
        "name": name, "op": op, "args": args or {},
        "inputs": [{**encode(x), "grad": g} for x, g in zip(inputs, grads)],
        "outputs": encoded_outs,
        "grads": [encode(w.grad) if g and w.grad is not None else None for w, g in zip(work, grads)],
    })


# --- element-wise -----------------------------------------------------------------------
binary = {"add": torch.add, "sub": torch.sub, "mul": torch.mul, "div": torch.div}
pairs = {
    "same": ((2, 3), (2, 3)), "row": ((2, 3), (3,)), "column": ((2, 3), (2, 1)),
    "outer": ((3, 1), (1, 4)), "scalar": ((), (2, 3)), "rank": ((2, 1, 3), (4, 1)),
    "both_ones": ((1, 3, 1), (2, 1, 4)), "empty": ((0, 3), (3,)),
}
for op, fn in binary.items():
    for label, (sa, sb) in pairs.items():
        b = positive(*sb) * torch.sign(randn(*sb)) if op == "div" else randn(*sb)
        case("elementwise", f"{op}_{label}", op, [randn(*sa), b], fn)
case("elementwise", "pow_tensor", "pow", [positive(2, 3), randn(3)], torch.pow)
for p in [2.0, 3.0, 0.5, -1.5]:
    case("elementwise", f"pow_scalar_{p}", "pow_scalar", [positive(2, 3)], lambda x, p=p: x ** p, {"exponent": p})
case("elementwise", "rpow", "rpow", [randn(2, 3)], lambda x: torch.pow(2.5, x), {"base": 2.5})
for op, fn in {"add_scalar": lambda x: x + 1.5, "sub_scalar": lambda x: x - 1.5, "rsub_scalar": lambda x: 1.5 - x,
               "mul_scalar": lambda x: x * 1.5, "div_scalar": lambda x: x / 1.5}.items():
    case("elementwise", op, op, [randn(2, 3)], fn, {"scalar": 1.5})
case("elementwise", "rdiv_scalar", "rdiv_scalar", [positive(2, 3)], lambda x: 1.5 / x, {"scalar": 1.5})
unary = {
    "neg": (torch.neg, randn), "exp": (torch.exp, randn), "log": (torch.log, positive),
    "sqrt": (torch.sqrt, positive), "abs": (torch.abs, randn), "relu": (torch.relu, randn),
    "sigmoid": (torch.sigmoid, randn), "tanh": (torch.tanh, randn), "gelu": (F.gelu, randn),
}
for op, (fn, make) in unary.items():
    case("elementwise", op, op, [make(3, 4) * (2 if make is randn else 1)], fn)
case("elementwise", "gelu_tanh", "gelu_tanh", [randn(3, 4) * 2], lambda x: F.gelu(x, approximate="tanh"))
case("elementwise", "leaky_relu", "leaky_relu", [randn(3, 4)], lambda x: F.leaky_relu(x, 0.1), {"slope": 0.1})
case("elementwise", "clamp_both", "clamp", [randn(3, 4) * 2], lambda x: x.clamp(-0.5, 1.0), {"min": -0.5, "max": 1.0})
case("elementwise", "clamp_min", "clamp", [randn(3, 4)], lambda x: x.clamp(min=0.2), {"min": 0.2})
mask = (randn(2, 3) > 0).to(torch.float32)
case("elementwise", "where_broadcast", "where", [mask, randn(2, 3), randn(3)], lambda m, a, b: torch.where(m != 0, a, b), grads=[False, True, True])
case("elementwise", "masked_fill", "masked_fill", [randn(2, 3), (randn(3) > 0).to(torch.float32)],
     lambda x, m: x.masked_fill(m != 0, -2.0), {"value": -2.0}, grads=[True, False])
a, b = randn(3, 4), randn(4).round()
a[0, :] = b
for op in ["eq", "ne", "lt", "le", "gt", "ge"]:
    case("elementwise", f"compare_{op}", op, [a, b], lambda x, y, op=op: getattr(torch, op)(x, y).to(x.dtype), grads=[False, False])

# --- reductions ------------------------------------------------------------------------
x = randn(3, 4, 5)
case("reduction", "sum_all", "sum", [x], lambda x: x.sum())
case("reduction", "sum_empty_dim0", "sum", [randn(0, 3)], lambda x: x.sum(0), {"dims": [0]})
case("reduction", "sum_dim1", "sum", [x], lambda x: x.sum(1), {"dims": [1]})
case("reduction", "sum_dims02_keep", "sum", [x], lambda x: x.sum((0, 2), keepdim=True), {"dims": [0, 2], "keepDim": True})
case("reduction", "mean_all", "mean", [x], lambda x: x.mean())
case("reduction", "mean_dim_neg1_keep", "mean", [x], lambda x: x.mean(-1, keepdim=True), {"dims": [-1], "keepDim": True})
case("reduction", "var_dim1", "var", [x], lambda x: x.var(1), {"dims": [1]})
case("reduction", "var_all_biased", "var", [x], lambda x: x.var(correction=0), {"correction": 0})
case("reduction", "std_dim0_keep", "std", [x], lambda x: x.std(0, keepdim=True), {"dims": [0], "keepDim": True})
case("reduction", "std_dims12", "std", [x], lambda x: x.std((1, 2)), {"dims": [1, 2]})
case("reduction", "max_all", "max_all", [x], lambda x: x.max())
case("reduction", "min_all", "min_all", [x], lambda x: x.min())
case("reduction", "max_dim1", "max_dim", [x], lambda x: tuple(x.max(1)), {"dim": 1})
case("reduction", "min_dim0_keep", "min_dim", [x], lambda x: tuple(x.min(0, keepdim=True)), {"dim": 0, "keepDim": True})
case("reduction", "argmax_dim2", "argmax", [x], lambda x: x.argmax(2), {"dim": 2}, grads=[False])
case("reduction", "argmax_all", "argmax", [x], lambda x: x.argmax(), grads=[False])

# --- shapes, joins, indexing ------------------------------------------------------------
x = randn(2, 3, 4)
case("shape", "reshape", "reshape", [x], lambda x: x.reshape(4, -1), {"shape": [4, -1]})
case("shape", "flatten_from1", "flatten", [x], lambda x: x.flatten(1), {"start": 1})
case("shape", "squeeze_all", "squeeze", [randn(1, 3, 1, 2)], lambda x: x.squeeze())
case("shape", "squeeze_dim", "squeeze", [randn(1, 3, 1, 2)], lambda x: x.squeeze(2), {"dim": 2})
case("shape", "unsqueeze", "unsqueeze", [x], lambda x: x.unsqueeze(-1), {"dim": -1})
case("shape", "transpose", "transpose", [x], lambda x: x.transpose(0, 2), {"dims": [0, 2]})
case("shape", "permute", "permute", [x], lambda x: x.permute(2, 0, 1), {"dims": [2, 0, 1]})
case("shape", "expand", "expand", [randn(2, 1)], lambda x: x.expand(3, 2, 4), {"shape": [3, 2, 4]})
case("shape", "cat_dim0", "cat", [randn(2, 3), randn(1, 3)], lambda a, b: torch.cat([a, b], 0), {"dim": 0})
case("shape", "cat_dim1_three", "cat", [randn(2, 1, 2), randn(2, 3, 2), randn(2, 2, 2)], lambda *t: torch.cat(t, 1), {"dim": 1})
case("shape", "stack_dim1", "stack", [randn(2, 3), randn(2, 3), randn(2, 3)], lambda *t: torch.stack(t, 1), {"dim": 1})
case("shape", "split_2", "split", [randn(3, 5)], lambda x: x.split(2, 1), {"size": 2, "dim": 1})
case("shape", "split_sizes", "split_sizes", [randn(4, 3)], lambda x: x.split([1, 3], 0), {"sizes": [1, 3], "dim": 0})
case("shape", "chunk_3", "chunk", [randn(2, 8)], lambda x: x.chunk(3, 1), {"chunks": 3, "dim": 1})
case("shape", "index_int", "index", [x], lambda x: x[1], {"index": 1})
case("shape", "index_ranges", "slice", [x], lambda x: x[0:2, 1:], {"ranges": [[0, 2], [1, 3]]})
case("shape", "select_neg", "select", [x], lambda x: x.select(-1, -2), {"dim": -1, "index": -2})
case("shape", "narrow", "narrow", [x], lambda x: x.narrow(2, 1, 2), {"dim": 2, "start": 1, "length": 2})
idx = torch.tensor([[0, 2, 2, 1], [1, 1, 0, 0]], dtype=torch.float32)
case("shape", "gather_dim1", "gather", [randn(2, 3), idx], lambda x, i: x.gather(1, i.long()), {"dim": 1}, grads=[True, False])
case("shape", "index_select_dim1", "index_select", [x, torch.tensor([3.0, 0.0, 3.0])],
     lambda x, i: x.index_select(2, i.long()), {"dim": 2}, grads=[True, False])

# --- matmul -----------------------------------------------------------------------------
mm_shapes = {"dot": ((4,), (4,)), "mm": ((3, 4), (4, 5)), "mv": ((3, 4), (4,)), "vm": ((4,), (4, 5)),
             "batched_matrix": ((2, 3, 4), (4, 5)), "broadcast_batch": ((2, 1, 3, 4), (3, 4, 5)),
             "batched_vector": ((2, 3, 4), (4,)), "matrix_batched": ((3, 4), (2, 4, 5)), "vector_batched": ((4,), (2, 4, 5))}
for label, (sa, sb) in mm_shapes.items():
    case("matmul", f"matmul_{label}", "matmul", [randn(*sa), randn(*sb)], torch.matmul)
case("matmul", "bmm", "bmm", [randn(3, 2, 4), randn(3, 4, 2)], torch.bmm)

# --- softmax ------------------------------------------------------------------------------
case("softmax", "softmax_dim1", "softmax", [randn(3, 5) * 3], lambda x: x.softmax(1), {"dim": 1})
case("softmax", "softmax_dim0_3d", "softmax", [randn(4, 2, 3)], lambda x: x.softmax(0), {"dim": 0})
case("softmax", "log_softmax_dim1", "log_softmax", [randn(3, 5) * 3], lambda x: x.log_softmax(1), {"dim": 1})
case("softmax", "log_softmax_dim_neg1_3d", "log_softmax", [randn(2, 3, 4)], lambda x: x.log_softmax(-1), {"dim": -1})

# --- conv2d -----------------------------------------------------------------------------
convs = [
    ("basic", (2, 3, 6, 5), (4, 3, 3, 3), dict()),
    ("padding", (1, 2, 5, 5), (3, 2, 3, 3), dict(padding=1)),
    ("stride2_pad1", (2, 3, 7, 6), (4, 3, 3, 3), dict(stride=2, padding=1)),
    ("nonsquare_kernel", (1, 2, 6, 7), (3, 2, 2, 4), dict(stride=(1, 2), padding=(1, 0))),
    ("dilation", (1, 2, 8, 7), (2, 2, 3, 2), dict(dilation=(2, 3), padding=(2, 1))),
    ("groups2", (2, 4, 5, 5), (6, 2, 3, 3), dict(groups=2, padding=1)),
    ("depthwise", (1, 3, 6, 6), (3, 1, 3, 3), dict(groups=3, stride=2, padding=1)),
    ("pointwise", (2, 4, 3, 3), (5, 4, 1, 1), dict()),
    ("everything", (2, 4, 9, 8), (4, 2, 3, 2), dict(stride=(2, 1), padding=(1, 2), dilation=(1, 2), groups=2)),
    # Outputs wide and tall enough that Lumen unfolds them in several blocks of rows.
    ("row_blocks", (1, 2, 30, 20), (3, 2, 3, 3), dict(padding=1)),
    ("row_blocks_strided_groups", (1, 4, 41, 40), (4, 2, 3, 3), dict(stride=2, padding=1, groups=2)),
]
for label, xs, ws, kw in convs:
    args = {k: (list(v) if isinstance(v, tuple) else [v, v]) for k, v in kw.items() if k != "groups"}
    if "groups" in kw:
        args["groups"] = kw["groups"]
    case("conv", f"conv2d_{label}", "conv2d", [randn(*xs), randn(*ws), randn(ws[0])],
         lambda x, w, b, kw=kw: F.conv2d(x, w, b, **kw), {**args, "bias": True})
case("conv", "conv2d_no_bias", "conv2d", [randn(1, 2, 4, 4), randn(3, 2, 2, 2)], lambda x, w: F.conv2d(x, w, stride=2), {"stride": [2, 2]})

# --- pooling ------------------------------------------------------------------------------
x = randn(2, 3, 7, 9)
pools = [
    ("k2", dict(kernel_size=2)),
    ("k3_s2_p1_ceil", dict(kernel_size=3, stride=2, padding=1, ceil_mode=True)),
    ("k2x3_s1x2_d2", dict(kernel_size=(2, 3), stride=(1, 2), dilation=2)),
    ("k3_s2_ceil", dict(kernel_size=3, stride=2, ceil_mode=True)),
]
for label, kw in pools:
    args = {("kernel" if k == "kernel_size" else "ceilMode" if k == "ceil_mode" else k):
            (v if isinstance(v, bool) else list(v) if isinstance(v, tuple) else [v, v]) for k, v in kw.items()}
    case("pool", f"max_pool2d_{label}", "max_pool2d", [x], lambda x, kw=kw: tuple(F.max_pool2d(x, return_indices=True, **kw)), args)
avgs = [
    ("k2", dict(kernel_size=2)),
    ("k3_s2_p1_ceil", dict(kernel_size=3, stride=2, padding=1, ceil_mode=True)),
    ("k3_s2_p1_exclude_pad", dict(kernel_size=3, stride=2, padding=1, count_include_pad=False)),
    ("k2x3_ceil_exclude", dict(kernel_size=(2, 3), stride=2, padding=(1, 1), ceil_mode=True, count_include_pad=False)),
    ("divisor", dict(kernel_size=3, stride=2, padding=1, divisor_override=5)),
]
for label, kw in avgs:
    names = {"kernel_size": "kernel", "ceil_mode": "ceilMode", "count_include_pad": "countIncludePad", "divisor_override": "divisor"}
    args = {names.get(k, k): (v if isinstance(v, (bool, int)) and k in ("ceil_mode", "count_include_pad", "divisor_override")
                              else list(v) if isinstance(v, tuple) else [v, v]) for k, v in kw.items()}
    case("pool", f"avg_pool2d_{label}", "avg_pool2d", [x], lambda x, kw=kw: F.avg_pool2d(x, **kw), args)
# ceil mode whose last window would start in the right padding: torch drops that window.
x5 = randn(1, 2, 5, 5)
case("pool", "max_pool2d_ceil_drops_padding_window", "max_pool2d", [x5],
     lambda x: tuple(F.max_pool2d(x, 2, 2, 1, ceil_mode=True, return_indices=True)), {"kernel": [2, 2], "stride": [2, 2], "padding": [1, 1], "ceilMode": True})
case("pool", "avg_pool2d_ceil_drops_padding_window", "avg_pool2d", [x5],
     lambda x: F.avg_pool2d(x, 2, 2, 1, ceil_mode=True), {"kernel": [2, 2], "stride": [2, 2], "padding": [1, 1], "ceilMode": True})
case("pool", "max_pool2d_3d_input", "max_pool2d", [randn(3, 5, 5)], lambda x: tuple(F.max_pool2d(x, 2, return_indices=True)), {"kernel": [2, 2]})
for size in [(3, 4), (1, 1), (7, 9), (4, 5)]:
    case("pool", f"adaptive_avg_pool2d_{size[0]}x{size[1]}", "adaptive_avg_pool2d", [x], lambda x, s=size: F.adaptive_avg_pool2d(x, s), {"size": list(size)})
    case("pool", f"adaptive_max_pool2d_{size[0]}x{size[1]}", "adaptive_max_pool2d", [x],
         lambda x, s=size: tuple(F.adaptive_max_pool2d(x, s, return_indices=True)), {"size": list(size)})

# --- interpolate (float32: the source index comes from float32 arithmetic in torch) -------------
x = randn(1, 2, 4, 5)
interps = [
    ("nearest_size", dict(size=(7, 3), mode="nearest"), {"size": [7, 3], "mode": "nearest"}),
    ("nearest_scale2", dict(scale_factor=2, mode="nearest"), {"scale": 2.0, "mode": "nearest"}),
    ("nearest_scale_1_5", dict(scale_factor=1.5, mode="nearest"), {"scale": 1.5, "mode": "nearest"}),
    ("bilinear_align_false", dict(size=(7, 8), mode="bilinear", align_corners=False), {"size": [7, 8], "mode": "bilinear"}),
    ("bilinear_align_true", dict(size=(7, 8), mode="bilinear", align_corners=True), {"size": [7, 8], "mode": "bilinear", "alignCorners": True}),
    ("bilinear_down_false", dict(size=(3, 2), mode="bilinear", align_corners=False), {"size": [3, 2], "mode": "bilinear"}),
    ("bilinear_down_true", dict(size=(3, 2), mode="bilinear", align_corners=True), {"size": [3, 2], "mode": "bilinear", "alignCorners": True}),
    ("bilinear_scale_2", dict(scale_factor=2, mode="bilinear", align_corners=False), {"scale": 2.0, "mode": "bilinear"}),
    ("bilinear_to_one_align_true", dict(size=(1, 3), mode="bilinear", align_corners=True), {"size": [1, 3], "mode": "bilinear", "alignCorners": True}),
    ("bilinear_scale_0_6", dict(scale_factor=0.6, mode="bilinear", align_corners=False), {"scale": 0.6, "mode": "bilinear"}),
    ("nearest_down_size", dict(size=(3, 2), mode="nearest"), {"size": [3, 2], "mode": "nearest"}),
]
for label, kw, args in interps:
    case("interpolate", f"interpolate_{label}", "interpolate", [x], lambda x, kw=kw: F.interpolate(x, **kw), args, dtype=torch.float32)

# --- batch norm ---------------------------------------------------------------------------
x, rm, rv = randn(4, 3, 2, 5), randn(3), positive(3)
w, b = randn(3), randn(3)


def batch_norm(training):
    def fn(x, w, b):
        mean, var = rm.clone().to(x.dtype), rv.clone().to(x.dtype)
        y = F.batch_norm(x, mean, var, w, b, training=training, momentum=0.1, eps=1e-5)
        return y, mean, var
    return fn


case("norm", "batch_norm_train", "batch_norm", [x, w, b], batch_norm(True), {"training": True, "runningMean": encode(rm), "runningVar": encode(rv)})
case("norm", "batch_norm_eval", "batch_norm", [x, w, b], batch_norm(False), {"training": False, "runningMean": encode(rm), "runningVar": encode(rv)})
case("norm", "batch_norm_2d_input", "batch_norm", [randn(6, 3), w, b], batch_norm(True), {"training": True, "runningMean": encode(rm), "runningVar": encode(rv)})

# --- losses -------------------------------------------------------------------------------
logits, target = randn(5, 4), labels(4, 5)
ignored = target.clone()
ignored[1] = -100
ignored[3] = -100
for red in ["mean", "sum", "none"]:
    case("loss", f"cross_entropy_{red}", "cross_entropy", [logits, target], lambda x, t, r=red: F.cross_entropy(x, t.long(), reduction=r), {"reduction": red}, grads=[True, False])
    case("loss", f"cross_entropy_smoothing_{red}", "cross_entropy", [logits, ignored],
         lambda x, t, r=red: F.cross_entropy(x, t.long(), reduction=r, label_smoothing=0.2), {"reduction": red, "labelSmoothing": 0.2}, grads=[True, False])
    case("loss", f"nll_loss_{red}", "nll_loss", [logits.log_softmax(1), ignored], lambda x, t, r=red: F.nll_loss(x, t.long(), reduction=r), {"reduction": red}, grads=[True, False])
    case("loss", f"mse_loss_{red}", "mse_loss", [randn(3, 4), randn(3, 4)], lambda x, y, r=red: F.mse_loss(x, y, reduction=r), {"reduction": red})
    case("loss", f"bce_with_logits_{red}", "bce_with_logits", [randn(3, 4) * 3, torch.rand(3, 4)],
         lambda x, y, r=red: F.binary_cross_entropy_with_logits(x, y, reduction=r), {"reduction": red})
case("loss", "cross_entropy_ignore_index", "cross_entropy", [logits, ignored], lambda x, t: F.cross_entropy(x, t.long()), {}, grads=[True, False])
case("loss", "cross_entropy_custom_ignore", "cross_entropy", [logits, target], lambda x, t: F.cross_entropy(x, t.long(), ignore_index=2), {"ignoreIndex": 2}, grads=[True, False])
case("loss", "cross_entropy_spatial", "cross_entropy", [randn(2, 3, 2, 4), labels(3, 2, 2, 4)],
     lambda x, t: F.cross_entropy(x, t.long(), label_smoothing=0.1), {"labelSmoothing": 0.1}, grads=[True, False])

# --- clamp at its bounds: torch's gradient is zero where the input equals min or max ---------
# (appended last, so the random inputs of every case above stay as they were)
at_bounds = torch.tensor([[-1.0, -0.5, 0.0, 0.25], [0.5, 1.0, 1.5, -0.5]])
case("elementwise", "clamp_both_at_bounds", "clamp", [at_bounds], lambda x: x.clamp(-0.5, 1.0), {"min": -0.5, "max": 1.0})
case("elementwise", "clamp_min_at_bound", "clamp", [at_bounds], lambda x: x.clamp(min=0.0), {"min": 0.0})
case("elementwise", "clamp_max_at_bound", "clamp", [at_bounds], lambda x: x.clamp(max=1.0), {"max": 1.0})

# --- conv2d with 9 to 32 output or input channels: Lumen's direct loops keep channels in ------
# vector lanes of eight, so these take its two-vector tiles and lane tails
# (appended last, so the random inputs of every case above stay as they were)
lane_convs = [
    ("lanes16_pad1", (2, 5, 9, 11), (16, 5, 3, 3), dict(padding=1)),
    ("lanes20_k5_stride2", (2, 6, 11, 12), (20, 6, 5, 5), dict(stride=2, padding=2)),
    ("lanes24_in20_k3x5", (1, 20, 6, 9), (24, 20, 3, 5), dict(padding=(1, 2))),
    ("lanes9_dilation2", (2, 9, 10, 9), (9, 9, 3, 3), dict(dilation=2, padding=2)),
]
for label, xs, ws, kw in lane_convs:
    args = {k: (list(v) if isinstance(v, tuple) else [v, v]) for k, v in kw.items()}
    case("conv", f"conv2d_{label}", "conv2d", [randn(*xs), randn(*ws), randn(ws[0])],
         lambda x, w, b, kw=kw: F.conv2d(x, w, b, **kw), {**args, "bias": True})

os.makedirs(OUT, exist_ok=True)
for group, cases in groups.items():
    with open(os.path.join(OUT, f"{group}.json"), "w") as f:
        json.dump({"generator": f"torch {torch.__version__}", "cases": cases}, f, separators=(",", ":"))
print({g: len(c) for g, c in groups.items()})
