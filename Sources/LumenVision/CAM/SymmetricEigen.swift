/// The leading eigenvector of a symmetric matrix, by cyclic Jacobi rotations.
enum SymmetricEigen {
    /// `matrix` is `n`×`n`, row-major and symmetric. Returns the unit eigenvector of its largest
    /// eigenvalue.
    static func leadingVector(_ matrix: [Double], n: Int) -> [Double] {
        var a = matrix
        var v = [Double](repeating: 0, count: n * n)
        for i in 0..<n { v[i * n + i] = 1 }
        var best = 0
        a.withUnsafeMutableBufferPointer { a in
            v.withUnsafeMutableBufferPointer { v in
                for _ in 0..<60 {
                    var offDiagonal = 0.0, diagonal = 0.0
                    for i in 0..<n {
                        diagonal += a[i &* n &+ i] * a[i &* n &+ i]
                        for j in stride(from: i &+ 1, to: n, by: 1) { offDiagonal += a[i &* n &+ j] * a[i &* n &+ j] }
                    }
                    if offDiagonal == 0 || offDiagonal <= 1e-30 * diagonal { break }
                    for p in 0..<n {
                        for q in stride(from: p &+ 1, to: n, by: 1) { rotate(a, v, n: n, p: p, q: q) }
                    }
                }
            }
            for i in 0..<n where a[i &* n &+ i] > a[best &* n &+ best] { best = i }
        }
        return (0..<n).map { v[$0 * n + best] }
    }

    /// One Jacobi rotation zeroing a[p][q], applied to both sides of `a` and to the columns of `v`.
    private static func rotate(_ a: UnsafeMutableBufferPointer<Double>, _ v: UnsafeMutableBufferPointer<Double>, n: Int, p: Int, q: Int) {
        let apq = a[p &* n &+ q]
        guard apq != 0 else { return }
        let app = a[p &* n &+ p], aqq = a[q &* n &+ q]
        let theta = (aqq - app) / (2 * apq)
        let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
        let c = 1 / (t * t + 1).squareRoot(), s = t * c
        for k in 0..<n {
            let akp = a[k &* n &+ p], akq = a[k &* n &+ q]
            a[k &* n &+ p] = c * akp - s * akq
            a[k &* n &+ q] = s * akp + c * akq
        }
        for k in 0..<n {
            let apk = a[p &* n &+ k], aqk = a[q &* n &+ k]
            a[p &* n &+ k] = c * apk - s * aqk
            a[q &* n &+ k] = s * apk + c * aqk
        }
        for k in 0..<n {
            let vkp = v[k &* n &+ p], vkq = v[k &* n &+ q]
            v[k &* n &+ p] = c * vkp - s * vkq
            v[k &* n &+ q] = s * vkp + c * vkq
        }
    }
}
