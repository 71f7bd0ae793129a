import Foundation
import LumenTestSupport
import Testing
@testable import LumenBoard

/// `--logdir-spec` follows TensorBoard's `_parse_event_files_spec` (data_ingester.py).
@Suite("LogdirSpec: TensorBoard's --logdir_spec rules")
struct LogdirSpecTests {
    func entries(_ spec: String) throws -> [LogdirSpec.Entry] { try LogdirSpec(parsing: spec).entries }

    @Test("name:path pairs; a path that starts with / or a URI scheme, or has no colon, has no name")
    func names() throws {
        #expect(try entries("a:/x,b:/y") == [.init(name: "a", path: "/x"), .init(name: "b", path: "/y")])
        #expect(try entries("/foo:bar/baz") == [.init(name: nil, path: "/foo:bar/baz")])
        #expect(try entries("s3://bucket/p") == [.init(name: nil, path: "s3://bucket/p")])
        #expect(try entries("run:s3://bucket/p") == [.init(name: "run", path: "s3://bucket/p")])
        #expect(try entries("n:/a:b/c") == [.init(name: "n", path: "/a:b/c")])
        #expect(try entries(":/x") == [.init(name: nil, path: "/x")])
    }

    @Test("A drive-letter-like C: is a one-letter name on Linux and macOS, as in TensorBoard there")
    func driveLetter() throws {
        #expect(try entries("C:/logs") == [.init(name: "C", path: "/logs")])
    }

    @Test("Relative paths become absolute; the same path twice keeps the later name")
    func paths() throws {
        let cwd = FileManager.default.currentDirectoryPath
        let resolved = URL(fileURLWithPath: cwd + "/runs").resolvingSymlinksInPath().path
        #expect(try entries("x:runs") == [.init(name: "x", path: resolved)])
        #expect(try entries("a:/x,b:/y,c:/x") == [.init(name: "c", path: "/x"), .init(name: "b", path: "/y")])
    }

    @Test("An empty entry or a name without a path is an error naming the entry")
    func emptyParts() {
        #expect(throws: LogdirSpecError.emptyPath(spec: "a:/x,,b:/y", entry: 2)) { try LogdirSpec(parsing: "a:/x,,b:/y") }
        #expect(throws: LogdirSpecError.emptyPath(spec: "a:", entry: 1)) { try LogdirSpec(parsing: "a:") }
    }

    @Test("Runs are named after their entry: the directory itself as the name, sub-runs under it")
    func runNames() throws {
        let first = temporaryDirectory(), second = temporaryDirectory()
        defer { for dir in [first, second] { try? FileManager.default.removeItem(atPath: dir) } }
        for dir in [first, first + "/seed1", second + "/x"] {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: dir + "/events.out.tfevents.1.host", contents: Data())
        }
        let listing = try LogdirSpec(parsing: "base:\(first),\(second)").listing()
        #expect(listing.runs.map(\.name) == ["base", "base/seed1", "x"])
        #expect(listing.problems.isEmpty)

        let clash = try LogdirSpec(parsing: "\(second),g:/nonexistent-lumen,\(second)/..").listing()
        #expect(clash.problems.count == 1)
        #expect(clash.problems[0].contains("/nonexistent-lumen"))
        let table = try LogTable(spec: LogdirSpec(parsing: "a:\(second),b:/nonexistent-lumen"))
        #expect(throws: LogTableError.self) { try table.runs() }
    }

    @Test("A board over a spec shows the runs of every directory")
    func store() throws {
        let (dir, expected) = try LogTableTests.lumenLogdir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = LogdirStore(spec: try LogdirSpec(parsing: "one:\(dir)/a,two:\(dir)/b"))
        store.reload()
        #expect(store.runNames == ["one", "two/c"])
        #expect(store.run(named: "two/c")?.read { $0.scalars["loss"]?.count } == expected.filter { $0.run == "b/c" }.count)
        #expect(store.status.problem == nil)
    }

    @Test("A board over a spec with a missing directory reports it and shows the rest; with none left, says why")
    func storeWithMissingDirectory() throws {
        let (dir, _) = try LogTableTests.lumenLogdir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = LogdirStore(spec: try LogdirSpec(parsing: "one:\(dir)/a,gone:/nonexistent-lumen-dir"))
        store.reload()
        #expect(store.runNames == ["one"])
        #expect(store.run(named: "one")?.read { $0.scalars.isEmpty } == false)
        #expect(store.status.problem?.contains("/nonexistent-lumen-dir") == true, "\(store.status.problem ?? "")")

        let nothing = LogdirStore(spec: try LogdirSpec(parsing: "x:/nonexistent-lumen-a,y:/nonexistent-lumen-b"))
        nothing.reload()
        #expect(nothing.runNames.isEmpty && nothing.status.loaded)
        let problem = nothing.status.problem ?? ""
        #expect(problem.contains("/nonexistent-lumen-a") && problem.contains("/nonexistent-lumen-b"), "\(problem)")
    }
}
