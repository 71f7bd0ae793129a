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
}
