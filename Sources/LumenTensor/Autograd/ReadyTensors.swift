/// The tensors whose gradients are complete, in the order backward takes them: leaves first,
/// then by their node's sequence number, highest first; equal ones in the order they came.
struct ReadyTensors {
    private var heap: [(tensor: Tensor, priority: UInt64, arrival: Int)] = []
    private var arrivals = 0

    mutating func push(_ tensor: Tensor) {
        heap.append((tensor, tensor.gradFn?.sequenceNumber ?? .max, arrivals))
        arrivals += 1
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard precedes(child, parent) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Tensor? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let first = heap.removeLast().tensor
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var best = parent
            if left < heap.count && precedes(left, best) { best = left }
            if right < heap.count && precedes(right, best) { best = right }
            guard best != parent else { break }
            heap.swapAt(parent, best)
            parent = best
        }
        return first
    }

    private func precedes(_ a: Int, _ b: Int) -> Bool {
        heap[a].priority != heap[b].priority ? heap[a].priority > heap[b].priority : heap[a].arrival < heap[b].arrival
    }
}
