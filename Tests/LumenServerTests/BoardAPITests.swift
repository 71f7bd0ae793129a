import Foundation
import HummingbirdTesting
import LumenBoard
import LumenPNG
import Testing
@testable import LumenServer

@Suite("Board API over logs written by torch, tensorboardX and TF2")
struct BoardAPITests {
    let api: BoardAPI

    init() throws { api = try fixtureAPI() }

    @Test("Runs are the directories holding event files, with their tags by kind")
    func runs() async throws {
        try await withBoard(api) { client in
            let runs = try #require(try await client.json("/api/runs").body as? [[String: Any]])
            let names = runs.map { $0["name"] as! String }
            #expect(names.contains("torch") && names.contains("tensorboardX") && names.contains("tf2"))
            #expect(names.contains("torch/loss_group_train") && names.contains("tensorboardX/loss/group/train"))
            let tf2 = try #require(runs.first { $0["name"] as? String == "tf2" }?["tags"] as? [String: [String]])
            #expect(tf2["scalars"] == ["tf2/double_val", "tf2/float_val", "tf2/int64_val", "tf2/tensor_content"])
            #expect(tf2["histograms"] == ["tf2/histogram"] && tf2["images"] == ["tf2/image"] && tf2["texts"] == ["tf2/text"])
        }
    }

    @Test("Scalars come back with every value as written, NaN and ±∞ as null", arguments: ["torch", "tensorboardX"])
    func scalarValues(run: String) async throws {
        try await withBoard(api) { client in
            let (status, body) = try await client.json("/api/scalars", query(["run": run, "tag": "scalar/float"]))
            #expect(status == 200)
            let series = try #require(body as? [String: Any])
            #expect(series["step"] as? [Int] == [0, 1, 2, 3])
            #expect((series["value"] as? [Double])?.map(Float.init) == [0.1, -2.5, 3e38, 1e-40].map(Float.init))
            let nonFinite = try #require(try await client.json("/api/scalars", query(["run": run, "tag": "scalar/nonfinite_float"])).body as? [String: Any])
            #expect((nonFinite["value"] as? [Any])?.allSatisfy { $0 is NSNull } == true)
        }
    }

    @Test("TF2 tensor scalars in all four encodings are read")
    func tf2Scalars() async throws {
        try await withBoard(api) { client in
            var values: [String: [Double]] = [:]
            for tag in ["tf2/float_val", "tf2/double_val", "tf2/int64_val", "tf2/tensor_content"] {
                let body = try await client.json("/api/scalars", query(["run": "tf2", "tag": tag])).body
                values[tag] = try #require((body as? [String: Any])?["value"] as? [Double])
            }
            #expect(values["tf2/float_val"] == [0, 0.5, 1, 1.5, 2])
            #expect(values["tf2/double_val"]?.map(Float.init) == [1, 0.5, 1.0 / 3, 0.25, 0.2].map(Float.init))
            #expect(values["tf2/int64_val"] == [0, 10, 20, 30, 40])
            #expect(values["tf2/tensor_content"] == [-2, -1, 0, 1, 2])
        }
    }

    @Test("A restart (a step going back) replaces the later points, as TensorBoard does")
    func restartRule() async throws {
        try await withBoard(api) { client in
            // The fixture logs scalar/int at steps 0, 1, 2, 10^10 and then 3: step 3 drops 10^10.
            let series = try #require(try await client.json("/api/scalars", query(["run": "torch", "tag": "scalar/int"])).body as? [String: Any])
            #expect(series["step"] as? [Int] == [0, 1, 2, 3])
            #expect(series["value"] as? [Double] == [0, -42, 2_147_483_649, 8].map { Double(Float($0)) })
        }
    }

    @Test("Histograms: buckets as (left, right, count) that add up to num; distributions rise monotonically")
    func histograms() async throws {
        try await withBoard(api) { client in
            let body = try #require(try await client.json("/api/histograms", query(["run": "torch", "tag": "hist/normal"])).body as? [String: Any])
            let first = try #require((body["histograms"] as? [[String: Any]])?.first)
            let buckets = try #require(first["buckets"] as? [[Double]])
            #expect(buckets.reduce(0) { $0 + $1[2] } == first["num"] as? Double)
            #expect(buckets.allSatisfy { $0[0] <= $0[1] })
            let distributions = try #require(try await client.json("/api/distributions", query(["run": "torch", "tag": "hist/normal"])).body as? [String: Any])
            let values = try #require((distributions["distributions"] as? [[String: Any]])?.first?["values"] as? [Double])
            #expect(values.count == 9)
            #expect(zip(values, values.dropFirst()).allSatisfy { $0 <= $1 })
            #expect(abs(values[4]) < 0.1)  // the median of 10,000 standard normal values
            let tf2 = try #require(try await client.json("/api/histograms", query(["run": "tf2", "tag": "tf2/histogram"])).body as? [String: Any])
            let last = try #require((tf2["histograms"] as? [[String: Any]])?.last?["buckets"] as? [[Double]])
            #expect(last == [[-1, 0, 4], [0, 1, 2], [1, 2, 1]])
        }
    }

    @Test("Images are listed with their sizes and served as the PNG bytes that were logged")
    func images() async throws {
        try await withBoard(api) { client in
            let list = try #require(try await client.json("/api/images", query(["run": "torch", "tag": "img/chw_rgb"])).body as? [String: Any])
            let images = try #require(list["images"] as? [[String: Any]])
            #expect(images.map { $0["step"] as? Int } == [0, 1])
            #expect(images[0]["width"] as? Int == 20 && images[0]["height"] as? Int == 16)
            let response = try await client.get(try #require(images[0]["url"] as? String))
            #expect(response.status == .ok && response.headers[.contentType] == "image/png")
            let png = try PNGDecoder.decode([UInt8](response.body.readableBytesView))
            #expect(png.width == 20 && png.height == 16)
            let tf2 = try await client.get("/api/image", query(["run": "tf2", "tag": "tf2/image", "index": "0"]))
            #expect(try PNGDecoder.decode([UInt8](tf2.body.readableBytesView)).width == 6)
        }
    }

    @Test("Text is Markdown rendered to HTML, and sent as logged too")
    func texts() async throws {
        try await withBoard(api) { client in
            let body = try #require(try await client.json("/api/texts", query(["run": "torch", "tag": "text/markdown/text_summary"])).body as? [String: Any])
            let entries = try #require(body["texts"] as? [[String: Any]])
            let html = try #require(entries.first?["html"] as? String)
            #expect(html.contains("<h1>Title</h1>") && html.contains("<strong>bold</strong>") && html.contains("<table>"))
            #expect(entries.map { $0["text"] as? String } == [
                "# Title\n\n**bold**, _italic_ and `code`\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
                "- item one\n- item two",
            ])
            let unicode = try #require(try await client.json("/api/texts", query(["run": "torch", "tag": "text/unicode/text_summary"])).body as? [String: Any])
            #expect((unicode["texts"] as? [[String: Any]])?.first?["text"] as? String == "naïve — 日本")
        }
    }

    @Test("Export gives every point as CSV or JSON")
    func export() async throws {
        try await withBoard(api) { client in
            let csv = try await client.get("/api/scalars/export", query(["run": "torch", "tag": "scalar/float", "format": "csv"]))
            let lines = csv.text.split(separator: "\n")
            #expect(lines.first == "wall_time,step,value" && lines.count == 5)
            #expect(csv.headers[.contentDisposition] == "attachment; filename=\"torch_scalar_float.csv\"")
            let json = try #require(try await client.json("/api/scalars/export", query(["run": "torch", "tag": "scalar/float", "format": "json"])).body as? [[Double]])
            #expect(json.map { $0[1] } == [0, 1, 2, 3])
        }
    }

    @Test("Malformed parameters get a 400 naming the parameter; unknown runs, tags and paths a 404")
    func badRequests() async throws {
        let cases: [(String, String?, Int, String, String?)] = [
            ("/api/scalars", nil, 400, "\"run\"", "run"),
            ("/api/scalars", query(["run": "torch"]), 400, "\"tag\"", "tag"),
            ("/api/scalars", query(["run": "torch", "tag": "scalar/float", "width": "-3"]), 400, "\"width\"", "width"),
            ("/api/scalars", query(["run": "torch", "tag": "scalar/float", "smoothing": "2"]), 400, "\"smoothing\"", "smoothing"),
            ("/api/scalars", query(["run": "torch", "tag": "scalar/float", "minStep": "x"]), 400, "\"minStep\"", "minStep"),
            ("/api/scalars", query(["run": "torch", "tag": "scalar/float", "smoothing": "0.5", "smoothingKind": "spline"]), 400,
             "\"smoothingKind\" must be one of ema, time-ema, moving-average, gaussian, got \"spline\"", "smoothingKind"),
            ("/api/scalars/export", query(["run": "torch", "tag": "scalar/float", "format": "xml"]), 400, "\"format\"", "format"),
            ("/api/image", query(["run": "torch", "tag": "img/chw_rgb"]), 400, "\"index\"", "index"),
            ("/api/image", query(["run": "torch", "tag": "img/chw_rgb", "index": "99"]), 404, "no index 99", "index"),
            ("/api/scalars", query(["run": "../../etc", "tag": "passwd"]), 404, "no run", "run"),
            ("/api/histograms", query(["run": "torch", "tag": "scalar/float"]), 404, "no histograms", "tag"),
            ("/api/nothing", nil, 404, "no API endpoint", nil),
            ("/../../etc/passwd", nil, 404, "no page", nil),
        ]
        try await withBoard(api) { client in
            for (path, query, status, mention, parameter) in cases {
                let error = try await client.error(path, query)
                #expect(error.status == status, "\(path)?\(query ?? "")")
                #expect(error.message.contains(mention), "\(path): \(error.message)")
                #expect(error.parameter == parameter, "\(path)?\(query ?? "")")
            }
        }
    }

    @Test("HEAD is answered as GET, without the body, for answers and errors alike; other methods get a 405")
    func methods() async throws {
        try await withBoard(api) { client in
            for (path, status) in [("/api/runs", 200), ("/api/scalars?run=nowhere&tag=x", 404), ("/", 200)] {
                let get = try await client.execute(uri: path, method: .get)
                let head = try await client.execute(uri: path, method: .head)
                #expect(head.status.code == status && get.status.code == status, "\(path)")
                #expect(head.body.readableBytes == 0, "\(path)")
                #expect(head.headers[.contentLength] == String(get.body.readableBytes), "\(path)")
                #expect(head.headers[.contentType] == get.headers[.contentType], "\(path)")
            }
            let post = try await client.execute(uri: "/api/runs", method: .post)
            #expect(post.status == .methodNotAllowed && post.headers[.allow] == "GET, HEAD")
            #expect(post.text.contains("GET and HEAD"), "\(post.text)")
        }
    }

    @Test("The UI is served at / and its modules beside it")
    func staticFiles() async throws {
        try await withBoard(api) { client in
            let index = try await client.get("/")
            #expect(index.status == .ok && index.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(index.text.contains("<script"))
            let module = try await client.get("/api.js")
            #expect(module.status == .ok && module.headers[.contentType]?.hasPrefix("text/javascript") == true)
            // The page's script is every module it starts with, bundled: one request.
            let app = try await client.get("/app.js").text
            for name in ["/app.js", "/api.js", "/scalars.js", "/chart.js", "/smoothing.js"] {
                #expect(app.contains("lumenDefine(\"\(name)\""), "\(name)")
            }
            #expect(!index.text.contains("modulepreload"))
            // A dashboard opened later comes as one script at its module's path, holding only what
            // the page's script does not; the t-SNE worker is served as written.
            let hparams = try await client.get("/hparams.js").text
            #expect(hparams.contains("lumenDefine(\"/parallel-coords.js\"") && !hparams.contains("lumenDefine(\"/dom.js\""))
            #expect(hparams.contains("export const { createHParams } = lumenRequire(\"/hparams.js\");"))
            for name in ["/histograms.js", "/projector.js"] { #expect(!app.contains("lumenDefine(\"\(name)\""), "\(name)") }
            let worker = try await client.get("/tsne-worker.js").text
            #expect(!worker.contains("lumenDefine") && worker.contains("onmessage"))
        }
    }
}
