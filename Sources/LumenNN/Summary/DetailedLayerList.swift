/// torchinfo's list of layers, built from the calls of one forward pass: a row per call in the
/// order calls started, plus rows for containers that were never called themselves (a
/// `ModuleList`) above the first of their children's rows, then each row's index within its
/// depth and its descendants.
struct DetailedLayerList {
    /// One row while the list is built (torchinfo's `LayerInfo`). A container that is never
    /// called has one entry per placement, which can appear in the list more than once.
    private final class Entry {
        let module: Module
        let placement: ModulePlacement
        let call: ModuleCall?
        let isLeaf: Bool
        let parameters: ParameterCounts
        let multAdds: Int
        var isRecursive = false
        var depthIndex: Int?
        /// The positions of the rows below this one, until the next row at its depth or above.
        var descendants: Range<Int> = 0..<0

        init(module: Module, placement: ModulePlacement, call: ModuleCall?) {
            self.module = module
            self.placement = placement
            self.call = call
            isLeaf = module.children().isEmpty
            parameters = module.parameterCounts
            multAdds = call.map { module.multAdds(outputShape: $0.outputShape) } ?? 0
        }
    }

    let layers: [DetailedSummary.Layer]

    init(calls: [ModuleCall]) {
        var seen: Set<ObjectIdentifier> = []
        var entries: [Entry] = calls.map { call in
            let entry = Entry(module: call.module, placement: call.placement, call: call)
            // A module's second and later calls are recursive: their parameters count once.
            entry.isRecursive = !seen.insert(ObjectIdentifier(call.module)).inserted
            return entry
        }
        Self.insertUncalledContainers(into: &entries)
        Self.numberRows(entries)
        layers = Self.layers(of: entries)
    }

    /// torchinfo's `add_missing_container_layers`: walking the rows, a row whose ancestor at some
    /// depth is not the module last listed at that depth gets that ancestor's row inserted
    /// before it (unless the row just before is that very entry). Inserted rows are walked
    /// again, as Python's `enumerate` over the growing list does.
    private static func insertUncalledContainers(into entries: inout [Entry]) {
        var listed = Set(entries.map { ObjectIdentifier($0.module) })
        var fallbacks: [ObjectIdentifier: Entry] = [:]
        func fallback(_ placement: ModulePlacement) -> Entry {
            let key = ObjectIdentifier(placement)
            if let entry = fallbacks[key] { return entry }
            let entry = Entry(module: placement.module, placement: placement, call: nil)
            fallbacks[key] = entry
            return entry
        }
        var current: [Int: Entry] = [:]
        var index = 0
        while index < entries.count {
            let entry = entries[index]
            let depth = entry.placement.depth
            var ancestors: [Int: ModulePlacement] = [:]
            var parent = entry.placement.parent
            while let placement = parent, placement.depth > 0 {
                ancestors[placement.depth] = placement
                parent = placement.parent
            }
            var inserted = 0
            for level in stride(from: 1, to: depth, by: 1) {
                guard let ancestor = ancestors[level] else { continue }
                let container = fallback(ancestor)
                let previousPosition = index + inserted - 1
                let previous = previousPosition >= 0 ? entries[previousPosition] : entries.last
                let listedHere = current[level].map { $0.module === ancestor.module } ?? false
                guard !listedHere, previous !== container else { continue }
                if listed.contains(ObjectIdentifier(container.module)) { container.isRecursive = true }
                entries.insert(container, at: index + inserted)
                listed.insert(ObjectIdentifier(container.module))
                current[level] = container
                inserted += 1
            }
            current[depth] = entry
            var deeper = depth + 1
            while current.removeValue(forKey: deeper) != nil { deeper += 1 }
            index += 1
        }
    }

    /// torchinfo's `set_children_layers`: rows are numbered per depth across the whole list
    /// (`2-1`, `2-2` in the first stage, `2-3` in the next), and a row's descendants are the rows
    /// after it that are deeper.
    private static func numberRows(_ entries: [Entry]) {
        var counters: [Int: Int] = [:]
        for (position, entry) in entries.enumerated() {
            let depth = entry.placement.depth
            counters[depth, default: 0] += 1
            entry.depthIndex = counters[depth]
            var end = position + 1
            while end < entries.count, entries[end].placement.depth > depth { end += 1 }
            entry.descendants = (position + 1)..<end
        }
    }

    private static func layers(of entries: [Entry]) -> [DetailedSummary.Layer] {
        var leftovers: [ObjectIdentifier: ParameterCounts] = [:]
        // torchinfo's `leftover_params`: a row's parameters less those its descendants account
        // for (a leaf its count, a container its own leftover), skipping recursive rows.
        func leftover(_ entry: Entry) -> ParameterCounts {
            if let known = leftovers[ObjectIdentifier(entry)] { return known }
            var result = entry.parameters
            for descendant in entry.descendants.map({ entries[$0] }) where !descendant.isRecursive {
                let accounted = descendant.isLeaf ? descendant.parameters : leftover(descendant)
                result.total -= accounted.total
                result.trainable -= accounted.trainable
            }
            leftovers[ObjectIdentifier(entry)] = result
            return result
        }
        return entries.map { entry in
            DetailedSummary.Layer(
                typeName: entry.module.typeName,
                depth: entry.placement.depth,
                depthIndex: entry.depthIndex,
                isLeaf: entry.isLeaf,
                isRecursive: entry.isRecursive,
                parameters: entry.parameters,
                leftoverParameters: leftover(entry),
                inputShape: entry.call?.inputShape ?? [],
                outputShape: entry.call?.outputShape ?? [],
                outputBytes: entry.call.map { 4 * $0.outputShape.reduce(1, *) } ?? 0,
                kernelShape: entry.module.kernelShape,
                multAdds: entry.multAdds,
                leafDescendantMultAdds: entry.descendants.map { entries[$0] }.filter(\.isLeaf).map(\.multAdds).reduce(0, +)
            )
        }
    }
}
