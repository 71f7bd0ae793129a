// LumenVision: images and data for training and inspecting vision models, as torchvision
// offers them to PyTorch users: image files and tensors, grids, drawing, colour maps and
// overlays, transforms, datasets, the DataLoader, feature maps and class activation maps.
@_exported import LumenTensor
