/// One embedding named by a `projector_config.pbtxt`, with its paths as written there.
struct ProjectorConfigEntry: Sendable, Equatable {
    var tensorName = ""
    var tensorPath: String?
    var metadataPath: String?
    var spritePath: String?
    /// The width and height of one image in the sprite (`single_image_dim`, width first).
    var spriteImageSize: [Int] = []
    /// The line of the file where the entry starts.
    var line = 0
}

/// Reads `projector_config.pbtxt`, the projector's `ProjectorConfig` message in protobuf text
/// format: `embeddings { tensor_name tensor_path metadata_path bookmarks_path tensor_shape
/// sprite { image_path single_image_dim } }` and the checkpoint fields.
enum ProjectorConfigText {
    /// The embeddings of the config in `text`, read from the file named `file`.
    /// - Throws: ``ProjectorFileError`` naming the line of the first token that does not fit.
    static func entries(_ text: String, file: String) throws -> [ProjectorConfigEntry] {
        var tokens = Tokens(text: Array(text.utf8), file: file)
        var entries: [ProjectorConfigEntry] = []
        while let (name, line) = try tokens.fieldName() {
            switch name {
            case "embeddings":
                try tokens.open(name)
                var entry = ProjectorConfigEntry(line: line)
                while let (field, _) = try tokens.fieldName(inMessage: true) {
                    switch field {
                    case "tensor_name": entry.tensorName = try tokens.string(field)
                    case "tensor_path": entry.tensorPath = try tokens.string(field)
                    case "metadata_path": entry.metadataPath = try tokens.string(field)
                    case "bookmarks_path": _ = try tokens.string(field)
                    case "tensor_shape": _ = try tokens.integer(field)
                    case "sprite":
                        try tokens.open(field)
                        while let (spriteField, _) = try tokens.fieldName(inMessage: true) {
                            switch spriteField {
                            case "image_path": entry.spritePath = try tokens.string(spriteField)
                            case "single_image_dim": entry.spriteImageSize.append(try tokens.integer(spriteField))
                            default: throw tokens.error("unknown field \(spriteField.debugDescription) in sprite")
                            }
                        }
                    default: throw tokens.error("unknown field \(field.debugDescription) in embeddings")
                    }
                }
                entries.append(entry)
            case "model_checkpoint_path", "model_checkpoint_dir": _ = try tokens.string(name)
            default: throw tokens.error("unknown field \(name.debugDescription)")
            }
        }
        return entries
    }

    /// The tokens of protobuf text format, with the line each starts on.
    private struct Tokens {
        let text: [UInt8]
        let file: String
        var position = 0
        var line = 1

        init(text: [UInt8], file: String) {
            self.text = text
            self.file = file
        }

        func error(_ message: String) -> ProjectorFileError { ProjectorFileError(file: file, line: line, message: message) }

        mutating func skipSpace() {
            while position < text.count {
                switch text[position] {
                case 0x0A: line += 1; position += 1
                case 0x20, 0x09, 0x0D, 0x0B, 0x0C: position += 1
                case 0x23: while position < text.count, text[position] != 0x0A { position += 1 }
                default: return
                }
            }
        }

        /// The next field's name; nil at the end of the file, or at the `}` closing a message
        /// when `inMessage`.
        mutating func fieldName(inMessage: Bool = false) throws -> (String, Int)? {
            skipSpace()
            guard position < text.count else {
                if inMessage { throw error("the file ends inside a message (a `}` is missing)") }
                return nil
            }
            if text[position] == 0x7D {
                guard inMessage else { throw error("`}` closes no message") }
                position += 1
                return nil
            }
            let start = position
            while position < text.count, Self.isNameByte(text[position]) { position += 1 }
            guard position > start else { throw error("expected a field name, found \(Self.describe(text[position]))") }
            return (String(decoding: text[start..<position], as: UTF8.self), line)
        }

        /// A message's opening: `name {` or `name: {`.
        mutating func open(_ name: String) throws {
            skipSpace()
            if position < text.count, text[position] == 0x3A { position += 1; skipSpace() }
            guard position < text.count, text[position] == 0x7B else { throw error("\(name) should be a message `{ … }`") }
            position += 1
        }

        mutating func colon(_ name: String) throws {
            skipSpace()
            guard position < text.count, text[position] == 0x3A else { throw error("expected `:` after \(name)") }
            position += 1
            skipSpace()
        }

        mutating func integer(_ name: String) throws -> Int {
            try colon(name)
            let start = position
            if position < text.count, text[position] == 0x2D { position += 1 }
            while position < text.count, text[position] &- 0x30 < 10 { position += 1 }
            guard let value = Int(String(decoding: text[start..<position], as: UTF8.self)) else {
                throw error("\(name) should be an integer")
            }
            return value
        }

        /// A string value: one or more adjacent quoted parts, with C escapes (`\n`, `\t`, `\\`,
        /// `\"`, `\'`, octal `\ooo`, hex `\xHH`).
        mutating func string(_ name: String) throws -> String {
            try colon(name)
            var bytes: [UInt8] = []
            var parts = 0
            while position < text.count, text[position] == 0x22 || text[position] == 0x27 {
                let quote = text[position]
                position += 1
                while true {
                    guard position < text.count, text[position] != 0x0A else { throw error("\(name)'s string is not closed") }
                    let byte = text[position]
                    position += 1
                    if byte == quote { break }
                    guard byte == 0x5C else { bytes.append(byte); continue }
                    guard position < text.count else { throw error("\(name)'s string ends in a lone backslash") }
                    let escaped = text[position]
                    position += 1
                    switch escaped {
                    case 0x6E: bytes.append(0x0A)
                    case 0x74: bytes.append(0x09)
                    case 0x72: bytes.append(0x0D)
                    case 0x22, 0x27, 0x5C, 0x3F: bytes.append(escaped)
                    case 0x61: bytes.append(0x07)
                    case 0x62: bytes.append(0x08)
                    case 0x66: bytes.append(0x0C)
                    case 0x76: bytes.append(0x0B)
                    case 0x30...0x37:
                        var value = Int(escaped - 0x30)
                        for _ in 0..<2 where position < text.count && (0x30...0x37).contains(text[position]) {
                            value = value * 8 + Int(text[position] - 0x30)
                            position += 1
                        }
                        guard value < 256 else { throw error("\(name) has an octal escape above \\377") }
                        bytes.append(UInt8(value))
                    case 0x78:
                        var value = 0, count = 0
                        while count < 2, position < text.count, let digit = Self.hexDigit(text[position]) {
                            value = value * 16 + digit; count += 1; position += 1
                        }
                        guard count > 0 else { throw error("\(name) has `\\x` without hex digits") }
                        bytes.append(UInt8(value))
                    default: throw error("\(name) has an unknown escape `\\\(String(decoding: [escaped], as: UTF8.self))`")
                    }
                }
                parts += 1
                skipSpace()
            }
            guard parts > 0 else { throw error("\(name) should be a quoted string") }
            guard let string = String(validating: bytes, as: UTF8.self) else { throw error("\(name) is not valid UTF-8") }
            return string
        }

        static func isNameByte(_ byte: UInt8) -> Bool {
            byte == 0x5F || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte &- 0x30 < 10
        }

        static func hexDigit(_ byte: UInt8) -> Int? {
            switch byte {
            case 0x30...0x39: Int(byte - 0x30)
            case 0x61...0x66: Int(byte - 0x61 + 10)
            case 0x41...0x46: Int(byte - 0x41 + 10)
            default: nil
            }
        }

        static func describe(_ byte: UInt8) -> String {
            byte >= 0x20 && byte < 0x7F ? "`\(String(decoding: [byte], as: UTF8.self))`" : "byte 0x\(String(byte, radix: 16))"
        }
    }
}
