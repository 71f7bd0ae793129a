import Foundation

/// One of the web UI's ES modules, read for bundling (``ModuleBundle``): what it imports and
/// exports, found line by line in the forms the UI is written in, and nothing else.
///
/// - A static import is one line starting the line: `import { a, b as c } from "./x.js";`.
/// - An export starts its line: `export function f`, `export async function f`,
///   `export class C` or `export const K`.
/// - A dynamic import is `import("./x.js")` anywhere in the text.
///
/// Any other line starting with `import` or `export` is an error naming the file and line, so
/// that a form the bundler does not rewrite is never served half-rewritten.
struct UIModuleSource {
    /// One static import: the names taken (as imported, and as bound here) and the module's path.
    struct Import {
        let names: [(imported: String, local: String)]
        let path: String
    }

    /// Why a module cannot be bundled.
    struct Unsupported: Error, CustomStringConvertible {
        let path: String
        let line: Int
        let reason: String
        var description: String { "\(path) line \(line): \(reason)" }
    }

    /// Names the bundle's own code uses: a module declaring one would hide the bundle's.
    static let reservedNames = ["lumenModules", "lumenDefine", "lumenRequire"]

    /// The module's path from the UI's root, such as `/app.js`.
    let path: String
    /// The source's lines, as UTF-8 bytes.
    let lines: [ArraySlice<UInt8>]
    /// Static imports, by the index of their line.
    let imports: [Int: Import]
    /// Lines that start with `export `, by index.
    let exportLines: Set<Int>
    /// The names exported, in order.
    let exports: [String]
    /// Paths of the modules imported with `import(…)`, in order of appearance.
    let dynamicImports: [String]

    /// - Throws: ``Unsupported`` for an import or export form not listed above, a module
    ///   specifier that is not relative, or a reserved name in the source.
    init(path: String, source: [UInt8]) throws {
        self.path = path
        lines = source.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let directory = (path as NSString).deletingLastPathComponent
        var imports: [Int: Import] = [:]
        var exportLines: Set<Int> = []
        var exports: [String] = []
        for (index, bytes) in lines.enumerated() {
            func unsupported(_ reason: String) -> Unsupported { Unsupported(path: path, line: index + 1, reason: reason) }
            // Only lines starting with an import or export are read as text.
            guard bytes.starts(with: Self.importWord) || bytes.starts(with: Self.exportWord) else { continue }
            let line = Substring(String(decoding: bytes, as: UTF8.self))
            if ["import ", "import{", "import\"", "import'", "import*"].contains(where: line.hasPrefix) {
                guard let parsed = Self.staticImport(line) else { throw unsupported("not an import of the form `import { a, b as c } from \"./x.js\";`") }
                guard Self.isRelative(parsed.specifier) else { throw unsupported("module specifier \"\(parsed.specifier)\" is not relative") }
                imports[index] = Import(names: parsed.names, path: Self.resolve(parsed.specifier, from: directory))
            } else if ["export ", "export{", "export*"].contains(where: line.hasPrefix) {
                guard let name = Self.exportedName(line) else { throw unsupported("not an export of the form `export function|async function|class|const name`") }
                exportLines.insert(index)
                exports.append(name)
            }
        }
        for name in Self.reservedNames where Self.find(Array(name.utf8), in: source, from: 0) != nil {
            throw Unsupported(path: path, line: 0, reason: "uses the name \(name), which the bundle's own code uses")
        }
        self.imports = imports
        self.exportLines = exportLines
        self.exports = exports
        dynamicImports = try Self.dynamicSpecifiers(in: source, path: path).map { Self.resolve($0, from: directory) }
    }

    /// `import { a, b as c } from "./x.js";` → its names and specifier; nil for any other form.
    private static func staticImport(_ line: Substring) -> (names: [(imported: String, local: String)], specifier: String)? {
        var rest = line.trimmingSuffix(while: { $0 == " " || $0 == "\r" })
        guard rest.hasPrefix("import {"), rest.hasSuffix(";"), let close = rest.firstIndex(of: "}") else { return nil }
        let list = rest[rest.index(rest.startIndex, offsetBy: 8)..<close]
        rest = rest[rest.index(after: close)...].dropLast()
        guard rest.hasPrefix(" from "), let specifier = quoted(rest.dropFirst(6)) else { return nil }
        var names: [(imported: String, local: String)] = []
        for item in list.split(separator: ",") {
            let words = item.split(separator: " ")
            switch words.count {
            case 1 where isIdentifier(words[0]): names.append((imported: String(words[0]), local: String(words[0])))
            case 3 where words[1] == "as" && isIdentifier(words[0]) && isIdentifier(words[2]): names.append((imported: String(words[0]), local: String(words[2])))
            default: return nil
            }
        }
        guard !names.isEmpty else { return nil }
        return (names: names, specifier: specifier)
    }

    /// The name a line starting with `export` declares, or nil for a form not rewritten.
    private static func exportedName(_ line: Substring) -> String? {
        for form in ["export function ", "export async function ", "export class ", "export const "] where line.hasPrefix(form) {
            let name = line.dropFirst(form.count).prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "$" }
            return isIdentifier(name) ? String(name) : nil
        }
        return nil
    }

    private static let importWord = Array("import".utf8)
    private static let exportWord = Array("export".utf8)
    private static let importCall = Array("import(".utf8)

    /// The specifiers of `import("…")` calls in `source`.
    private static func dynamicSpecifiers(in source: [UInt8], path: String) throws -> [String] {
        var found: [String] = []
        var from = 0
        while let call = find(importCall, in: source, from: from) {
            let argument = call + importCall.count
            let close = source[argument...].firstIndex(of: UInt8(ascii: ")"))
            let text = close.map { Substring(String(decoding: source[argument..<$0], as: UTF8.self)) }
            guard let close, let text, let specifier = quoted(text), isRelative(specifier) else {
                let line = source[..<call].count { $0 == UInt8(ascii: "\n") } + 1
                throw Unsupported(path: path, line: line, reason: "import(…) takes something other than a relative module path in quotes")
            }
            found.append(specifier)
            from = close
        }
        return found
    }

    /// Where `pattern` first occurs in `bytes` at or after `start`.
    private static func find(_ pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = pattern.first, bytes.count >= pattern.count else { return nil }
        var index = start
        while index <= bytes.count - pattern.count {
            if bytes[index] == first && bytes[index..<index + pattern.count].elementsEqual(pattern) { return index }
            index += 1
        }
        return nil
    }

    /// The text of `"…"` or `'…'` making up all of `text`, else nil.
    private static func quoted(_ text: Substring) -> String? {
        guard text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first else { return nil }
        let inner = text.dropFirst().dropLast()
        return inner.contains(first) ? nil : String(inner)
    }

    private static func isRelative(_ specifier: String) -> Bool {
        specifier.hasPrefix("./") || specifier.hasPrefix("../")
    }

    private static func isIdentifier(_ word: Substring) -> Bool {
        guard let first = word.first, !first.isNumber else { return false }
        return word.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "$" }
    }

    /// `specifier` relative to `directory`, as a path from the UI's root.
    static func resolve(_ specifier: String, from directory: String) -> String {
        var parts = directory.split(separator: "/").map(String.init)
        for part in specifier.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(String(part))
            }
        }
        return "/" + parts.joined(separator: "/")
    }
}

private extension Substring {
    func trimmingSuffix(while drop: (Character) -> Bool) -> Substring {
        var end = endIndex
        while end > startIndex, drop(self[index(before: end)]) { end = index(before: end) }
        return self[..<end]
    }
}
