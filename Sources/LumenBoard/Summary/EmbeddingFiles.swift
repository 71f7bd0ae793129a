import Foundation
import LumenPNG

/// The files of one embedding for TensorBoard's projector, laid out as PyTorch's
/// `add_embedding` lays them out under the log directory:
/// `<step, zero-padded to 5>/<tag, with % / \ percent-encoded>/` holding `tensors.tsv` (one
/// row per point, Python's float text, tab-separated), `metadata.tsv` (one label per line, or
/// a header line and tab-separated columns) and `sprite.png`.
struct EmbeddingFiles {
    /// The folder, relative to the log directory.
    let folder: String
    let tensorName: String
    let tensors: String
    let metadata: String?
    let sprite: PNGImage?
    let labelImageSize: (width: Int, height: Int)?

    /// - Parameters:
    ///   - metadata: One row of columns per point; without `header`, one column.
    /// - Throws: ``SummaryArgumentError`` naming the argument whose sizes do not fit the
    ///   matrix's, or a label holding a tab or line break (it would shift the TSV's columns).
    init(matrix: [[Float]], metadata: [[String]]?, header: [String]?, labelImages: LabelImages?, tag: String, step: Int) throws {
        guard let columns = matrix.first?.count, columns > 0 else {
            throw SummaryArgumentError("matrix", "\(matrix.count) rows of \(matrix.first?.count ?? 0) values; an embedding needs at least one of each")
        }
        if let row = matrix.firstIndex(where: { $0.count != columns }) {
            throw SummaryArgumentError("matrix", "row \(row) has \(matrix[row].count) values, but row 0 has \(columns)")
        }
        if let metadata {
            try Self.checkMetadata(metadata, header: header, points: matrix.count)
            let lines = (header.map { [$0] } ?? []) + metadata
            self.metadata = lines.map { $0.joined(separator: "\t") + "\n" }.joined()
        } else {
            self.metadata = nil
        }
        sprite = try labelImages?.sprite(points: matrix.count)
        labelImageSize = labelImages.map { (width: $0.shape[3], height: $0.shape[2]) }
        tensors = matrix.map { row in row.map { PythonFloatText.repr(Double($0)) }.joined(separator: "\t") + "\n" }.joined()
        let paddedStep = Self.zeroPadded(step)
        folder = paddedStep + "/" + Self.folderName(tag)
        tensorName = tag + ":" + paddedStep
    }

    private static func checkMetadata(_ metadata: [[String]], header: [String]?, points: Int) throws {
        guard metadata.count == points else {
            throw SummaryArgumentError("metadata", "\(metadata.count) rows, but the matrix has \(points)")
        }
        let columns = header?.count ?? 1
        if let row = metadata.firstIndex(where: { $0.count != columns }) {
            throw SummaryArgumentError(
                header == nil ? "metadata" : "metadataHeader",
                "\(columns) columns in the header, but metadata row \(row) has \(metadata[row].count)")
        }
        for (row, fields) in ((header.map { [$0] } ?? []) + metadata).enumerated() {
            if let field = fields.first(where: { $0.contains(where: { "\t\n\r".contains($0) }) }) {
                let name = header == nil ? "metadata" : row == 0 ? "metadataHeader" : "metadata"
                throw SummaryArgumentError(name, "\(field.debugDescription) holds a tab or line break, which would break the TSV")
            }
        }
    }

    /// Python's `str(step).zfill(5)`: "00042", "-0001", "123456".
    static func zeroPadded(_ step: Int) -> String {
        let digits = String(step.magnitude)
        let sign = step < 0 ? "-" : ""
        return sign + String(repeating: "0", count: max(0, 5 - sign.count - digits.count)) + digits
    }

    /// The tag as a folder name: `%` → `%25`, `/` → `%2f`, `\` → `%5c`.
    static func folderName(_ tag: String) -> String {
        tag.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "/", with: "%2f")
            .replacingOccurrences(of: "\\", with: "%5c")
    }

    /// The projector config's entry for these files.
    var projectorEmbedding: ProjectorConfig.Embedding {
        ProjectorConfig.Embedding(
            tensorName: tensorName, tensorPath: folder + "/tensors.tsv", metadataPath: metadata.map { _ in folder + "/metadata.tsv" },
            spriteImagePath: sprite.map { _ in folder + "/sprite.png" }, spriteImageSize: labelImageSize)
    }

    /// Writes the files into `<logDir>/<folder>/`, replacing earlier ones.
    func write(in logDir: String) throws {
        let directory = (logDir as NSString).appendingPathComponent(folder)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        func save(_ bytes: some Sequence<UInt8>, _ name: String) throws {
            try Data(bytes).write(to: URL(fileURLWithPath: (directory as NSString).appendingPathComponent(name)))
        }
        if let metadata { try save(metadata.utf8, "metadata.tsv") }
        if let sprite { try save(PNGEncoder.encode(sprite), "sprite.png") }
        try save(tensors.utf8, "tensors.tsv")
    }
}
