import Foundation
import Testing
@testable import LumenServer

@Suite("Bundling the UI's modules")
struct ModuleBundleTests {
    private static func sources(_ files: [String: String]) -> [String: Data] {
        files.mapValues { Data($0.utf8) }
    }

    private static func text(_ scripts: [String: Data], _ path: String) throws -> String {
        String(decoding: try #require(scripts[path]), as: UTF8.self)
    }

    /// The paths a script defines, in order.
    private static func defined(_ script: String) -> [String] {
        script.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("lumenDefine(\"") else { return nil }
            return String(line.dropFirst(13).prefix { $0 != "\"" })
        }
    }

    @Test("Each module runs after those it imports, in import order; imports and exports are rewritten, nothing else")
    func entryScript() throws {
        let scripts = try ModuleBundle.scripts(entry: "/app.js", in: Self.sources([
            "/app.js": """
                import { b } from "./lib/b.js";
                import { a, helper as help } from "./a.js";
                const lazy = () => import("./lazy.js");
                const text = "import { y } from './in-a-string.js'";
                b(a, help);
                """,
            "/a.js": "import { c } from \"./c.js\";\nexport const a = c + 1;\nexport function helper() {}\n",
            "/lib/b.js": "import { c } from \"../c.js\";\nexport async function b() { return c; }\n",
            "/c.js": "export class C {}\nexport const c = 1;\n",
            "/lazy.js": "import { a } from \"./a.js\";\nimport { d } from \"./d.js\";\nexport const lazy = a + d;\n",
            "/d.js": "export const d = 2;\n",
            "/unused.js": "export const unused = 0;\n",
        ]))
        #expect(Set(scripts.keys) == ["/app.js", "/lazy.js"])
        let app = try Self.text(scripts, "/app.js")
        #expect(Self.defined(app) == ["/c.js", "/lib/b.js", "/a.js", "/app.js"])
        #expect(app.contains("const { a, helper: help } = lumenRequire(\"/a.js\");\n"))
        #expect(app.contains("const { c } = lumenRequire(\"/c.js\");\nasync function b() { return c; }\n"))
        #expect(app.contains("class C {}\nconst c = 1;\n\nreturn { C, c };\n"))
        #expect(app.contains("const lazy = () => import(\"./lazy.js\");\nconst text = \"import { y } from './in-a-string.js'\";\n"))
        #expect(!app.split(separator: "\n").contains { $0.hasPrefix("export") })
        // The dynamically imported module brings only what the entry's script does not hold.
        let lazy = try Self.text(scripts, "/lazy.js")
        #expect(Self.defined(lazy) == ["/d.js", "/lazy.js"])
        #expect(lazy.hasSuffix("export const { lazy } = lumenRequire(\"/lazy.js\");\n"))
    }

    @Test("A dynamic import of a module the entry already loads gives it, defining nothing again")
    func dynamicImportOfLoadedModule() throws {
        let scripts = try ModuleBundle.scripts(entry: "/app.js", in: Self.sources([
            "/app.js": "import { a } from \"./a.js\";\nconst again = () => import(\"./a.js\");\n",
            "/a.js": "export function a() {}\n",
        ]))
        let again = try Self.text(scripts, "/a.js")
        #expect(Self.defined(again).isEmpty)
        #expect(again.hasSuffix("export const { a } = lumenRequire(\"/a.js\");\n"))
    }

    @Test("Forms the bundler does not rewrite are refused, naming the file and line", arguments: [
        ("import * as all from \"./a.js\";", 2),
        ("import a from \"./a.js\";", 2),
        ("import {\n  a,\n} from \"./a.js\";", 2),
        ("import { a } from \"https://example.com/a.js\";", 2),
        ("export let counter = 0;", 2),
        ("export default function () {}", 2),
        ("export { x };", 2),
        ("const load = (name) => import(name);", 2),
        ("const lumenModules = 1;", 0),
    ])
    func unsupported(line: String, at lineNumber: Int) {
        let files = Self.sources(["/app.js": "// entry\n\(line)\n", "/a.js": "export const a = 1;\n"])
        do {
            _ = try ModuleBundle.scripts(entry: "/app.js", in: files)
            Issue.record("bundled \(line.debugDescription)")
        } catch let error as UIModuleSource.Unsupported {
            #expect(error.path == "/app.js" && error.line == lineNumber, "\(error)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("A cycle of imports and a missing module are errors naming them")
    func cycleAndMissing() {
        let cycle = Self.sources([
            "/app.js": "import { a } from \"./a.js\";\n",
            "/a.js": "import { b } from \"./b.js\";\nexport const a = 1;\n",
            "/b.js": "import { a } from \"./a.js\";\nexport const b = 2;\n",
        ])
        do {
            _ = try ModuleBundle.scripts(entry: "/app.js", in: cycle)
            Issue.record("bundled a cycle")
        } catch {
            #expect("\(error)" == "the imports go round in a cycle: /a.js → /b.js → /a.js")
        }
        do {
            _ = try ModuleBundle.scripts(entry: "/app.js", in: Self.sources(["/app.js": "import { a } from \"./gone.js\";\n"]))
            Issue.record("bundled a missing import")
        } catch {
            #expect("\(error)" == "/app.js imports /gone.js, which is not among the UI's files")
        }
    }

    @Test("The board's own UI bundles: its entry and every dashboard it opens later")
    func boardUI() throws {
        let files = StaticFiles.bundled
        for path in ["/app.js", "/hparams.js", "/histograms.js", "/projector.js", "/graphs.js"] {
            let script = String(decoding: try #require(files.file(at: path)).bytes, as: UTF8.self)
            #expect(script.contains("lumenDefine(\"\(path)\""), "\(path) is not bundled")
        }
    }
}
