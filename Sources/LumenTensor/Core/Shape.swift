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

    /// The same walk over fewer, longer dimensions: size-1 dimensions are dropped, and a
    /// dimension merges into the run inside it when every operand's stride steps over it as one
    /// (stride[d] == stride[d + 1] · shape[d + 1], which holds for two broadcast axes too).
    /// A walk of [64, 6, 28, 28] reading a scalar becomes one row of 301,056 elements.
    static func coalesced(_ shape: [Int], strides operands: [[Int]]) -> (shape: [Int], strides: [[Int]]) {
        var outShape: [Int] = [], outStrides = [[Int]](repeating: [], count: operands.count)
        for d in shape.indices.reversed() where shape[d] != 1 {
            // The innermost run so far steps by outStrides[k][0] over outShape[0] elements.
            if let run = outShape.first,
               operands.indices.allSatisfy({ operands[$0][d] == outStrides[$0][0] * run }) {
                outShape[0] *= shape[d]
            } else {
                outShape.insert(shape[d], at: 0)
                for k in operands.indices { outStrides[k].insert(operands[k][d], at: 0) }
            }
        }
        if outShape.isEmpty { return ([1], operands.map { _ in [0] }) }
        return (outShape, outStrides)
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
