/// A multi-dimensional array of `Float` on the CPU that records the operations applied to it,
/// so gradients can flow back through them.
///
/// Tensors are contiguous and row-major. `Tensor` is a class, as PyTorch's tensors are
/// references: `.grad`, hooks and the autograd graph belong to one tensor object.
///
/// ### Example
/// ```swift
/// let w = Tensor([1, 2, 3], requiresGrad: true)
/// let loss = (w * w).sum()
/// try loss.backward()
/// print(w.grad!)   // tensor([2., 4., 6.])
/// ```
public final class Tensor {
    /// The size of each dimension; `[]` for a scalar.
    public let shape: [Int]
    /// The values in row-major order.
    var storage: [Float]
    var requiresGradFlag: Bool
    /// The autograd node that produced this tensor; `nil` for leaves.
    public internal(set) var gradFn: GradFn?
    /// The accumulated gradient of a leaf (or of a tensor that called ``retainGrad()``).
    public var grad: Tensor?
    var retainsGrad = false
    /// Hooks on this tensor's gradient (``registerHook(_:)``), made on first registration: most
    /// tensors never get one.
    var gradientHooks: HookList<(Tensor) -> Tensor?>?
    /// Hooks run after a leaf's gradient accumulated (``registerPostAccumulateGradHook(_:)``).
    var postAccumulateGradHooks: HookList<(Tensor) -> Void>?

    init(storage: [Float], shape: [Int], requiresGrad: Bool = false) {
        _ = AllocatorTuning.applied
        precondition(storage.count == shape.reduce(1, *),
                     "shape \(shape) is invalid for input of size \(storage.count)")
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in shape \(shape)")
        self.storage = storage
        self.shape = shape
        self.requiresGradFlag = requiresGrad
    }

    /// A tensor holding `values` (row-major) with the given shape.
    ///
    /// ```swift
    /// let m = Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3])
    /// ```
    public convenience init(_ values: [Float], shape: [Int], requiresGrad: Bool = false) {
        self.init(storage: values, shape: shape, requiresGrad: requiresGrad)
    }

    /// A 1-D tensor holding `values`.
    ///
    /// ```swift
    /// let v = Tensor([1, 2, 3])   // shape [3]
    /// ```
    public convenience init(_ values: [Float], requiresGrad: Bool = false) {
        self.init(storage: values, shape: [values.count], requiresGrad: requiresGrad)
    }

    /// A 2-D tensor from rows of equal length.
    ///
    /// ```swift
    /// let m = Tensor([[1, 2], [3, 4]])   // shape [2, 2]
    /// ```
    public convenience init(_ rows: [[Float]], requiresGrad: Bool = false) {
        let width = rows.first?.count ?? 0
        precondition(rows.allSatisfy { $0.count == width }, "rows of a 2-D tensor must have equal lengths")
        self.init(storage: rows.flatMap { $0 }, shape: [rows.count, width], requiresGrad: requiresGrad)
    }

    /// A 0-dimensional tensor holding one value.
    ///
    /// ```swift
    /// let w = Tensor(1.0, requiresGrad: true)
    /// ```
    public convenience init(_ value: Float, requiresGrad: Bool = false) {
        self.init(storage: [value], shape: [], requiresGrad: requiresGrad)
    }

    /// The number of elements.
    ///
    /// ```swift
    /// Tensor.zeros([2, 3]).count   // 6
    /// ```
    public var count: Int { storage.count }

    /// The number of dimensions.
    ///
    /// ```swift
    /// Tensor.zeros([2, 3]).rank   // 2
    /// ```
    public var rank: Int { shape.count }

    /// The values in row-major order.
    ///
    /// ```swift
    /// Tensor([[1, 2], [3, 4]]).scalars   // [1.0, 2.0, 3.0, 4.0]
    /// ```
    public var scalars: [Float] { storage }

    /// The values in row-major order (as torch's `tolist()` flattened).
    ///
    /// ```swift
    /// Tensor([[1, 2], [3, 4]]).toArray()   // [1.0, 2.0, 3.0, 4.0]
    /// ```
    public func toArray() -> [Float] { storage }

    /// The value of a one-element tensor.
    ///
    /// ```swift
    /// let loss = Tensor([1, 2, 3]).sum()
    /// print(loss.item())   // 6.0
    /// ```
    public func item() -> Float {
        precondition(count == 1, "a Tensor with \(count) elements cannot be converted to Scalar")
        return storage[0]
    }

    /// The size of dimension `dim` (negative counts from the end).
    ///
    /// ```swift
    /// Tensor.zeros([2, 3]).size(-1)   // 3
    /// ```
    public func size(_ dim: Int) -> Int { shape[normalizedDim(dim)] }

    /// Whether gradients are computed for this tensor. Only leaves may change it.
    ///
    /// ```swift
    /// let w = Tensor.randn([3])
    /// w.requiresGrad = true
    /// ```
    public var requiresGrad: Bool {
        get { requiresGradFlag }
        set {
            precondition(gradFn == nil || newValue,
                         "you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().")
            requiresGradFlag = newValue
        }
    }

    /// Whether this tensor is a leaf of the graph: created by the user, or not requiring grad.
    ///
    /// ```swift
    /// Tensor([1], requiresGrad: true).isLeaf   // true
    /// ```
    public var isLeaf: Bool { gradFn == nil }

    /// A tensor sharing these values but cut from the graph (`requiresGrad` false).
    ///
    /// ```swift
    /// let frozen = y.detach()
    /// ```
    public func detach() -> Tensor { Tensor(storage: storage, shape: shape) }

    /// Keeps `.grad` for this non-leaf tensor during ``backward(gradient:retainGraph:)``.
    ///
    /// ```swift
    /// let h = x * 2
    /// h.retainGrad()
    /// ```
    public func retainGrad() {
        precondition(requiresGrad, "can't retain_grad on Tensor that has requires_grad=False")
        if !isLeaf { retainsGrad = true }
    }

    /// Whether ``retainGrad()`` was called on this non-leaf tensor.
    ///
    /// ```swift
    /// h.retainGrad()
    /// h.retainsGradient   // true
    /// ```
    public var retainsGradient: Bool { retainsGrad }

    func normalizedDim(_ dim: Int, rank: Int? = nil) -> Int {
        let rank = rank ?? self.rank
        let bound = Swift.max(rank, 1)
        precondition(dim >= -bound && dim < bound,
                     "Dimension out of range (expected to be in range of [\(-bound), \(bound - 1)], but got \(dim))")
        return dim < 0 ? dim + bound : dim
    }
}
