extension Tensor {
    /// The same values with a new shape; one dimension may be -1 (inferred). Since Lumen's
    /// tensors are always contiguous, `reshape` and `view` are the same op.
    ///
    /// ```swift
    /// Tensor.arange(6).reshape([2, -1])   // shape [2, 3]
    /// ```
    public func reshape(_ newShape: [Int]) -> Tensor {
        var target = newShape
        if let unknown = target.firstIndex(of: -1) {
            let known = target.enumerated().filter { $0.offset != unknown }.reduce(1) { $0 * $1.element }
            precondition(known > 0 && count % known == 0, "shape '\(newShape)' is invalid for input of size \(count)")
            target[unknown] = count / known
        }
        precondition(target.reduce(1, *) == count, "shape '\(newShape)' is invalid for input of size \(count)")
        let input = self
        return Self.result(storage, shape: target, op: "ViewBackward0", inputs: [self], savesTensors: false) { grad in
            [Tensor(storage: grad.storage, shape: input.shape)]
        }
    }

    /// The same as ``reshape(_:)`` (every Lumen tensor is contiguous).
    ///
    /// ```swift
    /// x.view([-1])
    /// ```
    public func view(_ newShape: [Int]) -> Tensor { reshape(newShape) }

    /// Dimensions `startDim...endDim` merged into one.
    ///
    /// ```swift
    /// images.flatten(startDim: 1)   // [N, C, H, W] → [N, C·H·W]
    /// ```
    public func flatten(startDim: Int = 0, endDim: Int = -1) -> Tensor {
        if rank == 0 { return reshape([1]) }
        let start = normalizedDim(startDim), end = normalizedDim(endDim)
        let merged = shape[start...end].reduce(1, *)
        return reshape(Array(shape[..<start]) + [merged] + Array(shape[(end + 1)...]))
    }

    /// Dimension `dim` removed when its size is 1 (else the tensor unchanged).
    ///
    /// ```swift
    /// Tensor.zeros([2, 1, 3]).squeeze(dim: 1).shape   // [2, 3]
    /// ```
    public func squeeze(dim: Int) -> Tensor {
        let d = normalizedDim(dim)
        guard rank > 0, shape[d] == 1 else { return reshaped(shape, name: "SqueezeBackward1") }
        var target = shape
        target.remove(at: d)
        return reshaped(target, name: "SqueezeBackward1")
    }

    /// Every dimension of size 1 removed.
    ///
    /// ```swift
    /// Tensor.zeros([1, 3, 1]).squeeze().shape   // [3]
    /// ```
    public func squeeze() -> Tensor { reshaped(shape.filter { $0 != 1 }, name: "SqueezeBackward0") }

    /// A dimension of size 1 inserted at `dim`.
    ///
    /// ```swift
    /// Tensor([1, 2]).unsqueeze(dim: 0).shape   // [1, 2]
    /// ```
    public func unsqueeze(dim: Int) -> Tensor {
        let d = normalizedDim(dim, rank: rank + 1)
        var target = shape
        target.insert(1, at: d)
        return reshaped(target, name: "UnsqueezeBackward0")
    }

    private func reshaped(_ target: [Int], name: String) -> Tensor {
        let input = self
        return Self.result(storage, shape: target, op: name, inputs: [self], savesTensors: false) { grad in
            [Tensor(storage: grad.storage, shape: input.shape)]
        }
    }

    /// The dimensions reordered: dimension `i` of the result is `dims[i]` of this tensor.
    ///
    /// ```swift
    /// images.permute([0, 2, 3, 1])   // NCHW → NHWC
    /// ```
    public func permute(_ dims: [Int]) -> Tensor {
        let dims = dims.map { normalizedDim($0) }
        precondition(dims.count == rank && Set(dims).count == rank,
                     "permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = \(rank) is not equal to len(dims) = \(dims.count)")
        return permuted(dims, name: "PermuteBackward0")
    }

    /// Dimensions `dim0` and `dim1` swapped.
    ///
    /// ```swift
    /// m.transpose(0, 1)
    /// ```
    public func transpose(_ dim0: Int, _ dim1: Int) -> Tensor {
        var order = Array(0..<rank)
        if rank > 0 { order.swapAt(normalizedDim(dim0), normalizedDim(dim1)) }
        return permuted(order, name: "TransposeBackward0")
    }

    /// The transpose of a matrix (a tensor of rank ≤ 2 unchanged in rank).
    ///
    /// ```swift
    /// Tensor([[1, 2, 3]]).t.shape   // [3, 1]
    /// ```
    public var t: Tensor {
        precondition(rank <= 2, "t() expects a tensor with <= 2 dimensions, but self is \(rank)D")
        return rank < 2 ? transpose(0, 0) : transpose(0, 1)
    }

    private func permuted(_ order: [Int], name: String) -> Tensor {
        let strides = Shape.strides(shape)
        let target = order.map { shape[$0] }
        let values = order == Array(0..<rank) ? storage : Kernels.strided(storage, shape: target, strides: order.map { strides[$0] })
        var inverse = order
        for (i, d) in order.enumerated() { inverse[d] = i }
        return Self.result(values, shape: target, op: name, inputs: [self], savesTensors: false) { grad in
            [grad.permute(inverse)]
        }
    }

    /// This tensor broadcast to `shape` (-1 keeps a size); new dimensions go in front.
    ///
    /// ```swift
    /// Tensor([1, 2]).expand([3, 2])   // three rows of [1, 2]
    /// ```
    public func expand(_ newShape: [Int]) -> Tensor {
        precondition(newShape.count >= rank,
                     "expand: the number of sizes provided (\(newShape.count)) must be greater or equal to the number of dimensions in the tensor (\(rank))")
        let offset = newShape.count - rank
        let target = newShape.enumerated().map { d, size in size == -1 && d >= offset ? shape[d - offset] : size }
        for d in 0..<rank {
            precondition(shape[d] == target[d + offset] || shape[d] == 1,
                         "expand: the expanded size of the tensor (\(target[d + offset])) must match the existing size (\(shape[d])) at non-singleton dimension \(d + offset).  Target sizes: \(newShape).  Tensor sizes: \(shape)")
        }
        let input = self
        return Self.result(Kernels.broadcast(self, to: target), shape: target, op: "ExpandBackward0", inputs: [self], savesTensors: false) { grad in
            [grad.sumToShape(input.shape)]
        }
    }

    /// This tensor: Lumen's tensors are always contiguous, so, as torch's `contiguous()` on a
    /// contiguous tensor, it returns the tensor itself.
    ///
    /// ```swift
    /// let y = x.permute([1, 0]).contiguous()
    /// ```
    public func contiguous() -> Tensor { self }
}
