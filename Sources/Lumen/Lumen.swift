// Lumen: see inside neural-network training. This umbrella module re-exports Lumen's parts.
@_exported import LumenBoard
@_exported import LumenTensor
@_exported import LumenNN
@_exported import LumenVision
