/// How an element-wise op of one tensor turns its output's gradient `g` into its input's,
/// stated by the op beside its forward: the general rule multiplies `g` by the derivative in one
/// loop; the hottest ops name a concrete loop of ``Kernels/Fast`` instead.
enum UnaryGradient {
    /// `g · derivative(x, y)`, with `x` the input and `y` the output.
    case derivative((_ x: Float, _ y: Float) -> Float)
    /// `g` itself: the derivative is 1 everywhere (a shift).
    case unchanged
    /// `g` through one concrete loop (a negation or a scale).
    case kernel(Kernels.Fast)
    /// `g` where the output is positive and zero elsewhere (relu).
    case whereOutputPositive
}
