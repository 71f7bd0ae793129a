import Foundation

/// Lets the browser ask for every module the page needs at once. `index.html` names only
/// `app.js`; without a list, the browser finds the other modules one level of imports at a time,
/// a round trip per level before the first chart can be drawn. Only the modules the entry point
/// imports statically are listed: a dashboard that the page imports when it is opened, and a
/// worker's script, are left for when they are wanted.
enum ModulePreload {
    /// `html` with a `<link rel="modulepreload">` for each of `modules` (paths from the UI's
    /// root, such as `/app.js`) just before `</head>`; unchanged if it has no `</head>`.
    static func injecting(_ modules: [String], into html: Data) -> Data {
        guard let text = String(data: html, encoding: .utf8), let head = text.range(of: "</head>") else { return html }
        let links = modules.sorted().map { path in
            "  <link rel=\"modulepreload\" href=\"\(path.drop { $0 == "/" })\">\n"
        }.joined()
        return Data((text[..<head.lowerBound] + links + text[head.lowerBound...]).utf8)
    }

    /// `entry` and every module it imports statically, directly or through others, among
    /// `sources` (keyed by path from the UI's root, such as `/app.js`). Dynamic `import(…)` calls
    /// are not followed; an import of a module not in `sources` is ignored.
    static func staticClosure(of entry: String, in sources: [String: Data]) -> Set<String> {
        var found: Set<String> = []
        var pending = [entry]
        while let path = pending.popLast() {
            guard !found.contains(path), let source = sources[path] else { continue }
            found.insert(path)
            let directory = (path as NSString).deletingLastPathComponent
            for specifier in staticImports(in: String(decoding: source, as: UTF8.self)) {
                pending.append(resolve(specifier, from: directory))
            }
        }
        return found
    }

    /// The relative specifiers (`./x.js`, `../y.js`) of a module's static `import` statements,
    /// each starting a line and perhaps going on over several.
    static func staticImports(in source: String) -> [String] {
        var specifiers: [String] = []
        var statement: Substring? = nil // an import statement spread over several lines
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if statement == nil {
                let opens = trimmed.hasPrefix("import ") || trimmed.hasPrefix("import{") || trimmed.hasPrefix("import\"")
                guard opens else { continue }
                statement = trimmed
            } else {
                statement! += " " + trimmed
            }
            guard let text = statement, let specifier = quotedSpecifier(endingStatement: text) else { continue }
            statement = nil
            if specifier.hasPrefix("./") || specifier.hasPrefix("../") { specifiers.append(specifier) }
        }
        return specifiers
    }

    /// The string literal that ends an import statement (`… from "./x.js"`, `import "./x.js"`),
    /// or nil while the statement goes on.
    private static func quotedSpecifier(endingStatement text: Substring) -> String? {
        var end = text.endIndex
        while end > text.startIndex, " ;\t\r".contains(text[text.index(before: end)]) { end = text.index(before: end) }
        guard end > text.startIndex else { return nil }
        let closing = text[text.index(before: end)]
        guard closing == "\"" || closing == "'" else { return nil }
        let body = text[..<text.index(before: end)]
        guard let opening = body.lastIndex(of: closing) else { return nil }
        return String(body[body.index(after: opening)...])
    }

    /// `specifier` relative to `directory`, as a path from the UI's root.
    private static func resolve(_ specifier: String, from directory: String) -> String {
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
