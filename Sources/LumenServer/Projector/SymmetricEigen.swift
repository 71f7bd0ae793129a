/// The largest eigenvalues of a symmetric matrix and their eigenvectors, to Double precision:
/// Householder reduction to tridiagonal form, bisection on the tridiagonal matrix's Sturm
/// sequence for each eigenvalue, inverse iteration for its eigenvector, and the reflectors
/// applied back to it. Only the wanted pairs are computed, so it costs the reduction
/// (≈ 4/3·n³ flops) and little more.
enum SymmetricEigen {
    /// One eigenpair; `vector` has unit length.
    struct Pair {
        let value: Double
        let vector: [Double]
    }

    /// The `count` largest eigenpairs of the symmetric `n`×`n` row-major `matrix`, largest first.
    static func largest(_ count: Int, of matrix: [Double], n: Int) -> [Pair] {
        precondition(matrix.count == n * n && count <= n)
        var a = matrix
        let (diagonal, offDiagonal, reflectors) = tridiagonalize(&a, n: n)
        var found: [[Double]] = []
        var pairs: [Pair] = []
        for rank in 0..<count {
            let value = eigenvalue(ascendingIndex: n - 1 - rank, diagonal: diagonal, offDiagonal: offDiagonal)
            let y = tridiagonalEigenvector(value, diagonal: diagonal, offDiagonal: offDiagonal, orthogonalTo: found)
            found.append(y)
            pairs.append(Pair(value: value, vector: applyReflectors(reflectors, to: y)))
        }
        return pairs
    }

    /// One Householder reflector H = I − β·u·uᵀ acting on entries `start…` of a vector.
    struct Reflector {
        let start: Int
        let beta: Double
        let u: [Double]
    }

    /// Reduces `a` in place to T = Qᵀ·A·Q; returns T's diagonal, its sub-diagonal, and Q as
    /// reflectors H₀·H₁·….
    static func tridiagonalize(_ a: inout [Double], n: Int) -> ([Double], [Double], [Reflector]) {
        var diagonal = [Double](repeating: 0, count: n)
        var offDiagonal = [Double](repeating: 0, count: max(0, n - 1))
        var reflectors: [Reflector] = []
        var p = [Double](repeating: 0, count: n)
        a.withUnsafeMutableBufferPointer { a in
            p.withUnsafeMutableBufferPointer { p in
                for k in 0..<max(0, n - 2) {
                    let start = k &+ 1, m = n &- start
                    var u = [Double](repeating: 0, count: m)
                    var norm2 = 0.0
                    for i in 0..<m {
                        let x = a[(start &+ i) &* n &+ k]
                        u[i] = x
                        norm2 += x * x
                    }
                    diagonal[k] = a[k &* n &+ k]
                    let sigma = norm2.squareRoot()
                    guard sigma > 0 else { continue }
                    // u = x + sign(x₀)·‖x‖·e₀, so H·x = −sign(x₀)·‖x‖·e₀ without cancellation.
                    let sign: Double = u[0] >= 0 ? 1 : -1
                    let x0 = u[0]
                    u[0] += sign * sigma
                    let beta = 2 / (norm2 - x0 * x0 + u[0] * u[0])
                    offDiagonal[k] = -sign * sigma
                    // p = β·A'·u, then w = p − (β·pᵀu/2)·u, then A' −= u·wᵀ + w·uᵀ.
                    var pu = 0.0
                    u.withUnsafeBufferPointer { u in
                        for i in 0..<m {
                            let row = a.baseAddress! + ((start &+ i) &* n &+ start)
                            var sum = 0.0
                            for j in 0..<m { sum += row[j] * u[j] }
                            p[i] = beta * sum
                            pu += p[i] * u[i]
                        }
                        let half = beta * pu / 2
                        for i in 0..<m { p[i] -= half * u[i] }
                        for i in 0..<m {
                            let row = a.baseAddress! + ((start &+ i) &* n &+ start)
                            let ui = u[i], wi = p[i]
                            for j in 0..<m { row[j] -= ui * p[j] + wi * u[j] }
                        }
                    }
                    reflectors.append(Reflector(start: start, beta: beta, u: u))
                }
            }
        }
        if n >= 2 {
            diagonal[n - 2] = a[(n - 2) * n + n - 2]
            offDiagonal[n - 2] = a[(n - 1) * n + n - 2]
        }
        if n >= 1 { diagonal[n - 1] = a[(n - 1) * n + n - 1] }
        return (diagonal, offDiagonal, reflectors)
    }

    /// How many eigenvalues of the tridiagonal matrix are less than `x` (Sturm sequence count).
    static func countBelow(_ x: Double, diagonal: [Double], offDiagonal: [Double]) -> Int {
        var count = 0
        var q = 1.0
        for i in 0..<diagonal.count {
            let e2 = i == 0 ? 0 : offDiagonal[i - 1] * offDiagonal[i - 1]
            q = diagonal[i] - x - (i == 0 ? 0 : e2 / q)
            if q == 0 { q = -Double.ulpOfOne * (abs(diagonal[i]) + abs(x) + Double.leastNormalMagnitude) }
            if q < 0 { count += 1 }
        }
        return count
    }

    /// The eigenvalue with `ascendingIndex` (0 = smallest), by bisection to the last bit.
    static func eigenvalue(ascendingIndex index: Int, diagonal: [Double], offDiagonal: [Double]) -> Double {
        var low = Double.infinity, high = -Double.infinity
        for i in 0..<diagonal.count {
            let radius = (i > 0 ? abs(offDiagonal[i - 1]) : 0) + (i < offDiagonal.count ? abs(offDiagonal[i]) : 0)
            low = min(low, diagonal[i] - radius)
            high = max(high, diagonal[i] + radius)
        }
        let margin = max(abs(low), abs(high)) * Double.ulpOfOne * 4 + Double.leastNormalMagnitude
        low -= margin
        high += margin
        guard low.isFinite, high.isFinite else { return .nan }
        while true {
            let middle = (low + high) / 2
            if middle <= low || middle >= high || !middle.isFinite { return middle }
            if countBelow(middle, diagonal: diagonal, offDiagonal: offDiagonal) > index { high = middle } else { low = middle }
        }
    }

    /// The unit eigenvector of the tridiagonal matrix for `value`, by inverse iteration on
    /// T − λI (LU with partial pivoting, as LAPACK's `dgttrf`), kept orthogonal to `others`
    /// (eigenvectors of equal or close eigenvalues found before).
    static func tridiagonalEigenvector(_ value: Double, diagonal: [Double], offDiagonal: [Double], orthogonalTo others: [[Double]]) -> [Double] {
        let n = diagonal.count
        guard n > 1 else { return [1] }
        let scale = diagonal.reduce(0) { max($0, abs($1)) } + offDiagonal.reduce(0) { max($0, abs($1)) }
        let tiny = (scale > 0 ? scale : 1) * Double.ulpOfOne
        var d = diagonal.map { $0 - value }, dl = offDiagonal, du = offDiagonal
        var du2 = [Double](repeating: 0, count: n), swapped = [Bool](repeating: false, count: n)
        for i in 0..<(n - 1) {
            if abs(d[i]) >= abs(dl[i]) {
                if d[i] == 0 { d[i] = tiny }
                let factor = dl[i] / d[i]
                dl[i] = factor
                d[i + 1] -= factor * du[i]
            } else {
                let factor = d[i] / dl[i]
                d[i] = dl[i]
                dl[i] = factor
                let held = du[i]
                du[i] = d[i + 1]
                d[i + 1] = held - factor * d[i + 1]
                if i < n - 2 {
                    du2[i] = du[i + 1]
                    du[i + 1] = -factor * du[i + 1]
                }
                swapped[i] = true
            }
        }
        for i in 0..<n where d[i] == 0 { d[i] = tiny }
        func solve(_ b: inout [Double]) {
            for i in 0..<(n - 1) {
                if swapped[i] {
                    let held = b[i]
                    b[i] = b[i + 1]
                    b[i + 1] = held - dl[i] * b[i]
                } else {
                    b[i + 1] -= dl[i] * b[i]
                }
            }
            b[n - 1] /= d[n - 1]
            b[n - 2] = (b[n - 2] - du[n - 2] * b[n - 1]) / d[n - 2]
            for i in stride(from: n - 3, through: 0, by: -1) {
                b[i] = (b[i] - du[i] * b[i + 1] - du2[i] * b[i + 2]) / d[i]
            }
        }
        /// Makes `b` a unit vector orthogonal to `others`; an overflowed solve keeps the
        /// direction of its infinite entries, and a vector with nothing left outside `others`
        /// is replaced by the first unit axis that has.
        func orthonormalize(_ b: inout [Double]) {
            if b.contains(where: { !$0.isFinite }) { b = b.map { $0.isInfinite ? ($0 > 0 ? 1 : -1) : 0 } }
            func project(_ b: inout [Double]) -> Double {
                let largest = b.reduce(0) { max($0, abs($1)) }
                if largest > 0 { for i in 0..<n { b[i] /= largest } }
                for other in others {
                    var dot = 0.0
                    for i in 0..<n { dot += other[i] * b[i] }
                    for i in 0..<n { b[i] -= dot * other[i] }
                }
                return b.reduce(0) { $0 + $1 * $1 }.squareRoot()
            }
            var norm = project(&b)
            var axis = 0
            while !(norm > 1e-8), axis < n {
                b = [Double](repeating: 0, count: n)
                b[axis] = 1
                axis += 1
                norm = project(&b)
            }
            for i in 0..<n { b[i] /= norm }
        }
        // A start vector with every entry non-zero and unlike any structured eigenvector.
        var b = (0..<n).map { 1 + Double(($0 &* 2_654_435_761) % 1_000_003) / 1_000_003 }
        orthonormalize(&b)
        for _ in 0..<4 {
            solve(&b)
            orthonormalize(&b)
        }
        return b
    }

    /// Q·y for Q = H₀·H₁·…: the reflectors applied last to first.
    static func applyReflectors(_ reflectors: [Reflector], to y: [Double]) -> [Double] {
        var z = y
        for reflector in reflectors.reversed() {
            var dot = 0.0
            for i in 0..<reflector.u.count { dot += reflector.u[i] * z[reflector.start + i] }
            let scale = reflector.beta * dot
            for i in 0..<reflector.u.count { z[reflector.start + i] -= scale * reflector.u[i] }
        }
        return z
    }
}
