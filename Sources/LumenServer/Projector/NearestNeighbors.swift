import CLumenBLAS

/// The points nearest one point of an embedding, measured on the original vectors.
enum NearestNeighbors {
    /// How distance is measured.
    enum Metric: String, CaseIterable, Sendable {
        /// 1 − cos(angle between the vectors).
        case cosine
        /// Straight-line distance.
        case euclidean
    }

    /// One neighbour: its row and its distance from the query point.
    struct Neighbor: Sendable, Equatable {
        let index: Int
        let distance: Double
    }

    /// Each row's squared length, in Double.
    static func squaredNorms(_ matrix: EmbeddingMatrix) -> [Double] {
        let d = matrix.columns
        return matrix.values.withUnsafeBufferPointer { x in
            (0..<matrix.rows).map { row in
                var sum = 0.0
                let values = x.baseAddress! + row &* d
                for j in 0..<d { sum += Double(values[j]) * Double(values[j]) }
                return sum
            }
        }
    }

    /// The `k` rows nearest row `index` (itself excluded), nearest first; ties by row.
    /// Dot products come from one SGEMM pass over the matrix; a zero vector is at cosine
    /// distance 1 from everything.
    static func nearest(_ k: Int, to index: Int, in matrix: EmbeddingMatrix, squaredNorms: [Double], metric: Metric) -> [Neighbor] {
        let n = matrix.rows, d = matrix.columns
        var dots = [Float](repeating: 0, count: n)
        matrix.values.withUnsafeBufferPointer { x in
            dots.withUnsafeMutableBufferPointer { dots in
                lumen_sgemm(0, 0, Int32(n), 1, Int32(d), 1, x.baseAddress!, Int32(d), x.baseAddress! + index * d, 1, 0,
                            dots.baseAddress!, 1)
            }
        }
        let own = squaredNorms[index]
        var best: [Neighbor] = []
        best.reserveCapacity(k + 1)
        for row in 0..<n where row != index {
            let distance: Double
            switch metric {
            case .cosine:
                let lengths = (own * squaredNorms[row]).squareRoot()
                distance = lengths > 0 ? 1 - Double(dots[row]) / lengths : 1
            case .euclidean:
                distance = max(0, own + squaredNorms[row] - 2 * Double(dots[row])).squareRoot()
            }
            guard best.count < k || distance < best[best.count - 1].distance else { continue }
            let slot = best.firstIndex { $0.distance > distance } ?? best.count
            best.insert(Neighbor(index: row, distance: distance), at: slot)
            if best.count > k { best.removeLast() }
        }
        return best
    }
}
