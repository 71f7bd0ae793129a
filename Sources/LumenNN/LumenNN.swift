// LumenNN: modules, layers and module hooks over LumenTensor. Re-exported so that
// `import LumenNN` gives tensors too, as `torch.nn` code always has `torch`.
@_exported import LumenTensor
