import Foundation

/// The web UI's ES modules bundled into a few scripts when the board starts: the page's entry
/// with every module it imports statically in one, and for each module imported with
/// `import(…)` (a dashboard opened later) one more with what it needs beyond the entry's. That
/// script is served at the imported module's own path, so `import("./hparams.js")` fetches it
/// unchanged. A browser given 33 modules fetches, compiles and links each; on two busy cores
/// that cost the page about 0.2 s before its first chart.
///
/// Each module keeps its own scope: its text runs in a function returning the object of its
/// exports, called once, after the modules it imports (depth first, in import order, as a
/// browser evaluates a module graph), and kept in a registry all the scripts share
/// (`globalThis.lumenModules`). An import becomes a destructuring of that object: the same
/// values as a browser's live bindings, because a module exports only functions, classes and
/// constants (``UIModuleSource``) and no module can see another's before it has run (a cycle of
/// imports is an error).
enum ModuleBundle {
    /// Why the modules cannot be bundled.
    enum Problem: Error, CustomStringConvertible {
        case cycle([String])
        case missing(String, importedBy: String?)
        case notUTF8(String)

        var description: String {
            switch self {
            case .cycle(let paths): return "the imports go round in a cycle: \(paths.joined(separator: " → "))"
            case .missing(let path, let importer?): return "\(importer) imports \(path), which is not among the UI's files"
            case .missing(let path, nil): return "the entry \(path) is not among the UI's files"
            case .notUTF8(let path): return "\(path) is not UTF-8 text"
            }
        }
    }

    /// The scripts to serve in place of modules of `sources` (keyed by path from the UI's root,
    /// such as `/app.js`), by path: `entry`'s bundle, and one for each module imported with
    /// `import(…)` from a bundled module.
    /// - Throws: ``Problem`` or ``UIModuleSource/Unsupported``, naming the file at fault.
    static func scripts(entry: String, in sources: [String: Data]) throws -> [String: Data] {
        var graph = Graph(sources: sources)
        let first = try graph.evaluationOrder(from: entry)
        let loadedFirst = Set(first.map(\.path))
        var scripts = [entry: script(first, entry: first.last!)]
        var pending = first.flatMap(\.dynamicImports)
        while !pending.isEmpty {
            let target = pending.removeFirst()
            guard scripts[target] == nil else { continue }
            let order = try graph.evaluationOrder(from: target)
            // What the entry's bundle holds is loaded already: the page imports only from it.
            let needed = order.filter { !loadedFirst.contains($0.path) }
            scripts[target] = script(needed, entry: order.last!)
            pending += needed.flatMap(\.dynamicImports)
        }
        return scripts
    }

    /// The modules read so far, each once.
    private struct Graph {
        let sources: [String: Data]
        var parsed: [String: UIModuleSource] = [:]

        /// `root` and every module it imports statically, each after those it imports.
        mutating func evaluationOrder(from root: String) throws -> [UIModuleSource] {
            var order: [UIModuleSource] = []
            var done: Set<String> = []
            var trail: [String] = [] // the imports being followed, to name a cycle
            func visit(_ path: String) throws {
                guard !done.contains(path) else { return }
                if let start = trail.firstIndex(of: path) { throw Problem.cycle(Array(trail[start...]) + [path]) }
                let module = try self.module(path, importedBy: trail.last)
                trail.append(path)
                for line in module.imports.keys.sorted() { try visit(module.imports[line]!.path) }
                trail.removeLast()
                done.insert(path)
                order.append(module)
            }
            try visit(root)
            return order
        }

        private mutating func module(_ path: String, importedBy importer: String?) throws -> UIModuleSource {
            if let known = parsed[path] { return known }
            guard let data = sources[path] else { throw Problem.missing(path, importedBy: importer) }
            guard String(validating: data, as: UTF8.self) != nil else { throw Problem.notUTF8(path) }
            let module = try UIModuleSource(path: path, source: Array(data))
            parsed[path] = module
            return module
        }
    }

    /// One script: the registry's functions, then each of `modules` defined in order, then
    /// `entry`'s exports as the script's own (what `import(…)` of its path gives).
    private static func script(_ modules: [UIModuleSource], entry: UIModuleSource) -> Data {
        let out = """
            // The board's UI: \(entry.path) and the modules it needs that are not loaded before it,
            // bundled by the board when it started. Each module's text is unchanged but for its
            // import lines and export keywords, and runs in a function of its own.
            const lumenModules = (globalThis.lumenModules ??= new Map());
            function lumenDefine(path, factory) {
              if (!lumenModules.has(path)) lumenModules.set(path, factory());
            }
            function lumenRequire(path) {
              const exports = lumenModules.get(path);
              if (!exports) throw new Error(`The board's module ${path} is not loaded.`);
              return exports;
            }

            """
        var bytes = Array(out.utf8)
        for module in modules {
            bytes += "\n// \(module.path)\nlumenDefine(\(literal(module.path)), (() => {\n".utf8
            for (index, line) in module.lines.enumerated() {
                if let imported = module.imports[index] {
                    let names = imported.names.map { $0.imported == $0.local ? $0.local : "\($0.imported): \($0.local)" }
                    bytes += "const { \(names.joined(separator: ", ")) } = lumenRequire(\(literal(imported.path)));".utf8
                } else if module.exportLines.contains(index) {
                    bytes += line.dropFirst("export ".utf8.count)
                } else {
                    bytes += line
                }
                bytes.append(UInt8(ascii: "\n"))
            }
            bytes += "return { \(module.exports.joined(separator: ", ")) };\n}));\n".utf8
        }
        if !entry.exports.isEmpty {
            bytes += "\nexport const { \(entry.exports.joined(separator: ", ")) } = lumenRequire(\(literal(entry.path)));\n".utf8
        }
        return Data(bytes)
    }

    /// `text` as a JavaScript string literal.
    private static func literal(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
