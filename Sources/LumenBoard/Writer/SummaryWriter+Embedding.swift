import Foundation

extension SummaryWriter {
    /// Saves an embedding for TensorBoard's projector, in the files and folders PyTorch's
    /// `add_embedding(mat, metadata, label_img, global_step, tag)` writes: the matrix as
    /// `<logDir>/<step, 5 digits>/<tag>/tensors.tsv` (numbers as Python prints them), the labels
    /// as `metadata.tsv` beside it, the label images as `sprite.png`, and an entry for it in
    /// `<logDir>/projector_config.pbtxt`, which lists every embedding this writer has logged.
    /// The files are written before the call returns; logging the same tag and step again
    /// replaces them.
    ///
    /// ### Example
    /// ```swift
    /// try writer.addEmbedding(features, metadata: classNames, labelImages: LabelImages(pixels, shape: [n, 1, 8, 8]))
    /// ```
    ///
    /// - Parameters:
    ///   - matrix: One row of features per point.
    ///   - metadata: One label per point.
    ///   - labelImages: One image per point, shown in the projector in place of a dot.
    ///   - tag: The embedding's name (`/`, `%` and `\` are percent-encoded in its folder's name).
    ///   - step: The step it belongs to.
    /// - Throws: ``SummaryArgumentError`` naming the argument whose sizes do not fit the
    ///   matrix (ragged rows, a label count or an image count or shape that differs) or a label
    ///   with a tab or line break; a file system error when a file cannot be written;
    ///   ``EventFileError/cannotCreateLogDir(path:reason:)`` when ``SummaryWriter/storage`` is
    ///   not local files (embeddings are written to local log directories only).
    public func addEmbedding(
        _ matrix: [[Float]], metadata: [String]? = nil, labelImages: LabelImages? = nil, tag: String = "default", step: Int = 0
    ) throws {
        let files = try EmbeddingFiles(
            matrix: matrix, metadata: metadata?.map { [$0] }, header: nil, labelImages: labelImages, tag: tag, step: step)
        try save(files)
    }

    /// Saves an embedding whose points have several labels each: `metadataHeader` names the
    /// columns, `metadata` holds one row of them per point; otherwise as the one-label form.
    ///
    /// ```swift
    /// try writer.addEmbedding(features, metadata: [["cat", "train"], ["dog", "test"]], metadataHeader: ["class", "split"])
    /// ```
    ///
    /// - Throws: ``SummaryArgumentError`` as the one-label form, and when a row's column count
    ///   differs from the header's.
    public func addEmbedding(
        _ matrix: [[Float]], metadata: [[String]], metadataHeader: [String], labelImages: LabelImages? = nil, tag: String = "default",
        step: Int = 0
    ) throws {
        let files = try EmbeddingFiles(
            matrix: matrix, metadata: metadata, header: metadataHeader, labelImages: labelImages, tag: tag, step: step)
        try save(files)
    }

    private func save(_ files: EmbeddingFiles) throws {
        guard storage is LocalEventFileStorage else {
            throw EventFileError.cannotCreateLogDir(path: logDir, reason: "embeddings are written to local log directories only")
        }
        try projectorConfig.withLock { config in
            try files.write(in: logDir)
            config.embeddings.append(files.projectorEmbedding)
            let path = (logDir as NSString).appendingPathComponent("projector_config.pbtxt")
            try Data(config.text.utf8).write(to: URL(fileURLWithPath: path))
        }
    }
}
