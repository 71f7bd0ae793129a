extension Tensor {
    /// Largest (or smallest) element along `dim` with its index; the first one on ties.
    private func extremum(dim: Int, keepDim: Bool, largest: Bool, op: String) -> (values: Tensor, indices: Tensor) {
        precondition(count > 0, "\(op)(): Expected reduction dim \(dim) to have non-zero size.")
        let d = normalizedDim(dim)
        let size = rank == 0 ? 1 : shape[d]
        let inner = rank == 0 ? 1 : shape[(d + 1)...].reduce(1, *)
        let outer = count / (size * inner)
        var values = [Float](repeating: 0, count: outer * inner)
        var indices = [Float](repeating: 0, count: outer * inner)
        storage.withUnsafeBufferPointer { x in
            values.withUnsafeMutableBufferPointer { values in
                indices.withUnsafeMutableBufferPointer { indices in
                    Parallel.forEachChunk(outer, cost: size &* inner) { range in
                        for o in range {
                            for i in 0..<inner {
                                let line = x.baseAddress! + (o &* size &* inner &+ i)
                                var best = line[0], at = 0
                                for k in 1..<Swift.max(size, 1) {
                                    let v = line[k &* inner]
                                    if (largest ? v > best : v < best) || (v.isNaN && !best.isNaN) { best = v; at = k }
                                }
                                values[o &* inner &+ i] = best
                                indices[o &* inner &+ i] = Float(at)
                            }
                        }
                    }
                }
            }
        }
        let outShape = rank == 0 ? [] : reducedShape([d], keepDim: keepDim)
        let input = self
        let picked = Self.result(values, shape: outShape, op: largest ? "MaxBackward0" : "MinBackward0", inputs: [self]) { grad in
            var g = [Float](repeating: 0, count: input.count)
            for o in 0..<outer {
                for i in 0..<inner {
                    g[(o * size + Int(indices[o * inner + i])) * inner + i] += grad.storage[o * inner + i]
                }
            }
            return [Tensor(storage: g, shape: input.shape)]
        }
        return (picked, Tensor(storage: indices, shape: outShape))
    }

    /// The largest values along `dim` and their indices (`torch.max(x, dim)`).
    ///
    /// ```swift
    /// let (values, indices) = logits.max(dim: 1)
    /// ```
    public func max(dim: Int, keepDim: Bool = false) -> (values: Tensor, indices: Tensor) {
        extremum(dim: dim, keepDim: keepDim, largest: true, op: "max")
    }

    /// The smallest values along `dim` and their indices.
    ///
    /// ```swift
    /// let (values, indices) = x.min(dim: 0, keepDim: true)
    /// ```
    public func min(dim: Int, keepDim: Bool = false) -> (values: Tensor, indices: Tensor) {
        extremum(dim: dim, keepDim: keepDim, largest: false, op: "min")
    }

    /// The index of the largest value along `dim` (as Float values).
    ///
    /// ```swift
    /// let predicted = logits.argmax(dim: 1)
    /// ```
    public func argmax(dim: Int, keepDim: Bool = false) -> Tensor { withNoGrad { max(dim: dim, keepDim: keepDim).indices } }

    /// The index of the smallest value along `dim`.
    ///
    /// ```swift
    /// Tensor([[3, 1], [0, 2]]).argmin(dim: 1)   // tensor([1., 0.])
    /// ```
    public func argmin(dim: Int, keepDim: Bool = false) -> Tensor { withNoGrad { min(dim: dim, keepDim: keepDim).indices } }

    /// The flat index of the largest element.
    ///
    /// ```swift
    /// Tensor([[3, 1], [0, 5]]).argmax()   // tensor(3.)
    /// ```
    public func argmax() -> Tensor { reshape([-1]).argmax(dim: 0) }

    /// The flat index of the smallest element.
    ///
    /// ```swift
    /// Tensor([[3, 1], [0, 5]]).argmin()   // tensor(2.)
    /// ```
    public func argmin() -> Tensor { reshape([-1]).argmin(dim: 0) }

    /// The largest element; its gradient is shared evenly among ties, as torch's.
    ///
    /// ```swift
    /// Tensor([1, 5, 3]).max()   // tensor(5.)
    /// ```
    public func max() -> Tensor { extremumAll(largest: true) }

    /// The smallest element; its gradient is shared evenly among ties.
    ///
    /// ```swift
    /// Tensor([1, 5, 3]).min()   // tensor(1.)
    /// ```
    public func min() -> Tensor { extremumAll(largest: false) }

    private func extremumAll(largest: Bool) -> Tensor {
        precondition(count > 0, "\(largest ? "max" : "min")(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.")
        let best = storage.contains { $0.isNaN } ? Float.nan : (largest ? storage.max()! : storage.min()!)
        let input = self
        return Self.result([best], shape: [], op: largest ? "MaxBackward1" : "MinBackward1", inputs: [self]) { grad in
            let ties = Float(input.storage.reduce(0) { $0 + ($1 == best ? 1 : 0) })
            let share = grad.storage[0] / ties
            return [Tensor(storage: input.storage.map { $0 == best ? share : 0 }, shape: input.shape)]
        }
    }
}
