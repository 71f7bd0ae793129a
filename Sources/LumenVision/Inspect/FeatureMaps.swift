import LumenNN
import LumenTensor

/// Collects the outputs of chosen layers on every forward pass through forward hooks, as the
/// course's `fmap_block` does with `register_forward_hook`.
///
/// Each layer's latest output is kept (detached from the graph); ``remove()`` takes the hooks
/// off again.
///
/// ```swift
/// let maps = try FeatureMaps(model, layers: ["conv1"])
/// _ = model(images)
/// try writer.addFeatureMaps("conv1", maps["conv1"]!, step: epoch)
/// maps.remove()
/// ```
public final class FeatureMaps {
    /// The layer paths watched, in the order given.
    public let layers: [String]
    private var latest: [String: Tensor] = [:]
    private var handles: [RemovableHandle] = []

    /// Hooks each layer of `model` named in `layers` (dotted paths, as `Module.namedModules()`).
    ///
    /// - Throws: ``VisionError`` naming a path that is not a layer of `model`, before any hook is added.
    public init(_ model: Module, layers: [String]) throws {
        let modules = try layers.map { try model.layer(at: $0) }
        self.layers = layers
        for (path, module) in zip(layers, modules) {
            handles.append(module.registerForwardHook { [weak self] _, _, output in
                self?.latest[path] = output.detach()
            })
        }
    }

    /// The output `layer` produced on the latest forward pass, or nil before the first one.
    ///
    /// ```swift
    /// let conv1 = maps["conv1"]   // [N, 6, 28, 28] for LeNet
    /// ```
    public subscript(layer: String) -> Tensor? { latest[layer] }

    /// Forgets the collected outputs; the hooks stay.
    ///
    /// ```swift
    /// maps.clear()
    /// ```
    public func clear() { latest.removeAll() }

    /// Removes every hook this collector added. Later calls do nothing.
    ///
    /// ```swift
    /// maps.remove()
    /// ```
    public func remove() {
        handles.forEach { $0.remove() }
        handles.removeAll()
    }
}
