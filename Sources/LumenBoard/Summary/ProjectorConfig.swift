/// The embedding projector's `projector_config.pbtxt`: one entry per logged embedding, in
/// protobuf text format exactly as PyTorch's `add_embedding` writes it (Python protobuf's
/// `text_format.MessageToString`: fields in number order, two-space indents, strings C-escaped
/// with non-ASCII characters kept as UTF-8).
struct ProjectorConfig: Sendable {
    /// One embedding: its tensor's name and where its files are, relative to the log directory.
    struct Embedding: Sendable {
        var tensorName: String
        var tensorPath: String
        var metadataPath: String?
        var spriteImagePath: String?
        /// The width and height of one label image in the sprite.
        var spriteImageSize: (width: Int, height: Int)?
    }

    var embeddings: [Embedding] = []

    /// The file's text.
    var text: String {
        var text = ""
        for embedding in embeddings {
            text += "embeddings {\n"
            text += "  tensor_name: \(Self.quoted(embedding.tensorName))\n"
            if let path = embedding.metadataPath { text += "  metadata_path: \(Self.quoted(path))\n" }
            if let path = embedding.spriteImagePath, let size = embedding.spriteImageSize {
                text += "  sprite {\n"
                text += "    image_path: \(Self.quoted(path))\n"
                text += "    single_image_dim: \(size.width)\n"
                text += "    single_image_dim: \(size.height)\n"
                text += "  }\n"
            }
            text += "  tensor_path: \(Self.quoted(embedding.tensorPath))\n"
            text += "}\n"
        }
        return text
    }

    /// A string literal of protobuf text format: `"` `'` `\` and ASCII control characters
    /// escaped (`\n`, `\r`, `\t`, others as three octal digits).
    static func quoted(_ string: String) -> String {
        var literal = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\n": literal += "\\n"
            case "\r": literal += "\\r"
            case "\t": literal += "\\t"
            case "\"", "'", "\\": literal += "\\" + String(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let octal = String(scalar.value, radix: 8)
                literal += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
            default: literal.unicodeScalars.append(scalar)
            }
        }
        return literal + "\""
    }
}
