import Foundation

extension Tensor {
    /// Runs `body(row, stride)` for every line along `dim`: `size` values `stride` apart.
    func forEachLine(dim d: Int, _ body: (_ start: Int, _ stride: Int, _ size: Int) -> Void) {
        let size = rank == 0 ? 1 : shape[d]
        let inner = rank == 0 ? 1 : shape[(d + 1)...].reduce(1, *)
        let outer = count / Swift.max(size * inner, 1)
        Parallel.forEachChunk(outer * inner, cost: size * 8) { range in
            for line in range { body((line / inner) &* size &* inner &+ line % inner, inner, size) }
        }
    }

    /// exp(x) / Σ exp(x) along `dim`, computed stably.
    ///
    /// ```swift
    /// logits.softmax(dim: 1)
    /// ```
    public func softmax(dim: Int) -> Tensor {
        let d = rank == 0 ? 0 : normalizedDim(dim)
        let values = Kernels.array(count) { out in
            storage.withUnsafeBufferPointer { x in
                forEachLine(dim: d) { start, stride, size in
                    var largest = -Float.infinity
                    for k in 0..<size { largest = Swift.max(largest, x[start &+ k &* stride]) }
                    var total: Float = 0
                    for k in 0..<size {
                        let e = Foundation.exp(x[start &+ k &* stride] - largest)
                        out[start &+ k &* stride] = e
                        total += e
                    }
                    for k in 0..<size { out[start &+ k &* stride] /= total }
                }
            }
        }
        let y = Tensor(storage: values, shape: shape)
        return Self.result(values, shape: shape, op: "SoftmaxBackward0", inputs: [self]) { grad in
            [y * (grad - (grad * y).sum(dims: [d], keepDim: true))]
        }
    }

    /// log(softmax(x)) along `dim`, computed stably.
    ///
    /// ```swift
    /// logits.logSoftmax(dim: 1)
    /// ```
    public func logSoftmax(dim: Int) -> Tensor {
        let d = rank == 0 ? 0 : normalizedDim(dim)
        let values = Kernels.array(count) { out in
            storage.withUnsafeBufferPointer { x in
                forEachLine(dim: d) { start, stride, size in
                    var largest = -Float.infinity
                    for k in 0..<size { largest = Swift.max(largest, x[start &+ k &* stride]) }
                    var total: Float = 0
                    for k in 0..<size { total += Foundation.exp(x[start &+ k &* stride] - largest) }
                    let shift = largest + Foundation.log(total)
                    for k in 0..<size { out[start &+ k &* stride] = x[start &+ k &* stride] - shift }
                }
            }
        }
        let y = Tensor(storage: values, shape: shape)
        return Self.result(values, shape: shape, op: "LogSoftmaxBackward0", inputs: [self]) { grad in
            [grad - y.exp() * grad.sum(dims: [d], keepDim: true)]
        }
    }
}
