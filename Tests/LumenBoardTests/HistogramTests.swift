import Testing
@testable import LumenBoard

@Suite("Histograms with PyTorch's bins and trimming")
struct HistogramTests {
    @Test("TensorFlow's default edges: 1,549 of them, symmetric around 0, from 1e-12 to below 1e20")
    func tensorflowEdges() {
        let edges = HistogramBins.tensorflowEdges
        #expect(edges.count == 1549)
        #expect(edges[774] == 0)
        #expect(edges[775] == 1e-12)
        #expect(edges[773] == -1e-12)
        #expect(edges.last! < 1e20 && edges.last! * 1.1 >= 1e20)
        #expect(zip(edges, edges.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test("Counting with the TensorFlow lookup table equals a plain binary-search count on every edge and between")
    func fastGuessIsExact() {
        let edges = HistogramBins.tensorflowEdges
        var probes: [Double] = [0, -0.0, 5e-13, -5e-13, 1e19, -1e19, 1e21, -1e21, .nan, .leastNonzeroMagnitude, 0.99e-12]
        for e in edges {
            probes += [e, e.nextUp, e.nextDown]
        }
        let fast = probes.withUnsafeBufferPointer { BucketCounter.countTensorflow($0) }
        var slow = [Int](repeating: 0, count: edges.count - 1)
        for v in probes where v >= edges.first! && v <= edges.last! {
            if v == edges.last! { slow[slow.count - 1] += 1; continue }
            slow[edges.lastIndex { $0 <= v }!] += 1
        }
        #expect(fast == slow)
    }

    @Test("Trimming keeps one empty bucket on the left, as torch: one value 3.0")
    func singleValue() throws {
        let h = try TBHistogramProto(values: [3.0])
        #expect(h.bucket == [0, 1])
        let edges = HistogramBins.tensorflowEdges
        let i = edges.lastIndex { $0 <= 3.0 }!
        #expect(h.bucketLimit == [edges[i], edges[i + 1]])
        #expect(h.min == 3 && h.max == 3 && h.num == 1 && h.sum == 3 && h.sumSquares == 9)
    }

    @Test("Bad input is a clear error")
    func errors() {
        #expect(throws: HistogramError.self) { try TBHistogramProto(values: []) }
        #expect(throws: HistogramError.self) { try TBHistogramProto(values: [1, .nan], bins: .count(4)) }
        #expect(throws: HistogramError.self) { try TBHistogramProto(values: [1], bins: .edges([0, 2, 1])) }
        #expect(throws: HistogramError.self) { try TBHistogramProto(values: [5], bins: .edges([0, 1, 2, 3])) }
    }
}
