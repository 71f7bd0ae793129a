import Foundation

/// Lets the browser ask for every module of the page at once. `index.html` names only `app.js`;
/// without a list, the browser finds the other modules one level of imports at a time, a round
/// trip per level before the first chart can be drawn.
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
}
