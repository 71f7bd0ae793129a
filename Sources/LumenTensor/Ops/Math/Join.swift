extension Tensor {
    /// Tensors joined along an existing dimension.
    ///
    /// ```swift
    /// Tensor.cat([a, b], dim: 0)   // [2, 3] and [4, 3] → [6, 3]
    /// ```
    public static func cat(_ tensors: [Tensor], dim: Int = 0) -> Tensor {
        precondition(!tensors.isEmpty, "torch.cat(): expected a non-empty list of Tensors")
        let first = tensors[0]
        let d = first.normalizedDim(dim)
        for t in tensors {
            precondition(t.rank == first.rank && (0..<first.rank).allSatisfy { $0 == d || t.shape[$0] == first.shape[$0] },
                         "cat: shapes \(first.shape) and \(t.shape) cannot be joined along dimension \(d)")
        }
        return joined(tensors, dim: d, shape: first.shape, op: "CatBackward0")
    }

    /// Tensors of equal shape joined along a new dimension.
    ///
    /// ```swift
    /// Tensor.stack([a, b], dim: 0)   // two [3] → [2, 3]
    /// ```
    public static func stack(_ tensors: [Tensor], dim: Int = 0) -> Tensor {
        precondition(!tensors.isEmpty, "stack expects a non-empty TensorList")
        let first = tensors[0]
        for t in tensors {
            precondition(t.shape == first.shape, "stack expects each tensor to be equal size, but got \(first.shape) at entry 0 and \(t.shape)")
        }
        let d = first.normalizedDim(dim, rank: first.rank + 1)
        var unit = first.shape
        unit.insert(1, at: d)
        return joined(tensors, dim: d, shape: unit, op: "StackBackward0")
    }

    /// Joins along `dim`; each tensor is read as (outer, its size along `dim` × inner).
    private static func joined(_ tensors: [Tensor], dim d: Int, shape: [Int], op name: String) -> Tensor {
        let outer = shape[..<d].reduce(1, *), inner = shape[(d + 1)...].reduce(1, *)
        let sizes = tensors.map { $0.count / Swift.max(outer * inner, 1) }
        let total = sizes.reduce(0, +)
        var outShape = shape
        outShape[d] = total
        var values = [Float](repeating: 0, count: outer * total * inner)
        var offset = 0
        for (t, size) in zip(tensors, sizes) {
            let block = size * inner
            t.storage.withUnsafeBufferPointer { src in
                values.withUnsafeMutableBufferPointer { dst in
                    for o in 0..<outer {
                        (dst.baseAddress! + o * total * inner + offset).update(from: src.baseAddress! + o * block, count: block)
                    }
                }
            }
            offset += block
        }
        return result(values, shape: outShape, op: name, inputs: tensors, savesTensors: false) { grad in
            var start = 0
            return zip(tensors, sizes).map { t, size in
                defer { start += size }
                return Tensor(storage: grad.narrowed(dim: d, start: start, length: size), shape: t.shape)
            }
        }
    }

    /// Pieces of `size` along `dim` (the last may be smaller).
    ///
    /// ```swift
    /// Tensor.arange(5).split(2)   // [0, 1], [2, 3], [4]
    /// ```
    public func split(_ size: Int, dim: Int = 0) -> [Tensor] {
        precondition(size > 0, "split_size can only be 0 if dimension size is 0, but got dimension size of \(self.size(dim))")
        let total = self.size(dim)
        let sizes = stride(from: 0, to: total, by: size).map { Swift.min(size, total - $0) }
        return split(sizes: sizes, dim: dim)
    }

    /// Pieces of the given sizes along `dim`; they must add up to its size.
    ///
    /// ```swift
    /// x.split(sizes: [1, 3], dim: 1)
    /// ```
    public func split(sizes: [Int], dim: Int = 0) -> [Tensor] {
        let d = normalizedDim(dim)
        precondition(sizes.reduce(0, +) == shape[d],
                     "split_with_sizes expects split_sizes to sum exactly to \(shape[d]) (input tensor's size at dimension \(d)), but got split_sizes=\(sizes)")
        var start = 0
        return sizes.map { size in
            defer { start += size }
            return narrow(dim: d, start: start, length: size, op: "SplitBackward0")
        }
    }

    /// `chunks` pieces of equal size along `dim` (the last may be smaller), as torch.chunk.
    ///
    /// ```swift
    /// let (q, k) = { let p = x.chunk(2, dim: -1); return (p[0], p[1]) }()
    /// ```
    public func chunk(_ chunks: Int, dim: Int = 0) -> [Tensor] {
        precondition(chunks > 0, "chunk expects `chunks` to be greater than 0, got: \(chunks)")
        let total = size(dim)
        return split(Swift.max(1, (total + chunks - 1) / chunks), dim: dim)
    }
}
