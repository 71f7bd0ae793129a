/// Shape arithmetic shared by the ops.
enum Shape {
    /// Row-major strides of `shape`.
    static func strides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var step = 1
        for d in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[d] = step
            step *= shape[d]
        }
        return strides
    }

    /// The shape two operands broadcast to, or a stop naming `op` and both shapes.
    static func broadcast(_ a: [Int], _ b: [Int], op: String) -> [Int] {
        let rank = max(a.count, b.count)
        var result = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let x = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let y = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            precondition(x == y || x == 1 || y == 1, "\(op): shapes \(a) and \(b) cannot be broadcast")
            result[i] = x == 1 ? y : x
        }
        return result
    }

    /// Strides that read a tensor of `shape` as if it had `target` shape (0 on broadcast axes).
    static func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
        let own = strides(shape)
        let offset = target.count - shape.count
        return (0..<target.count).map { d in
            d < offset || shape[d - offset] == 1 ? 0 : own[d - offset]
        }
    }
}
