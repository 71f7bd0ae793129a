import CLumenKernels

/// Element loops shared by the ops: unsafe buffers, wrapping index arithmetic and chunks split
/// across threads, so the compiler vectorizes them.
enum Kernels {
    /// A new array of `count` elements written by `fill` (no zeroing first).
    @inline(__always)
    static func array(_ count: Int, _ fill: (UnsafeMutablePointer<Float>) -> Void) -> [Float] {
        [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0 { fill(buffer.baseAddress!) }
            initialized = count
        }
    }

    /// `f` applied to every element of `a`.
    @inline(__always)
    static func map(_ a: [Float], cost: Int = 1, _ f: (Float) -> Float) -> [Float] {
        let n = a.count
        return a.withUnsafeBufferPointer { pa in
            let pa = pa.baseAddress
            return array(n) { out in
                Parallel.forEachChunk(n, cost: cost) { range in
                    var i = range.lowerBound
                    while i < range.upperBound {
                        out[i] = f(pa.unsafelyUnwrapped[i])
                        i &+= 1
                    }
                }
            }
        }
    }

    /// `f` applied to pairs of elements of two arrays of equal length.
    @inline(__always)
    static func zip(_ a: [Float], _ b: [Float], cost: Int = 1, _ f: (Float, Float) -> Float) -> [Float] {
        let n = a.count
        return a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                let pa = pa.baseAddress, pb = pb.baseAddress
                return array(n) { out in
                    Parallel.forEachChunk(n, cost: cost) { range in
                        var i = range.lowerBound
                        while i < range.upperBound {
                            out[i] = f(pa.unsafelyUnwrapped[i], pb.unsafelyUnwrapped[i])
                            i &+= 1
                        }
                    }
                }
            }
        }
    }

    /// `f` applied to triples of elements of three arrays of equal length.
    @inline(__always)
    static func zip3(_ a: [Float], _ b: [Float], _ c: [Float], _ f: (Float, Float, Float) -> Float) -> [Float] {
        let n = a.count
        return a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeBufferPointer { pc in
                    let pa = pa.baseAddress, pb = pb.baseAddress, pc = pc.baseAddress
                    return array(n) { out in
                        Parallel.forEachChunk(n, cost: 2) { range in
                            var i = range.lowerBound
                            while i < range.upperBound {
                                out[i] = f(pa.unsafelyUnwrapped[i], pb.unsafelyUnwrapped[i], pc.unsafelyUnwrapped[i])
                                i &+= 1
                            }
                        }
                    }
                }
            }
        }
    }

    /// `f` over two tensors broadcast to `shape`: rows of the last dimension are read through
    /// broadcast strides (0 on broadcast axes).
    @inline(__always)
    static func broadcastZip(_ a: Tensor, _ b: Tensor, shape: [Int], fast: Fast? = nil, _ f: (Float, Float) -> Float) -> [Float] {
        let n = shape.reduce(1, *)
        if a.shape == shape && b.shape == shape {
            return if let fast { Kernels.fast(fast, a.storage, b.storage) } else { zip(a.storage, b.storage, f) }
        }
        // Fewer, longer rows: a bias over [N, C, H, W] walks rows of H · W, a scalar one row.
        let walk = Shape.coalesced(shape, strides: [Shape.broadcastStrides(a.shape, to: shape), Shape.broadcastStrides(b.shape, to: shape)])
        let shape = walk.shape, sa = walk.strides[0], sb = walk.strides[1]
        let rank = shape.count
        let rows = RowPieces(width: shape[rank - 1], count: n)
        let lastA = sa[rank - 1], lastB = sb[rank - 1]
        return a.storage.withUnsafeBufferPointer { pa in
            b.storage.withUnsafeBufferPointer { pb in
                let pa = pa.baseAddress, pb = pb.baseAddress
                return array(n) { out in
                    Parallel.forEachChunk(rows.pieces, cost: rows.pieceWidth) { range in
                        for piece in range {
                            let (row, start, width) = rows[piece]
                            var rest = row, offsetA = start &* lastA, offsetB = start &* lastB
                            var d = rank - 2
                            while d >= 0 {
                                let index = rest % shape[d]
                                rest /= shape[d]
                                offsetA &+= index &* sa[d]
                                offsetB &+= index &* sb[d]
                                d -= 1
                            }
                            let o = out + (row &* rows.width &+ start)
                            let x = pa.unsafelyUnwrapped + offsetA, y = pb.unsafelyUnwrapped + offsetB
                            if fastRow(fast, x, strideX: lastA, y, strideY: lastB, o, width) { continue }
                            var i = 0
                            while i < width {
                                o[i] = f(x[i &* lastA], y[i &* lastB])
                                i &+= 1
                            }
                        }
                    }
                }
            }
        }
    }

    /// Rows of a walk cut into pieces of at most 32,768 elements, so that a walk coalesced into
    /// a few long rows still splits across threads. Piece `p` is (row, first column, width).
    struct RowPieces {
        let width: Int, pieceWidth: Int, perRow: Int, pieces: Int

        init(width: Int, count: Int) {
            self.width = width
            pieceWidth = Swift.max(1, Swift.min(width, 32_768))
            perRow = width == 0 ? 0 : (width + pieceWidth - 1) / pieceWidth
            pieces = width == 0 ? 0 : count / width * perRow
        }

        subscript(piece: Int) -> (row: Int, start: Int, width: Int) {
            let row = piece / perRow, start = piece % perRow &* pieceWidth
            return (row, start, Swift.min(pieceWidth, width &- start))
        }
    }

    /// The values of `a` broadcast to `shape`, materialized.
    static func broadcast(_ a: Tensor, to shape: [Int]) -> [Float] {
        if a.shape == shape { return a.storage }
        return strided(a.storage, shape: shape, strides: Shape.broadcastStrides(a.shape, to: shape))
    }

    /// Materializes a strided view of `source`: element (i₀, …) of `shape` is read at
    /// `offset + Σ iₖ · strides[k]`. Permutes, expands and slices all come down to this.
    static func strided(_ source: [Float], offset: Int = 0, shape: [Int], strides: [Int]) -> [Float] {
        let n = shape.reduce(1, *)
        if shape.isEmpty { return [source[offset]] }
        if n == 0 { return [] }
        let walk = Shape.coalesced(shape, strides: [strides])
        let shape = walk.shape, strides = walk.strides[0], rank = shape.count
        let step = strides[rank - 1], rows = RowPieces(width: shape[rank - 1], count: n)
        return source.withUnsafeBufferPointer { src in
            let src = src.baseAddress
            return array(n) { out in
                Parallel.forEachChunk(rows.pieces, cost: rows.pieceWidth) { range in
                    for piece in range {
                        let (row, start, width) = rows[piece]
                        var rest = row, at = offset &+ start &* step
                        var d = rank - 2
                        while d >= 0 {
                            at &+= (rest % shape[d]) &* strides[d]
                            rest /= shape[d]
                            d -= 1
                        }
                        let o = out + (row &* rows.width &+ start), x = src.unsafelyUnwrapped + at
                        if step == 1 {
                            o.update(from: x, count: width)
                        } else if step == 0 {
                            o.update(repeating: x[0], count: width)
                        } else {
                            var i = 0
                            while i < width {
                                o[i] = x[i &* step]
                                i &+= 1
                            }
                        }
                    }
                }
            }
        }
    }

    /// The hottest element-wise ops, each with its own concrete loop: a closure called per
    /// element through a thread hand-off is not inlined, and would not vectorize.
    enum Fast {
        case add, sub, mul, div, relu, neg, scale(Float), shift(Float)
        /// The gradient through relu: the first array where the second (relu's output) is > 0.
        case reluGradient
    }

    /// `op` over one array (unary ops) or two arrays of equal length (binary ops). Outputs too
    /// large to stay in the cache are written with streaming stores (``Streaming``).
    static func fast(_ op: Fast, _ a: [Float], _ b: [Float]? = nil) -> [Float] {
        let n = a.count
        let second = b ?? []
        let streams = Streaming.pays(elements: n, arrays: b == nil ? 2 : 3)
        return a.withUnsafeBufferPointer { pa in
            second.withUnsafeBufferPointer { pb in
                let x = pa.baseAddress, y = pb.baseAddress
                return array(n) { out in
                    Parallel.forEachChunk(n) { range in
                        let u = x.unsafelyUnwrapped + range.lowerBound, v = y.map { $0 + range.lowerBound }
                        let o = out + range.lowerBound
                        fastLoop(op, u, v, o, range.count, streaming: streams)
                    }
                }
            }
        }
    }

    /// `op` over `count` elements: o[i] = u[i] ∘ v[i] (or ∘ u[i] for unary ops), through the
    /// C loops of CLumenKernels (AVX2 when the CPU has it; with `streaming`, non-temporal
    /// stores, see ``Streaming``).
    @inline(__always)
    static func fastLoop(
        _ op: Fast, _ u: UnsafePointer<Float>, _ v: UnsafePointer<Float>?, _ o: UnsafeMutablePointer<Float>, _ count: Int,
        streaming: Bool = false
    ) {
        let (code, scalar): (lumen_op, Float) = switch op {
        case .add: (LUMEN_ADD, 0)
        case .sub: (LUMEN_SUB, 0)
        case .mul: (LUMEN_MUL, 0)
        case .div: (LUMEN_DIV, 0)
        case .relu: (LUMEN_RELU, 0)
        case .neg: (LUMEN_NEG, 0)
        case .scale(let s): (LUMEN_SCALE, s)
        case .shift(let s): (LUMEN_SHIFT, s)
        case .reluGradient: (LUMEN_RELU_GRADIENT, 0)
        }
        lumen_elementwise(code, u, v, scalar, o, count, streaming ? 1 : 0)
    }

    /// The concrete loop for one broadcast row of a binary `op`, when there is one: both
    /// operands running along the row, or one of them a single value (for +, − and ×, whose
    /// results are then exactly those of a shift or a scale).
    @inline(__always)
    static func fastRow(_ op: Fast?, _ x: UnsafePointer<Float>, strideX: Int, _ y: UnsafePointer<Float>, strideY: Int,
                        _ o: UnsafeMutablePointer<Float>, _ count: Int) -> Bool {
        guard let op else { return false }
        switch (op, strideX, strideY) {
        case (_, 1, 1): fastLoop(op, x, y, o, count)
        case (.add, 1, 0): fastLoop(.shift(y[0]), x, nil, o, count)
        case (.sub, 1, 0): fastLoop(.shift(-y[0]), x, nil, o, count)
        case (.mul, 1, 0): fastLoop(.scale(y[0]), x, nil, o, count)
        case (.add, 0, 1): fastLoop(.shift(x[0]), y, nil, o, count)
        case (.mul, 0, 1): fastLoop(.scale(x[0]), y, nil, o, count)
        default: return false
        }
        return true
    }
}
