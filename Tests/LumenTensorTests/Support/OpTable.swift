import LumenTensor
import LumenTensorTestSupport

/// A fixture case's arguments with defaults.
struct Args {
    let raw: [String: JSONValue]

    func int(_ key: String, _ fallback: Int = 0) -> Int { raw[key]?.number.map { Int($0) } ?? fallback }
    func float(_ key: String, _ fallback: Float = 0) -> Float { raw[key]?.number.map { Float($0) } ?? fallback }
    func bool(_ key: String, _ fallback: Bool = false) -> Bool { raw[key].map(\.bool) ?? fallback }
    func ints(_ key: String) -> [Int]? { raw[key]?.array?.map { Int($0.number!) } }
    func pair(_ key: String, _ fallback: Pair) -> Pair { ints(key).map { Pair($0[0], $0[1]) } ?? fallback }
    func tensor(_ key: String) -> Tensor { FixtureTensor(raw[key]!).tensor }

    var reduction: LossReduction {
        switch raw["reduction"]?.string ?? "mean" {
        case "sum": .sum
        case "none": .none
        default: .mean
        }
    }
}

/// Each fixture op name, as Lumen calls it.
let opTable: [String: @Sendable ([Tensor], Args) -> [Tensor]] = [
    "add": { x, _ in [x[0] + x[1]] },
    "sub": { x, _ in [x[0] - x[1]] },
    "mul": { x, _ in [x[0] * x[1]] },
    "div": { x, _ in [x[0] / x[1]] },
    "pow": { x, _ in [x[0].pow(x[1])] },
    "pow_scalar": { x, a in [x[0].pow(a.float("exponent"))] },
    "rpow": { x, a in [Tensor.pow(a.float("base"), x[0])] },
    "add_scalar": { x, a in [x[0] + a.float("scalar")] },
    "sub_scalar": { x, a in [x[0] - a.float("scalar")] },
    "rsub_scalar": { x, a in [a.float("scalar") - x[0]] },
    "mul_scalar": { x, a in [x[0] * a.float("scalar")] },
    "div_scalar": { x, a in [x[0] / a.float("scalar")] },
    "rdiv_scalar": { x, a in [a.float("scalar") / x[0]] },
    "neg": { x, _ in [-x[0]] },
    "exp": { x, _ in [x[0].exp()] },
    "log": { x, _ in [x[0].log()] },
    "sqrt": { x, _ in [x[0].sqrt()] },
    "abs": { x, _ in [x[0].abs()] },
    "relu": { x, _ in [x[0].relu()] },
    "sigmoid": { x, _ in [x[0].sigmoid()] },
    "tanh": { x, _ in [x[0].tanh()] },
    "gelu": { x, _ in [x[0].gelu()] },
    "gelu_tanh": { x, _ in [x[0].gelu(approximate: .tanh)] },
    "leaky_relu": { x, a in [x[0].leakyRelu(negativeSlope: a.float("slope"))] },
    "clamp": { x, a in [x[0].clamp(min: a.raw["min"].map { _ in a.float("min") }, max: a.raw["max"].map { _ in a.float("max") })] },
    "where": { x, _ in [Tensor.where(x[0], x[1], x[2])] },
    "masked_fill": { x, a in [x[0].maskedFill(x[1], a.float("value"))] },
    "eq": { x, _ in [x[0].eq(x[1])] },
    "ne": { x, _ in [x[0].ne(x[1])] },
    "lt": { x, _ in [x[0].lt(x[1])] },
    "le": { x, _ in [x[0].le(x[1])] },
    "gt": { x, _ in [x[0].gt(x[1])] },
    "ge": { x, _ in [x[0].ge(x[1])] },

    "sum": { x, a in [x[0].sum(dims: a.ints("dims") ?? [], keepDim: a.bool("keepDim"))] },
    "mean": { x, a in [x[0].mean(dims: a.ints("dims") ?? [], keepDim: a.bool("keepDim"))] },
    "var": { x, a in [x[0].var(dims: a.ints("dims") ?? [], correction: a.int("correction", 1), keepDim: a.bool("keepDim"))] },
    "std": { x, a in [x[0].std(dims: a.ints("dims") ?? [], correction: a.int("correction", 1), keepDim: a.bool("keepDim"))] },
    "max_all": { x, _ in [x[0].max()] },
    "min_all": { x, _ in [x[0].min()] },
    "max_dim": { x, a in let r = x[0].max(dim: a.int("dim"), keepDim: a.bool("keepDim")); return [r.values, r.indices] },
    "min_dim": { x, a in let r = x[0].min(dim: a.int("dim"), keepDim: a.bool("keepDim")); return [r.values, r.indices] },
    "argmax": { x, a in [a.raw["dim"] == nil ? x[0].argmax() : x[0].argmax(dim: a.int("dim"))] },

    "reshape": { x, a in [x[0].reshape(a.ints("shape")!)] },
    "flatten": { x, a in [x[0].flatten(startDim: a.int("start"))] },
    "squeeze": { x, a in [a.raw["dim"] == nil ? x[0].squeeze() : x[0].squeeze(dim: a.int("dim"))] },
    "unsqueeze": { x, a in [x[0].unsqueeze(dim: a.int("dim"))] },
    "transpose": { x, a in let d = a.ints("dims")!; return [x[0].transpose(d[0], d[1])] },
    "permute": { x, a in [x[0].permute(a.ints("dims")!)] },
    "expand": { x, a in [x[0].expand(a.ints("shape")!)] },
    "cat": { x, a in [Tensor.cat(x, dim: a.int("dim"))] },
    "stack": { x, a in [Tensor.stack(x, dim: a.int("dim"))] },
    "split": { x, a in x[0].split(a.int("size"), dim: a.int("dim")) },
    "split_sizes": { x, a in x[0].split(sizes: a.ints("sizes")!, dim: a.int("dim")) },
    "chunk": { x, a in x[0].chunk(a.int("chunks"), dim: a.int("dim")) },
    "index": { x, a in [x[0][a.int("index")]] },
    "slice": { x, a in
        let r = a.raw["ranges"]!.array!.map { $0.array!.map { Int($0.number!) } }
        return [x[0][r[0][0]..<r[0][1], r[1][0]..<r[1][1]]]
    },
    "select": { x, a in [x[0].select(dim: a.int("dim"), index: a.int("index"))] },
    "narrow": { x, a in [x[0].narrow(dim: a.int("dim"), start: a.int("start"), length: a.int("length"))] },
    "gather": { x, a in [x[0].gather(dim: a.int("dim"), index: x[1])] },
    "index_select": { x, a in [x[0].indexSelect(dim: a.int("dim"), index: x[1])] },

    "matmul": { x, _ in [x[0].matmul(x[1])] },
    "bmm": { x, _ in [x[0].bmm(x[1])] },
    "softmax": { x, a in [x[0].softmax(dim: a.int("dim"))] },
    "log_softmax": { x, a in [x[0].logSoftmax(dim: a.int("dim"))] },

    "conv2d": { x, a in
        [x[0].conv2d(x[1], bias: a.bool("bias") ? x[2] : nil, stride: a.pair("stride", 1), padding: a.pair("padding", 0),
                     dilation: a.pair("dilation", 1), groups: a.int("groups", 1))]
    },
    "max_pool2d": { x, a in
        let r = x[0].maxPool2dWithIndices(kernelSize: a.pair("kernel", 1), stride: a.ints("stride").map { Pair($0[0], $0[1]) },
                                          padding: a.pair("padding", 0), dilation: a.pair("dilation", 1), ceilMode: a.bool("ceilMode"))
        return [r.values, r.indices]
    },
    "avg_pool2d": { x, a in
        [x[0].avgPool2d(kernelSize: a.pair("kernel", 1), stride: a.ints("stride").map { Pair($0[0], $0[1]) }, padding: a.pair("padding", 0),
                        ceilMode: a.bool("ceilMode"), countIncludePad: a.bool("countIncludePad", true),
                        divisorOverride: a.raw["divisor"] == nil ? nil : a.int("divisor"))]
    },
    "adaptive_avg_pool2d": { x, a in [x[0].adaptiveAvgPool2d(a.pair("size", 1))] },
    "adaptive_max_pool2d": { x, a in let r = x[0].adaptiveMaxPool2d(a.pair("size", 1)); return [r.values, r.indices] },
    "interpolate": { x, a in
        let mode: Tensor.InterpolationMode = a.raw["mode"]?.string == "bilinear" ? .bilinear : .nearest
        let scale = a.raw["scale"]?.number
        return [x[0].interpolate(size: scale == nil ? a.pair("size", 1) : nil, scaleFactor: scale, mode: mode, alignCorners: a.bool("alignCorners"))]
    },
    "batch_norm": { x, a in
        let mean = a.tensor("runningMean"), variance = a.tensor("runningVar")
        let y = x[0].batchNorm(runningMean: mean, runningVar: variance, weight: x[1], bias: x[2], training: a.bool("training"))
        return [y, mean, variance]
    },
    "cross_entropy": { x, a in
        [x[0].crossEntropy(x[1], ignoreIndex: a.int("ignoreIndex", -100), reduction: a.reduction, labelSmoothing: a.float("labelSmoothing"))]
    },
    "nll_loss": { x, a in [x[0].nllLoss(x[1], ignoreIndex: a.int("ignoreIndex", -100), reduction: a.reduction)] },
    "mse_loss": { x, a in [x[0].mseLoss(x[1], reduction: a.reduction)] },
    "bce_with_logits": { x, a in [x[0].binaryCrossEntropyWithLogits(x[1], reduction: a.reduction)] },
]
