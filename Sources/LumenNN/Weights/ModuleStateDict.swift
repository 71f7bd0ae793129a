import LumenTensor

extension Module {
    /// Every parameter and buffer under torch's key names: per module its parameters, then its
    /// buffers, then its children's entries, depth first, as torch's `state_dict()`. A tensor
    /// reachable under two names (tied weights) appears under both.
    ///
    /// Keys are the dotted paths of ``namedParameters()`` with each Swift camel-case label
    /// spelled in torch's snake case (``torchName(_:)``), so `BatchNorm2d`'s `runningMean` is
    /// `running_mean` and a checkpoint from PyTorch loads as it is. The tensors are detached
    /// copies of the values at the time of the call (torch's share memory with the model).
    ///
    /// ```swift
    /// BatchNorm2d(4).stateDict().keys   // ["weight", "bias", "running_mean", "running_var", "num_batches_tracked"]
    /// ```
    public func stateDict() -> StateDict {
        StateDict(stateEntries(prefix: "").map { (key: $0.key, tensor: $0.tensor.detach()) })
    }

    /// Copies the tensors of `stateDict` into this module's parameters and buffers, as torch's
    /// `load_state_dict`. Nothing is changed unless every shape matches.
    ///
    /// With `strict` (the default) every key must match: a missing or unexpected key throws. With
    /// `strict: false` the matching keys load and the others are returned. As in torch, a
    /// batch normalization's `num_batches_tracked` may be missing; the module keeps its count.
    ///
    /// ```swift
    /// let weights = try SafetensorsFile(contentsOf: url).tensors
    /// let (missing, unexpected) = try model.loadStateDict(weights, strict: false)
    /// ```
    /// - Throws: ``LoadStateDictError`` naming the missing and unexpected keys and every key whose
    ///   shape differs, in torch's wording.
    @discardableResult
    public func loadStateDict(_ stateDict: StateDict, strict: Bool = true) throws -> (missingKeys: [String], unexpectedKeys: [String]) {
        let targets = stateEntries(prefix: "")
        let targetKeys = Set(targets.map(\.key))
        var error = LoadStateDictError(moduleName: typeName)
        error.unexpectedKeys = stateDict.keys.filter { !targetKeys.contains($0) }
        for (key, target, optional) in targets {
            guard let source = stateDict[key] else {
                if !optional { error.missingKeys.append(key) }
                continue
            }
            if source.shape != target.shape {
                error.sizeMismatches.append(.init(key: key, checkpointShape: source.shape, modelShape: target.shape))
            }
        }
        let fatal = !error.sizeMismatches.isEmpty || (strict && !(error.missingKeys.isEmpty && error.unexpectedKeys.isEmpty))
        if fatal {
            if !strict { (error.missingKeys, error.unexpectedKeys) = ([], []) }
            throw error
        }
        withNoGrad {
            for (key, target, _) in targets {
                if let source = stateDict[key] { target.assign(source) }
            }
        }
        return (error.missingKeys, error.unexpectedKeys)
    }

    /// The state-dict entries below this module, keys prefixed with `prefix`. An entry is
    /// `optional` when torch fills it in if a checkpoint lacks it: batch normalization's
    /// `num_batches_tracked`, which checkpoints without version metadata (safetensors files)
    /// may omit; the module then keeps its count.
    private func stateEntries(prefix: String) -> [(key: String, tensor: Tensor, optional: Bool)] {
        var parameters: [(key: String, tensor: Tensor, optional: Bool)] = []
        var buffers: [(key: String, tensor: Tensor, optional: Bool)] = []
        var children: [(key: String, tensor: Tensor, optional: Bool)] = []
        for item in items {
            switch item {
            case .parameter(let name, let tensor):
                parameters.append((prefix + Self.torchName(name), tensor, false))
            case .buffer(let name, let tensor):
                let optional = self is BatchNorm && name == "numBatchesTracked"
                buffers.append((prefix + Self.torchName(name), tensor, optional))
            case .module(let name, let module):
                children += module.stateEntries(prefix: prefix + Self.torchName(name) + ".")
            }
        }
        return parameters + buffers + children
    }

    /// The torch spelling of a Swift property path: each camel-case word becomes a lower-case,
    /// underscore-separated one (`runningMean` → `running_mean`, `qkvProj.0` → `qkv_proj.0`,
    /// `URLTable` → `url_table`); names without capitals are unchanged.
    ///
    /// ```swift
    /// Module.torchName("numBatchesTracked")   // "num_batches_tracked"
    /// ```
    public static func torchName(_ name: String) -> String {
        let characters = Array(name)
        var result = ""
        for (index, character) in characters.enumerated() {
            if character.isUppercase, index > 0 {
                let previous = characters[index - 1]
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                let startsWord = previous.isLowercase || previous.isNumber
                    || (previous.isUppercase && next?.isLowercase == true)
                if startsWord { result.append("_") }
            }
            result += character.lowercased()
        }
        return result
    }
}

/// Why ``Module/loadStateDict(_:strict:)`` refused a state dict; its description is torch's
/// message (`Error(s) in loading state_dict for LeNet: …`).
public struct LoadStateDictError: Error, CustomStringConvertible {
    /// A key whose tensor has a different shape in the checkpoint than in the model.
    public struct SizeMismatch: Equatable, Sendable {
        public let key: String
        public let checkpointShape: [Int]
        public let modelShape: [Int]
    }

    /// The type name of the module being loaded.
    public let moduleName: String
    /// Keys the module has and the state dict lacks (reported only when loading strictly).
    public var missingKeys: [String] = []
    /// Keys of the state dict the module does not have (reported only when loading strictly).
    public var unexpectedKeys: [String] = []
    /// Keys whose shapes differ.
    public var sizeMismatches: [SizeMismatch] = []

    init(moduleName: String) { self.moduleName = moduleName }

    public var description: String {
        var lines: [String] = []
        func quoted(_ keys: [String]) -> String { keys.map { "\"\($0)\"" }.joined(separator: ", ") }
        if !missingKeys.isEmpty { lines.append("Missing key(s) in state_dict: \(quoted(missingKeys)). ") }
        if !unexpectedKeys.isEmpty { lines.append("Unexpected key(s) in state_dict: \(quoted(unexpectedKeys)). ") }
        for mismatch in sizeMismatches {
            lines.append("size mismatch for \(mismatch.key): copying a param with shape torch.Size(\(mismatch.checkpointShape)) "
                         + "from checkpoint, the shape in current model is torch.Size(\(mismatch.modelShape)).")
        }
        return "Error(s) in loading state_dict for \(moduleName):\n\t" + lines.joined(separator: "\n\t")
    }
}
