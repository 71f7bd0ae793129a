extension Tensor {
    /// The values of `length` entries from `start` along `dim`, as a contiguous array.
    func narrowed(dim d: Int, start: Int, length: Int) -> [Float] {
        var target = shape
        target[d] = length
        let strides = Shape.strides(shape)
        return Kernels.strided(storage, offset: start * strides[d], shape: target, strides: strides)
    }

    /// `grad` (shaped like a narrowing of this tensor) placed at `start` along `dim` in zeros.
    func embedding(_ grad: Tensor, dim d: Int, start: Int) -> Tensor {
        let outer = shape[..<d].reduce(1, *), inner = shape[(d + 1)...].reduce(1, *)
        let block = grad.count / Swift.max(outer, 1), full = shape[d] * inner
        var values = [Float](repeating: 0, count: count)
        grad.storage.withUnsafeBufferPointer { src in
            values.withUnsafeMutableBufferPointer { dst in
                for o in 0..<outer {
                    (dst.baseAddress! + o * full + start * inner).update(from: src.baseAddress! + o * block, count: block)
                }
            }
        }
        return Tensor(storage: values, shape: shape)
    }

    func narrow(dim: Int, start: Int, length: Int, op name: String) -> Tensor {
        let d = normalizedDim(dim)
        precondition(start >= 0 && length >= 0 && start + length <= shape[d],
                     "\(name == "SplitBackward0" ? "split" : "narrow"): start (\(start)) + length (\(length)) exceeds dimension size (\(shape[d])).")
        var target = shape
        target[d] = length
        let input = self
        return Self.result(narrowed(dim: d, start: start, length: length), shape: target, op: name, inputs: [self], savesTensors: false) { grad in
            [input.embedding(grad, dim: d, start: start)]
        }
    }

    /// `length` entries from `start` along `dim`.
    ///
    /// ```swift
    /// x.narrow(dim: 1, start: 2, length: 3)
    /// ```
    public func narrow(dim: Int, start: Int, length: Int) -> Tensor {
        narrow(dim: dim, start: start, length: length, op: "SliceBackward0")
    }

    /// The slice at `index` along `dim`, which disappears (negative indices count from the end).
    ///
    /// ```swift
    /// images.select(dim: 1, index: 0)   // the first channel
    /// ```
    public func select(dim: Int, index: Int) -> Tensor {
        let d = normalizedDim(dim)
        let size = shape[d]
        precondition(index >= -size && index < size, "index \(index) is out of bounds for dimension \(d) with size \(size)")
        let i = index < 0 ? index + size : index
        var target = shape
        target.remove(at: d)
        let input = self
        return Self.result(narrowed(dim: d, start: i, length: 1), shape: target, op: "SelectBackward0", inputs: [self], savesTensors: false) { grad in
            [input.embedding(grad, dim: d, start: i)]
        }
    }

    /// The entry at `index` along the first dimension, as `x[0]` in torch.
    ///
    /// ```swift
    /// let firstRow = m[0]
    /// ```
    public subscript(_ index: Int) -> Tensor { select(dim: 0, index: index) }

    /// A slice with one range per leading dimension, as `x[0:2, 1:]` in torch.
    ///
    /// ```swift
    /// let corner = m[0..<2, 1...]
    /// ```
    public subscript(_ ranges: any RangeExpression<Int>...) -> Tensor {
        precondition(ranges.count <= rank, "too many indices for tensor of dimension \(rank)")
        var out = self
        for (d, range) in ranges.enumerated() {
            let bounds = range.relative(to: 0..<shape[d]).clamped(to: 0..<shape[d])
            if bounds != 0..<shape[d] { out = out.narrow(dim: d, start: bounds.lowerBound, length: bounds.count) }
        }
        return out
    }

    /// Values picked along `dim` by `index` (same rank; its sizes bound this tensor's on other
    /// dims): out[i][j] = self[index[i][j]][j] for dim 0, as torch.gather.
    ///
    /// ```swift
    /// logProbs.gather(dim: 1, index: labels.unsqueeze(dim: 1))
    /// ```
    public func gather(dim: Int, index: Tensor) -> Tensor {
        let d = normalizedDim(dim)
        precondition(index.rank == rank && (0..<rank).allSatisfy { $0 == d || index.shape[$0] <= shape[$0] },
                     "gather: index of shape \(index.shape) does not fit input of shape \(shape) along dimension \(d)")
        let offsets = gatherOffsets(dim: d, index: index)
        let values = offsets.map { storage[$0] }
        let input = self
        return Self.result(values, shape: index.shape, op: "GatherBackward0", inputs: [self]) { grad in
            var g = [Float](repeating: 0, count: input.count)
            for (offset, value) in zip(offsets, grad.storage) { g[offset] += value }
            return [Tensor(storage: g, shape: input.shape)]
        }
    }

    /// For each element of `index`, the flat offset in this tensor that gather reads.
    private func gatherOffsets(dim d: Int, index: Tensor) -> [Int] {
        let strides = Shape.strides(shape)
        let indexStrides = Shape.strides(index.shape)
        return (0..<index.count).map { flat in
            var rest = flat, offset = 0
            for k in 0..<rank {
                let i = rest / indexStrides[k]
                rest %= indexStrides[k]
                if k == d {
                    let picked = Int(index.storage[flat])
                    precondition(picked >= 0 && picked < shape[d], "gather: index \(picked) is out of bounds for dimension \(d) with size \(shape[d])")
                    offset += picked * strides[k]
                } else {
                    offset += i * strides[k]
                }
            }
            return offset
        }
    }

    /// The entries listed in the 1-D `index` along `dim`, in that order (`index_select`).
    ///
    /// ```swift
    /// embeddings.indexSelect(dim: 0, index: Tensor([3, 1, 3]))
    /// ```
    public func indexSelect(dim: Int, index: Tensor) -> Tensor {
        let d = normalizedDim(dim)
        precondition(index.rank <= 1, "index_select(): Index is supposed to be a vector")
        let picks = index.storage.map { Int($0) }
        for p in picks { precondition(p >= 0 && p < shape[d], "index out of range in self") }
        let outer = shape[..<d].reduce(1, *), inner = shape[(d + 1)...].reduce(1, *)
        var target = shape
        target[d] = picks.count
        let size = shape[d]
        let values = storage.withUnsafeBufferPointer { x in
            Kernels.array(outer * picks.count * inner) { out in
                for o in 0..<outer {
                    for (j, p) in picks.enumerated() {
                        (out + (o * picks.count + j) * inner).initialize(from: x.baseAddress! + (o * size + p) * inner, count: inner)
                    }
                }
            }
        }
        let input = self
        return Self.result(values, shape: target, op: "IndexSelectBackward0", inputs: [self]) { grad in
            var g = [Float](repeating: 0, count: input.count)
            g.withUnsafeMutableBufferPointer { g in
                grad.storage.withUnsafeBufferPointer { gy in
                    for o in 0..<outer {
                        for (j, p) in picks.enumerated() {
                            let dst = g.baseAddress! + (o * size + p) * inner, src = gy.baseAddress! + (o * picks.count + j) * inner
                            for i in 0..<inner { dst[i] += src[i] }
                        }
                    }
                }
            }
            return [Tensor(storage: g, shape: input.shape)]
        }
    }
}
