extension Tensor {
    /// C[i] = op(A[i]) · op(B[i]) for each of `batch` matrices stored back to back, through
    /// the GEMM backend. op(A) is n×k and op(B) is k×m; a batch stride of 0 reuses a matrix.
    static func batchedGemm(
        _ a: [Float], _ b: [Float], batch: Int, n: Int, k: Int, m: Int,
        transposeA: Bool = false, transposeB: Bool = false, strideA: Int? = nil, strideB: Int? = nil
    ) -> [Float] {
        let strideA = strideA ?? n * k, strideB = strideB ?? k * m
        return a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                Kernels.array(batch * n * m) { out in
                    guard k > 0 else {
                        out.initialize(repeating: 0, count: batch * n * m)
                        return
                    }
                    for i in 0..<batch {
                        BLAS.sgemm(transposeA: transposeA, transposeB: transposeB, m: n, n: m, k: k,
                                   pa.baseAddress! + i * strideA, lda: transposeA ? n : k,
                                   pb.baseAddress! + i * strideB, ldb: transposeB ? k : m,
                                   beta: 0, out + i * n * m, ldc: m)
                    }
                }
            }
        }
    }

    /// A (batch of) product(s) with its backward: gradients are g·Bᵀ and Aᵀ·g.
    private static func product(_ a: Tensor, _ b: Tensor, batch: Int, n: Int, k: Int, m: Int, op name: String, shape: [Int]) -> Tensor {
        let values = batchedGemm(a.storage, b.storage, batch: batch, n: n, k: k, m: m)
        let needA = a.requiresGrad, needB = b.requiresGrad
        return result(values, shape: shape, op: name, inputs: [a, b]) { grad in
            let ga = needA ? Tensor(storage: batchedGemm(grad.storage, b.storage, batch: batch, n: n, k: m, m: k, transposeB: true), shape: a.shape) : nil
            let gb = needB ? Tensor(storage: batchedGemm(a.storage, grad.storage, batch: batch, n: k, k: n, m: m, transposeA: true), shape: b.shape) : nil
            return [ga, gb]
        }
    }

    /// The matrix product of two 2-D tensors.
    ///
    /// ```swift
    /// Tensor([[1, 2], [3, 4]]).mm(Tensor.eye(2))
    /// ```
    public func mm(_ other: Tensor) -> Tensor {
        precondition(rank == 2 && other.rank == 2 && shape[1] == other.shape[0],
                     "mm: mat1 and mat2 shapes cannot be multiplied (\(shapeText) and \(other.shapeText))")
        return Self.product(self, other, batch: 1, n: shape[0], k: shape[1], m: other.shape[1], op: "MmBackward0", shape: [shape[0], other.shape[1]])
    }

    /// The batched matrix product of two 3-D tensors of the same batch size.
    ///
    /// ```swift
    /// Tensor.randn([8, 2, 3]).bmm(Tensor.randn([8, 3, 4]))   // [8, 2, 4]
    /// ```
    public func bmm(_ other: Tensor) -> Tensor {
        precondition(rank == 3 && other.rank == 3 && shape[0] == other.shape[0] && shape[2] == other.shape[1],
                     "bmm: shapes \(shape) and \(other.shape) cannot be multiplied")
        return Self.product(self, other, batch: shape[0], n: shape[1], k: shape[2], m: other.shape[2],
                            op: "BmmBackward0", shape: [shape[0], shape[1], other.shape[2]])
    }

    var shapeText: String { shape.map(String.init).joined(separator: "x") }

    /// The matrix product with torch's rules: 1-D · 1-D is a dot product, 1-D operands gain and
    /// lose a dimension, and batch dimensions broadcast.
    ///
    /// ```swift
    /// let y = x.matmul(w)   // [B, n, k] · [k, m] → [B, n, m]
    /// ```
    public func matmul(_ other: Tensor) -> Tensor {
        precondition(rank > 0 && other.rank > 0, "both arguments to matmul need to be at least 1D, but they are \(rank)D and \(other.rank)D")
        let k = shape[rank - 1], otherK = other.rank == 1 ? other.shape[0] : other.shape[other.rank - 2]
        precondition(k == otherK, "matmul: shapes \(shape) and \(other.shape) cannot be multiplied")
        switch (rank, other.rank) {
        case (1, 1):
            return Self.product(self, other, batch: 1, n: 1, k: k, m: 1, op: "DotBackward0", shape: [])
        case (2, 2):
            return mm(other)
        case (2, 1):
            return Self.product(self, other, batch: 1, n: shape[0], k: k, m: 1, op: "MvBackward0", shape: [shape[0]])
        case (1, _):
            return unsqueeze(dim: 0).matmul(other).squeeze(dim: -2)
        case (_, 1):
            return matmul(other.unsqueeze(dim: -1)).squeeze(dim: -1)
        case (_, 2):
            return reshape([-1, k]).mm(other).reshape(Array(shape.dropLast()) + [other.shape[1]])
        default:
            let n = shape[rank - 2], m = other.shape[other.rank - 1]
            let batch = Shape.broadcast(Array(shape.dropLast(2)), Array(other.shape.dropLast(2)), op: "matmul")
            let a = expandedIfNeeded(batch + [n, k]).reshape([-1, n, k])
            let b = other.expandedIfNeeded(batch + [k, m]).reshape([-1, k, m])
            return a.bmm(b).reshape(batch + [n, m])
        }
    }

    private func expandedIfNeeded(_ target: [Int]) -> Tensor { shape == target ? self : expand(target) }
}
