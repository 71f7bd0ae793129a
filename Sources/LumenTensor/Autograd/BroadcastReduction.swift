extension Tensor {
    /// The broadcast rule's gradient, written once for every op: sums this gradient over the
    /// axes along which an input of `target` shape was broadcast, giving back that shape.
    ///
    /// Leading axes the input lacked are summed away; axes where it had size 1 are summed
    /// keeping the 1.
    func sumToShape(_ target: [Int]) -> Tensor {
        if shape == target { return self }
        let lead = rank - target.count
        var dims = Array(0..<lead)
        for (d, size) in target.enumerated() where size == 1 && shape[lead + d] != 1 { dims.append(lead + d) }
        return sum(dims: dims, keepDim: true).reshape(target)
    }
}
