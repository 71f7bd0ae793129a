/// pytorch-grad-cam's `get_2d_projection`: each image's activations projected onto their first
/// principal direction.
enum Projection {
    /// `values` are [count, channels, area]. For each image, the positions × channels matrix
    /// (NaN read as 0) is centred per channel and projected onto its first right singular vector;
    /// returns [count, area].
    ///
    /// The singular vector comes from the smaller Gram matrix (channels × channels, or positions
    /// × positions mapped back through the data) by ``SymmetricEigen``. Its sign is a free choice
    /// the SVD makes arbitrarily; here it is the one whose projection reaches further above zero
    /// than below, so the salient part survives the ReLU that follows.
    static func firstComponent(_ values: [Float], count: Int, channels: Int, area: Int) -> [Float] {
        var result = [Float](repeating: 0, count: count * area)
        for image in 0..<count {
            var centred = [Double](repeating: 0, count: area * channels)  // [area, channels]
            values.withUnsafeBufferPointer { values in
                centred.withUnsafeMutableBufferPointer { centred in
                    for c in 0..<channels {
                        let plane = (image &* channels &+ c) &* area
                        var sum = 0.0
                        for p in 0..<area {
                            let value = values[plane &+ p]
                            let v = value.isNaN ? 0 : Double(value)
                            centred[p &* channels &+ c] = v
                            sum += v
                        }
                        let mean = sum / Double(area)
                        for p in 0..<area { centred[p &* channels &+ c] -= mean }
                    }
                }
            }
            let direction = rightSingularVector(centred, rows: area, columns: channels)
            let projection = multiply(centred, rows: area, columns: channels, by: direction)
            let flip = -(projection.min() ?? 0) > (projection.max() ?? 0)
            for p in 0..<area { result[image * area + p] = Float(flip ? -projection[p] : projection[p]) }
        }
        return result
    }

    /// The unit right singular vector of the largest singular value of the rows×columns matrix `m`.
    private static func rightSingularVector(_ m: [Double], rows: Int, columns: Int) -> [Double] {
        if columns <= rows {
            return SymmetricEigen.leadingVector(gram(m, rows: rows, columns: columns, ofColumns: true), n: columns)
        }
        let u = SymmetricEigen.leadingVector(gram(m, rows: rows, columns: columns, ofColumns: false), n: rows)
        var v = [Double](repeating: 0, count: columns)
        m.withUnsafeBufferPointer { m in
            v.withUnsafeMutableBufferPointer { v in
                for r in 0..<rows {
                    for c in 0..<columns { v[c] += m[r &* columns &+ c] * u[r] }
                }
            }
        }
        let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? v.map { $0 / norm } : v
    }

    /// `mᵀm` (columns × columns) when `ofColumns`, else `mmᵀ` (rows × rows).
    private static func gram(_ m: [Double], rows: Int, columns: Int, ofColumns: Bool) -> [Double] {
        let n = ofColumns ? columns : rows, length = ofColumns ? rows : columns
        // Element (i, k) of the vectors whose dot products are taken.
        let (stride, step) = ofColumns ? (1, columns) : (columns, 1)
        var result = [Double](repeating: 0, count: n * n)
        m.withUnsafeBufferPointer { m in
            result.withUnsafeMutableBufferPointer { result in
                for i in 0..<n {
                    for j in i..<n {
                        var dot = 0.0
                        for k in 0..<length { dot += m[i &* stride &+ k &* step] * m[j &* stride &+ k &* step] }
                        result[i &* n &+ j] = dot
                        result[j &* n &+ i] = dot
                    }
                }
            }
        }
        return result
    }

    private static func multiply(_ m: [Double], rows: Int, columns: Int, by vector: [Double]) -> [Double] {
        m.withUnsafeBufferPointer { m in
            (0..<rows).map { r in
                var dot = 0.0
                for c in 0..<columns { dot += m[r &* columns &+ c] * vector[c] }
                return dot
            }
        }
    }
}
