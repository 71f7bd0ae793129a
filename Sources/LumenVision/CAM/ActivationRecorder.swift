import LumenNN
import LumenTensor

/// Records the target layers' outputs during a forward pass and, through a tensor hook on each,
/// their gradients during backward (pytorch-grad-cam's `ActivationsAndGradients`): entries are
/// in the order the layers ran, and the gradient of an output is stored beside it.
final class ActivationRecorder {
    struct Entry {
        let layerName: String
        let activations: Tensor
        var gradients: Tensor?
    }

    private(set) var entries: [Entry] = []

    /// Runs `body` with the recording hooks on `layers` (named by `names`), then removes them.
    func recording<Result>(_ layers: [Module], names: [String], gradients: Bool, _ body: () throws -> Result) rethrows -> Result {
        entries = []
        let handles = zip(layers, names).map { layer, name in
            layer.registerForwardHook { [unowned self] _, _, output in
                let index = entries.count
                entries.append(Entry(layerName: name, activations: output.detach(), gradients: nil))
                guard gradients, output.requiresGrad else { return }
                output.registerHook { [unowned self] grad in entries[index].gradients = grad.detach() }
            }
        }
        defer { handles.forEach { $0.remove() } }
        return try body()
    }
}
