import Foundation

extension Tensor {
    /// An element-wise op on two tensors broadcast together; the rule's gradients are summed
    /// back to each input's shape.
    @inline(__always)
    static func binary(
        _ a: Tensor, _ b: Tensor, op name: String, gradName: String, savesTensors: Bool = true, fast: Kernels.Fast? = nil,
        _ f: (Float, Float) -> Float, rule: @escaping (Tensor) -> (Tensor?, Tensor?)
    ) -> Tensor {
        let shape = Shape.broadcast(a.shape, b.shape, op: name)
        let values = Kernels.broadcastZip(a, b, shape: shape, fast: fast, f)
        return result(values, shape: shape, op: gradName, inputs: [a, b], savesTensors: savesTensors) { grad in
            let (ga, gb) = rule(grad)
            return [ga?.sumToShape(a.shape), gb?.sumToShape(b.shape)]
        }
    }

    /// An element-wise op on one tensor, y = f(x) (or the concrete loop `fast`), whose input
    /// gradient follows `gradient`.
    @inline(__always)
    static func unary(
        _ x: Tensor, op name: String, savesTensors: Bool = true, cost: Int = 1, fast: Kernels.Fast? = nil,
        _ f: (Float) -> Float, gradient: UnaryGradient
    ) -> Tensor {
        let values = if let fast { Kernels.fast(fast, x.storage) } else { Kernels.map(x.storage, cost: cost, f) }
        return result(values, shape: x.shape, op: name, inputs: [x], savesTensors: savesTensors) { grad in
            let g: [Float] = switch gradient {
            case .derivative(let derivative): Kernels.zip3(grad.storage, x.storage, values) { g, x, y in g * derivative(x, y) }
            case .unchanged: grad.storage
            case .kernel(let loop): Kernels.fast(loop, grad.storage)
            case .whereOutputPositive: Kernels.fast(.reluGradient, grad.storage, values)
            }
            return [Tensor(storage: g, shape: x.shape)]
        }
    }

    /// An element-wise op on one tensor, y = f(x), whose input gradient is `g · derivative(x, y)`
    /// (``UnaryGradient/derivative(_:)``, the rule of most ops).
    @inline(__always)
    static func unary(
        _ x: Tensor, op name: String, savesTensors: Bool = true, cost: Int = 1,
        _ f: (Float) -> Float, derivative: @escaping (_ x: Float, _ y: Float) -> Float
    ) -> Tensor {
        unary(x, op: name, savesTensors: savesTensors, cost: cost, f, gradient: .derivative(derivative))
    }

    /// Element-wise sum with broadcasting.
    ///
    /// ```swift
    /// Tensor([[1, 2], [3, 4]]) + Tensor([10, 20])   // tensor([[11., 22.], [13., 24.]])
    /// ```
    public static func + (a: Tensor, b: Tensor) -> Tensor {
        binary(a, b, op: "add", gradName: "AddBackward0", savesTensors: false, fast: .add, { $0 + $1 }) { ($0, $0) }
    }

    /// Element-wise difference with broadcasting.
    ///
    /// ```swift
    /// Tensor([[5, 6]]) - Tensor([[1], [2]])   // tensor([[4., 5.], [3., 4.]])
    /// ```
    public static func - (a: Tensor, b: Tensor) -> Tensor {
        binary(a, b, op: "sub", gradName: "SubBackward0", savesTensors: false, fast: .sub, { $0 - $1 }) { ($0, -$0) }
    }

    /// Element-wise product with broadcasting.
    ///
    /// ```swift
    /// Tensor([1, 2]) * Tensor([3, 4])   // tensor([3., 8.])
    /// ```
    public static func * (a: Tensor, b: Tensor) -> Tensor {
        binary(a, b, op: "mul", gradName: "MulBackward0", fast: .mul, { $0 * $1 }) { ($0 * b, $0 * a) }
    }

    /// Element-wise quotient with broadcasting.
    ///
    /// ```swift
    /// Tensor([3, 8]) / Tensor([3, 4])   // tensor([1., 2.])
    /// ```
    public static func / (a: Tensor, b: Tensor) -> Tensor {
        binary(a, b, op: "div", gradName: "DivBackward0", fast: .div, { $0 / $1 }) { g in (g / b, -g * a / (b * b)) }
    }

    /// Element-wise power with broadcasting (`torch.pow(a, b)`).
    ///
    /// ```swift
    /// Tensor([2, 3]).pow(Tensor([3, 2]))   // tensor([8., 9.])
    /// ```
    public func pow(_ exponent: Tensor) -> Tensor {
        let base = self
        return Self.binary(base, exponent, op: "pow", gradName: "PowBackward1", { Foundation.pow($0, $1) }) { g in
            let gBase = Tensor(storage: Kernels.broadcastZip(base, exponent, shape: g.shape) { x, p in
                p == 0 ? 0 : p * Foundation.pow(x, p - 1)
            }, shape: g.shape) * g
            // torch masks log(0) where the power is defined: d/dp 0^p = 0 for p >= 0.
            let gExponent = Tensor(storage: Kernels.broadcastZip(base, exponent, shape: g.shape) { x, p in
                x == 0 && p >= 0 ? 0 : Foundation.pow(x, p) * Foundation.log(x)
            }, shape: g.shape) * g
            return (gBase, gExponent)
        }
    }

    /// Each element raised to `exponent`.
    ///
    /// ```swift
    /// Tensor([1, 2, 3]).pow(2)   // tensor([1., 4., 9.])
    /// ```
    public func pow(_ exponent: Float) -> Tensor {
        if exponent == 2 {
            return Self.unary(self, op: "PowBackward0", { $0 * $0 }) { x, _ in 2 * x }
        }
        return Self.unary(self, op: "PowBackward0", cost: 8, { Foundation.pow($0, exponent) }) { x, _ in
            exponent == 0 ? 0 : exponent * Foundation.pow(x, exponent - 1)
        }
    }

    /// `base` raised to each element (`torch.pow(scalar, tensor)`).
    ///
    /// ```swift
    /// Tensor.pow(2, Tensor([0, 3]))   // tensor([1., 8.])
    /// ```
    public static func pow(_ base: Float, _ exponent: Tensor) -> Tensor {
        unary(exponent, op: "PowBackward2", cost: 8, { Foundation.pow(base, $0) }) { _, y in y * Foundation.log(base) }
    }

    /// Adds a scalar to every element.
    ///
    /// ```swift
    /// Tensor([1, 2]) + 1   // tensor([2., 3.])
    /// ```
    public static func + (a: Tensor, s: Float) -> Tensor {
        unary(a, op: "AddBackward0", savesTensors: false, fast: .shift(s), { $0 + s }, gradient: .unchanged)
    }

    /// Adds a scalar to every element.
    ///
    /// ```swift
    /// 1 + Tensor([1, 2])   // tensor([2., 3.])
    /// ```
    public static func + (s: Float, a: Tensor) -> Tensor { a + s }

    /// Subtracts a scalar from every element.
    ///
    /// ```swift
    /// Tensor([1, 2]) - 1   // tensor([0., 1.])
    /// ```
    public static func - (a: Tensor, s: Float) -> Tensor {
        unary(a, op: "SubBackward0", savesTensors: false, fast: .shift(-s), { $0 - s }, gradient: .unchanged)
    }

    /// Subtracts every element from a scalar.
    ///
    /// ```swift
    /// 1 - Tensor([1, 2])   // tensor([ 0., -1.])
    /// ```
    public static func - (s: Float, a: Tensor) -> Tensor {
        unary(a, op: "RsubBackward1", savesTensors: false, { s - $0 }) { _, _ in -1 }
    }

    /// Multiplies every element by a scalar.
    ///
    /// ```swift
    /// Tensor([1, 2]) * 3   // tensor([3., 6.])
    /// ```
    public static func * (a: Tensor, s: Float) -> Tensor {
        unary(a, op: "MulBackward0", fast: .scale(s), { $0 * s }, gradient: .kernel(.scale(s)))
    }

    /// Multiplies every element by a scalar.
    ///
    /// ```swift
    /// 3 * Tensor([1, 2])   // tensor([3., 6.])
    /// ```
    public static func * (s: Float, a: Tensor) -> Tensor { a * s }

    /// Divides every element by a scalar.
    ///
    /// ```swift
    /// Tensor([2, 4]) / 2   // tensor([1., 2.])
    /// ```
    public static func / (a: Tensor, s: Float) -> Tensor {
        unary(a, op: "DivBackward0", { $0 / s }) { _, _ in 1 / s }
    }

    /// Divides a scalar by every element.
    ///
    /// ```swift
    /// 1 / Tensor([2, 4])   // tensor([0.5000, 0.2500])
    /// ```
    public static func / (s: Float, a: Tensor) -> Tensor {
        unary(a, op: "DivBackward0", { s / $0 }) { x, _ in -s / (x * x) }
    }

    /// Each element negated.
    ///
    /// ```swift
    /// -Tensor([1, -2])   // tensor([-1.,  2.])
    /// ```
    public static prefix func - (a: Tensor) -> Tensor {
        unary(a, op: "NegBackward0", savesTensors: false, fast: .neg, { -$0 }, gradient: .kernel(.neg))
    }
}
