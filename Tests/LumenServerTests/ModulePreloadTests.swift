import Foundation
import Testing
@testable import LumenServer

@Suite("Module preloading")
struct ModulePreloadTests {
    @Test("A link per module, in name order, just before </head>")
    func injects() throws {
        let html = Data("<html><head><title>t</title></head><body></body></html>".utf8)
        let out = String(decoding: ModulePreload.injecting(["/b.js", "/a.js", "/sub/c.js"], into: html), as: UTF8.self)
        #expect(out == """
            <html><head><title>t</title>  <link rel="modulepreload" href="a.js">
              <link rel="modulepreload" href="b.js">
              <link rel="modulepreload" href="sub/c.js">
            </head><body></body></html>
            """)
    }

    @Test("A page without </head>, or not UTF-8, is left as it is")
    func leavesOthers() {
        let plain = Data("<p>no head</p>".utf8)
        #expect(ModulePreload.injecting(["/a.js"], into: plain) == plain)
        let binary = Data([0xFF, 0xFE, 0x00])
        #expect(ModulePreload.injecting(["/a.js"], into: binary) == binary)
    }

    @Test("The entry's static imports are followed, over lines and folders; dynamic imports are not")
    func staticClosure() {
        let sources: [String: Data] = [
            "/app.js": Data("""
                import { a } from "./a.js";
                import {
                  b,
                  c,
                } from './lib/b.js';
                import "./side.js";
                const lazy = () => import("./lazy.js");
                // import { x } from "./commented.js";
                const text = "import { y } from './in-a-string.js'";
                import { gone } from "./missing.js";
                """.utf8),
            "/a.js": Data("import { app } from \"./app.js\";\n".utf8),
            "/lib/b.js": Data("import { d } from \"../d.js\";\nimport { e } from \"./e.js\";\n".utf8),
            "/lib/e.js": Data(),
            "/d.js": Data(),
            "/side.js": Data(),
            "/lazy.js": Data("import { never } from \"./never.js\";\n".utf8),
            "/never.js": Data(),
            "/commented.js": Data(),
            "/in-a-string.js": Data(),
        ]
        #expect(ModulePreload.staticClosure(of: "/app.js", in: sources)
            == ["/app.js", "/a.js", "/lib/b.js", "/lib/e.js", "/d.js", "/side.js"])
    }
}
