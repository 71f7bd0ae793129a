/// Sums with numpy's pairwise algorithm (blocks of 128 with eight accumulators, halves above
/// that), so a histogram's `sum` equals the one PyTorch writes bit for bit.
enum PairwiseSum {
    static func sum(_ values: UnsafeBufferPointer<Double>) -> Double {
        0 + block(values.baseAddress!, values.count, Identity.self)
    }

    static func sumOfSquares(_ values: UnsafeBufferPointer<Double>) -> Double {
        0 + block(values.baseAddress!, values.count, Square.self)
    }

    /// What is summed of each value; a type parameter so each sum is specialized, not a closure call.
    private protocol Term { static func of(_ x: Double) -> Double }
    private enum Identity: Term { static func of(_ x: Double) -> Double { x } }
    private enum Square: Term { static func of(_ x: Double) -> Double { x * x } }

    private static func block<T: Term>(_ p: UnsafePointer<Double>, _ n: Int, _ t: T.Type) -> Double {
        let f = T.of
        if n < 8 {
            var r = 0.0
            for i in 0..<n { r += f(p[i]) }
            return r
        }
        if n <= 128 {
            var r0 = f(p[0]), r1 = f(p[1]), r2 = f(p[2]), r3 = f(p[3])
            var r4 = f(p[4]), r5 = f(p[5]), r6 = f(p[6]), r7 = f(p[7])
            var i = 8
            while i < n - n % 8 {
                r0 += f(p[i]); r1 += f(p[i + 1]); r2 += f(p[i + 2]); r3 += f(p[i + 3])
                r4 += f(p[i + 4]); r5 += f(p[i + 5]); r6 += f(p[i + 6]); r7 += f(p[i + 7])
                i += 8
            }
            var result = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
            while i < n {
                result += f(p[i])
                i += 1
            }
            return result
        }
        var half = n / 2
        half -= half % 8
        return block(p, half, t) + block(p + half, n - half, t)
    }
}
