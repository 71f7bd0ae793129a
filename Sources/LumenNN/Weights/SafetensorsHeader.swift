/// The JSON header of a safetensors file: an object mapping each tensor's name to its entry,
/// with an optional `__metadata__` object of strings.
struct SafetensorsHeader: Decodable {
    /// Where one tensor's bytes are and how to read them.
    struct Entry: Decodable {
        let dtype: String
        let shape: [Int]
        let dataOffsets: [Int]

        private enum CodingKeys: String, CodingKey {
            case dtype, shape
            case dataOffsets = "data_offsets"
        }
    }

    private struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// The tensors' entries, in no particular order.
    let entries: [(key: String, entry: Entry)]
    /// `__metadata__`, empty when absent or `null`.
    let metadata: [String: String]

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        var entries: [(key: String, entry: Entry)] = []
        var metadata: [String: String] = [:]
        for key in container.allKeys {
            if key.stringValue == "__metadata__" {
                metadata = try container.decodeIfPresent([String: String].self, forKey: key) ?? [:]
            } else {
                entries.append((key.stringValue, try container.decode(Entry.self, forKey: key)))
            }
        }
        self.entries = entries
        self.metadata = metadata
    }
}
