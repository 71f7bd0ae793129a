import CLumenBLAS
import Foundation

/// The exact principal components of every point of an embedding: the mean is taken out, the
/// covariance is accumulated block by block with the package's SGEMM (each block's product
/// summed in Double), its largest eigenpairs are found to Double precision
/// (Householder reduction, bisection, inverse iteration), and every point is projected on them.
///
/// ### Example
/// ```swift
/// let pca = PrincipalComponents(of: EmbeddingMatrix(rows: 1000, columns: 64, values: features))
/// print(pca.varianceExplained)   // e.g. [0.41, 0.22, 0.09]
/// let firstPoint = pca.projections[0..<3]
/// ```
public struct PrincipalComponents: Sendable {
    /// The components, unit vectors of the embedding's dimension, largest variance first. Each
    /// is signed so that its entry of largest magnitude is positive (one fixed choice, so
    /// pictures do not flip between computations).
    public let components: [[Double]]
    /// The variance along each component (the covariance's eigenvalues, divided by n − 1).
    public let variances: [Double]
    /// The sum of the variances along every axis (the covariance's trace).
    public let totalVariance: Double
    /// Each point's coordinates along the components, row-major (`rows` × `components.count`).
    public let projections: [Float]

    /// The share of the total variance along each component.
    public var varianceExplained: [Double] { variances.map { totalVariance > 0 ? $0 / totalVariance : 0 } }

    /// Rows per SGEMM block: large enough for the kernel's speed, small enough for the cache.
    static let blockRows = 2048

    /// The `count` leading components of `matrix` (fewer when it has fewer columns); its values
    /// must be finite (``EmbeddingMatrix/firstNonFinite`` finds one that is not).
    public init(of matrix: EmbeddingMatrix, count: Int = 3) {
        let d = matrix.columns
        let k = min(count, d)
        let mean = Self.columnMeans(matrix)
        let covariance = Self.covariance(matrix, mean: mean)
        totalVariance = (0..<d).reduce(0) { $0 + covariance[$1 * d + $1] }
        let pairs = SymmetricEigen.largest(k, of: covariance, n: d)
        variances = pairs.map { max(0, $0.value) }
        components = pairs.map { pair in
            let largest = pair.vector.indices.max { abs(pair.vector[$0]) < abs(pair.vector[$1]) } ?? 0
            return pair.vector[largest] < 0 ? pair.vector.map { -$0 } : pair.vector
        }
        projections = Self.project(matrix, mean: mean, on: components)
    }

    /// Splits `rows` into one range per worker (one when the GEMM backend threads itself).
    private static func chunks(_ rows: Int) -> [Range<Int>] {
        let workers = lumen_blas_is_threaded() != 0 ? 1 : max(1, min(ProcessInfo.processInfo.activeProcessorCount, rows / blockRows))
        let size = (rows + workers - 1) / workers
        return stride(from: 0, to: rows, by: max(size, 1)).map { $0..<min(rows, $0 + size) }
    }

    private static func columnMeans(_ matrix: EmbeddingMatrix) -> [Double] {
        let d = matrix.columns
        let parts = chunks(matrix.rows)
        var sums = [[Double]](repeating: [], count: parts.count)
        matrix.values.withUnsafeBufferPointer { x in
            nonisolated(unsafe) let base = x.baseAddress!
            sums.withUnsafeMutableBufferPointer { sums in
                nonisolated(unsafe) let out = sums.baseAddress!
                DispatchQueue.concurrentPerform(iterations: parts.count) { part in
                    var sum = [Double](repeating: 0, count: d)
                    sum.withUnsafeMutableBufferPointer { sum in
                        for row in parts[part] {
                            let values = base + row &* d
                            for j in 0..<d { sum[j] += Double(values[j]) }
                        }
                    }
                    (out + part).initialize(to: sum)
                }
            }
        }
        var mean = [Double](repeating: 0, count: d)
        for sum in sums { for j in 0..<d { mean[j] += sum[j] } }
        return mean.map { $0 / Double(max(matrix.rows, 1)) }
    }

    /// Fills `scratch` with rows `rows` of `x`, less the mean, as Float32.
    private static func centre(_ x: UnsafePointer<Float>, rows: Range<Int>, columns d: Int, mean: [Float],
                               into scratch: UnsafeMutablePointer<Float>) {
        mean.withUnsafeBufferPointer { mean in
            for (i, row) in rows.enumerated() {
                let source = x + row &* d, target = scratch + i &* d
                for j in 0..<d { target[j] = source[j] - mean[j] }
            }
        }
    }

    /// The covariance (divided by n − 1), row-major d × d, in Double.
    private static func covariance(_ matrix: EmbeddingMatrix, mean: [Double]) -> [Double] {
        let d = matrix.columns
        let parts = chunks(matrix.rows)
        let floatMean = mean.map { Float($0) }
        var partials = [[Double]](repeating: [], count: parts.count)
        matrix.values.withUnsafeBufferPointer { x in
            nonisolated(unsafe) let base = x.baseAddress!
            partials.withUnsafeMutableBufferPointer { partials in
                nonisolated(unsafe) let out = partials.baseAddress!
                DispatchQueue.concurrentPerform(iterations: parts.count) { part in
                    var sum = [Double](repeating: 0, count: d * d)
                    let scratch = UnsafeMutablePointer<Float>.allocate(capacity: blockRows * d)
                    // Zeroed: a GEMM may scale C by beta = 0, and 0 × NaN of uninitialized memory is NaN.
                    let block = UnsafeMutablePointer<Float>.allocate(capacity: d * d)
                    block.initialize(repeating: 0, count: d * d)
                    defer { scratch.deallocate(); block.deallocate() }
                    sum.withUnsafeMutableBufferPointer { sum in
                        for start in stride(from: parts[part].lowerBound, to: parts[part].upperBound, by: blockRows) {
                            let rows = start..<min(start + blockRows, parts[part].upperBound)
                            centre(base, rows: rows, columns: d, mean: floatMean, into: scratch)
                            lumen_sgemm(1, 0, Int32(d), Int32(d), Int32(rows.count), 1, scratch, Int32(d), scratch, Int32(d), 0, block, Int32(d))
                            for i in 0..<(d &* d) { sum[i] += Double(block[i]) }
                        }
                    }
                    (out + part).initialize(to: sum)
                }
            }
        }
        var covariance = [Double](repeating: 0, count: d * d)
        let denominator = Double(max(matrix.rows - 1, 1))
        for partial in partials { for i in 0..<(d * d) { covariance[i] += partial[i] } }
        // The two triangles of each block product are summed in different orders: average them
        // so the matrix the eigensolver sees is exactly symmetric.
        for i in 0..<d {
            for j in i..<d {
                let value = (covariance[i * d + j] + covariance[j * d + i]) / 2 / denominator
                covariance[i * d + j] = value
                covariance[j * d + i] = value
            }
        }
        return covariance
    }

    /// Every point, less the mean, times each component.
    private static func project(_ matrix: EmbeddingMatrix, mean: [Double], on components: [[Double]]) -> [Float] {
        let d = matrix.columns, k = components.count
        guard k > 0 else { return [] }
        var basis = [Float](repeating: 0, count: d * k)
        for (c, component) in components.enumerated() { for j in 0..<d { basis[j * k + c] = Float(component[j]) } }
        let floatMean = mean.map { Float($0) }
        var projections = [Float](repeating: 0, count: matrix.rows * k)
        let parts = chunks(matrix.rows)
        matrix.values.withUnsafeBufferPointer { x in
            nonisolated(unsafe) let base = x.baseAddress!
            projections.withUnsafeMutableBufferPointer { out in
                nonisolated(unsafe) let target = out.baseAddress!
                basis.withUnsafeBufferPointer { basisBuffer in
                    nonisolated(unsafe) let basis = basisBuffer.baseAddress!
                    DispatchQueue.concurrentPerform(iterations: parts.count) { part in
                        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: blockRows * d)
                        scratch.initialize(repeating: 0, count: blockRows * d)
                        defer { scratch.deallocate() }
                        for start in stride(from: parts[part].lowerBound, to: parts[part].upperBound, by: blockRows) {
                            let rows = start..<min(start + blockRows, parts[part].upperBound)
                            centre(base, rows: rows, columns: d, mean: floatMean, into: scratch)
                            lumen_sgemm(0, 0, Int32(rows.count), Int32(k), Int32(d), 1, scratch, Int32(d), basis, Int32(k), 0,
                                        target + start * k, Int32(k))
                        }
                    }
                }
            }
        }
        return projections
    }
}
