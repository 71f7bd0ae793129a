import Foundation

/// The settings of one profile in the AWS CLI's shared files, `~/.aws/credentials` and
/// `~/.aws/config` (INI: `[name]` in the first, `[profile name]` or `[default]` in the second).
/// A nested block such as `s3 =` followed by indented `addressing_style = path` is kept as
/// `s3.addressing_style`.
struct AWSConfigFile {
    /// Settings by section name (`profile ` prefixes removed), then by key.
    private(set) var sections: [String: [String: String]] = [:]

    /// Reads `path`; an absent file has no sections.
    /// - Throws: when the file exists but cannot be read.
    init(path: String, isConfigFile: Bool) throws {
        let text = FileManager.default.fileExists(atPath: path) ? try String(contentsOfFile: path, encoding: .utf8) : ""
        self.init(text: text, isConfigFile: isConfigFile)
    }

    init(text: String, isConfigFile: Bool) {
        var section: String?
        var parent: String?
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let indented = rawLine.first == " " || rawLine.first == "\t"
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                var name = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
                if isConfigFile && name.hasPrefix("profile ") { name = name.dropFirst(8).trimmingCharacters(in: .whitespaces) }
                section = name
                parent = nil
                continue
            }
            guard let section, let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if indented, let parent {
                sections[section, default: [:]]["\(parent).\(key)"] = value
            } else {
                parent = value.isEmpty ? key : nil
                if !value.isEmpty { sections[section, default: [:]][key] = value }
            }
        }
    }

    /// The value of `key` in profile `profile`, if set.
    func value(_ key: String, profile: String) -> String? { sections[profile]?[key] }
}
