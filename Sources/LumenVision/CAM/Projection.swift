/// pytorch-grad-cam's `get_2d_projection`: each image's activations projected onto their first
/// principal direction.
enum Projection {
    /// `values` are [count, channels, height·width]. For each image, the positions × channels
    /// matrix (NaN read as 0) is centred per channel and projected onto its first right singular
    /// vector; returns [count, height·width].
    ///
    /// The singular vector comes from the smaller Gram matrix (channels × channels, or positions
    /// × positions mapped back through the data) by ``SymmetricEigen``. Its sign is a free choice
    /// the SVD makes arbitrarily; here it is the one whose projection reaches further above zero
    /// than below, so the salient part survives the ReLU that follows.
    static func firstComponent(_ values: [Float], count: Int, channels: Int, area: Int) -> [Float] {
        var result = [Float](repeating: 0, count: count * area)
        for image in 0..<count {
            var centred = [Double](repeating: 0, count: area * channels)  // [area, channels]
            for c in 0..<channels {
                var sum = 0.0
                for p in 0..<area {
                    let value = values[(image * channels + c) * area + p]
                    let v = value.isNaN ? 0 : Double(value)
                    centred[p * channels + c] = v
                    sum += v
                }
                let mean = sum / Double(area)
                for p in 0..<area { centred[p * channels + c] -= mean }
            }
            let direction = rightSingularVector(centred, rows: area, columns: channels)
            var projection = [Double](repeating: 0, count: area)
            for p in 0..<area {
                var dot = 0.0
                for c in 0..<channels { dot += centred[p * channels + c] * direction[c] }
                projection[p] = dot
            }
            let flip = -(projection.min() ?? 0) > (projection.max() ?? 0)
            for p in 0..<area { result[image * area + p] = Float(flip ? -projection[p] : projection[p]) }
        }
        return result
    }

    /// The unit right singular vector of the largest singular value of the rows×columns matrix `m`.
    private static func rightSingularVector(_ m: [Double], rows: Int, columns: Int) -> [Double] {
        if columns <= rows {
            var gram = [Double](repeating: 0, count: columns * columns)
            for i in 0..<columns {
                for j in i..<columns {
                    var dot = 0.0
                    for r in 0..<rows { dot += m[r * columns + i] * m[r * columns + j] }
                    gram[i * columns + j] = dot
                    gram[j * columns + i] = dot
                }
            }
            return SymmetricEigen.leading(gram, n: columns).vector
        }
        var gram = [Double](repeating: 0, count: rows * rows)
        for i in 0..<rows {
            for j in i..<rows {
                var dot = 0.0
                for c in 0..<columns { dot += m[i * columns + c] * m[j * columns + c] }
                gram[i * rows + j] = dot
                gram[j * rows + i] = dot
            }
        }
        let u = SymmetricEigen.leading(gram, n: rows).vector
        var v = [Double](repeating: 0, count: columns)
        for r in 0..<rows {
            for c in 0..<columns { v[c] += m[r * columns + c] * u[r] }
        }
        let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? v.map { $0 / norm } : v
    }
}
