import CLumenKernels
extension Tensor {
    /// Dims normalized, sorted and unique; all dims when `dims` is empty.
    func reductionDims(_ dims: [Int]) -> [Int] {
        dims.isEmpty ? Array(0..<rank) : Array(Set(dims.map { normalizedDim($0) })).sorted()
    }

    /// The shape after reducing `dims` (kept as size 1 when `keepDim`).
    func reducedShape(_ dims: [Int], keepDim: Bool) -> [Int] {
        var out: [Int] = []
        for (d, size) in shape.enumerated() {
            if !dims.contains(d) { out.append(size) } else if keepDim { out.append(1) }
        }
        return out
    }

    /// Sums over one dimension viewed as (outer, size, inner), keeping it as size 1. Threads
    /// split the outer rows when there are enough of them; otherwise they split each summed
    /// line (inner = 1) or the inner columns.
    static func sumKernel(_ x: [Float], shape: [Int], dim: Int) -> [Float] {
        let size = shape[dim]
        let inner = shape[(dim + 1)...].reduce(1, *), outer = shape[..<dim].reduce(1, *)
        let splitOuter = outer >= Parallel.threadCount
        return x.withUnsafeBufferPointer { px in
            let px = px.baseAddress
            return Kernels.array(outer &* inner) { out in
                if inner == 1 && splitOuter {
                    Parallel.forEachChunk(outer, cost: size) { range in
                        for o in range { out[o] = rowSum(px.unsafelyUnwrapped + o &* size, size) }
                    }
                } else if inner == 1 {
                    for o in 0..<outer { out[o] = splitSum(px.unsafelyUnwrapped + o &* size, size) }
                } else if splitOuter {
                    Parallel.forEachChunk(outer, cost: size &* inner) { range in
                        for o in range { columnSums(px.unsafelyUnwrapped + o &* size &* inner, size: size, inner: inner, columns: 0..<inner, out + o &* inner) }
                    }
                } else {
                    for o in 0..<outer {
                        Parallel.forEachChunk(inner, cost: size) { columns in
                            columnSums(px.unsafelyUnwrapped + o &* size &* inner, size: size, inner: inner, columns: columns, out + o &* inner)
                        }
                    }
                }
            }
        }
    }

    /// out[i] = Σ_k block[k · inner + i] for the columns i given.
    @inline(__always)
    private static func columnSums(_ block: UnsafePointer<Float>, size: Int, inner: Int, columns: Range<Int>, _ out: UnsafeMutablePointer<Float>) {
        (out + columns.lowerBound).initialize(repeating: 0, count: columns.count)
        for k in 0..<size {
            let src = block + k &* inner
            var i = columns.lowerBound
            while i < columns.upperBound {
                out[i] += src[i]
                i &+= 1
            }
        }
    }

    /// One long contiguous sum split across threads; the partial sums are added in order.
    private static func splitSum(_ p: UnsafePointer<Float>, _ n: Int) -> Float {
        let chunks = Swift.min(Parallel.threadCount, Swift.max(1, n / 32_768))
        var partials = [Float](repeating: 0, count: chunks)
        partials.withUnsafeMutableBufferPointer { partials in
            Parallel.split(n, into: chunks) { chunk, range in
                partials[chunk] = rowSum(p + range.lowerBound, range.count)
            }
        }
        return partials.reduce(0, +)
    }

    /// A contiguous sum with eight running sums (in C, so debug builds run it at speed too).
    @inline(__always)
    static func rowSum(_ p: UnsafePointer<Float>, _ n: Int) -> Float { lumen_sum(p, n) }

    /// The sum over `dims` (all when empty), keeping them as size 1 when `keepDim`.
    ///
    /// ```swift
    /// Tensor([[1, 2], [3, 4]]).sum(dims: [0])   // tensor([4., 6.])
    /// ```
    public func sum(dims: [Int], keepDim: Bool = false) -> Tensor {
        let dims = reductionDims(dims)
        var values = storage, current = shape
        for d in dims.reversed() where current[d] != 1 {
            values = Self.sumKernel(values, shape: current, dim: d)
            current[d] = 1
        }
        let input = self, kept = reducedShape(dims, keepDim: true)
        let name = dims.count == rank && !keepDim ? "SumBackward0" : "SumBackward1"
        return Self.result(values, shape: reducedShape(dims, keepDim: keepDim), op: name, inputs: [self], savesTensors: false) { grad in
            [Tensor(storage: Kernels.broadcast(grad.reshape(kept), to: input.shape), shape: input.shape)]
        }
    }

    /// The sum over one dimension.
    ///
    /// ```swift
    /// x.sum(dim: -1, keepDim: true)
    /// ```
    public func sum(dim: Int, keepDim: Bool = false) -> Tensor { sum(dims: [dim], keepDim: keepDim) }

    /// The sum of all elements, as a 0-dimensional tensor.
    ///
    /// ```swift
    /// Tensor([[1, 2], [3, 4]]).sum()   // tensor(10.)
    /// ```
    public func sum() -> Tensor { sum(dims: []) }

    /// The mean over `dims` (all when empty).
    ///
    /// ```swift
    /// Tensor([[1, 2], [3, 4]]).mean(dims: [1])   // tensor([1.5000, 3.5000])
    /// ```
    public func mean(dims: [Int], keepDim: Bool = false) -> Tensor {
        let dims = reductionDims(dims)
        let n = Float(dims.reduce(1) { $0 * shape[$1] })
        let total = withNoGrad { sum(dims: dims, keepDim: keepDim) }
        let values = Kernels.map(total.storage) { $0 / n }
        let input = self, kept = reducedShape(dims, keepDim: true)
        let name = dims.count == rank && !keepDim ? "MeanBackward0" : "MeanBackward1"
        return Self.result(values, shape: total.shape, op: name, inputs: [self], savesTensors: false) { grad in
            [Tensor(storage: Kernels.broadcast(grad.reshape(kept) / n, to: input.shape), shape: input.shape)]
        }
    }

    /// The mean over one dimension.
    ///
    /// ```swift
    /// x.mean(dim: 0, keepDim: true)
    /// ```
    public func mean(dim: Int, keepDim: Bool = false) -> Tensor { mean(dims: [dim], keepDim: keepDim) }

    /// The mean of all elements.
    ///
    /// ```swift
    /// Tensor([1, 2, 3, 4]).mean()   // tensor(2.5000)
    /// ```
    public func mean() -> Tensor { mean(dims: []) }

    /// The variance over `dims` (all when empty) with Bessel's `correction` (1 = unbiased,
    /// torch's default).
    ///
    /// ```swift
    /// Tensor([1, 2, 3, 4]).var()   // tensor(1.6667)
    /// ```
    public func `var`(dims: [Int] = [], correction: Int = 1, keepDim: Bool = false) -> Tensor {
        let dims = reductionDims(dims)
        let n = dims.reduce(1) { $0 * shape[$1] }
        let divisor = Float(Swift.max(0, n - correction))
        let centered = withNoGrad { self - mean(dims: dims, keepDim: true) }
        let squares = withNoGrad { (centered * centered).sum(dims: dims, keepDim: keepDim) }
        let values = Kernels.map(squares.storage) { $0 / divisor }
        let kept = reducedShape(dims, keepDim: true)
        return Self.result(values, shape: squares.shape, op: "VarBackward0", inputs: [self]) { grad in
            [centered * grad.reshape(kept) * (2 / divisor)]
        }
    }

    /// The variance over one dimension.
    ///
    /// ```swift
    /// x.var(dim: 1, correction: 0)
    /// ```
    public func `var`(dim: Int, correction: Int = 1, keepDim: Bool = false) -> Tensor {
        self.var(dims: [dim], correction: correction, keepDim: keepDim)
    }

    /// The standard deviation over `dims` (all when empty) with Bessel's `correction`.
    ///
    /// ```swift
    /// x.std(dims: [0], keepDim: true)
    /// ```
    public func std(dims: [Int] = [], correction: Int = 1, keepDim: Bool = false) -> Tensor {
        let dims = reductionDims(dims)
        let n = dims.reduce(1) { $0 * shape[$1] }
        let divisor = Float(Swift.max(0, n - correction))
        let variance = withNoGrad { self.var(dims: dims, correction: correction, keepDim: keepDim) }
        let values = Kernels.map(variance.storage) { $0.squareRoot() }
        let kept = reducedShape(dims, keepDim: true)
        let input = self
        return Self.result(values, shape: variance.shape, op: "StdBackward0", inputs: [self]) { grad in
            let deviation = Tensor(storage: values, shape: kept)
            return [(input - input.mean(dims: dims, keepDim: true)) * (grad.reshape(kept) / (deviation * divisor))]
        }
    }

    /// The standard deviation over one dimension.
    ///
    /// ```swift
    /// x.std(dim: 0)
    /// ```
    public func std(dim: Int, correction: Int = 1, keepDim: Bool = false) -> Tensor {
        std(dims: [dim], correction: correction, keepDim: keepDim)
    }
}
