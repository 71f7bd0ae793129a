import Foundation
import LumenBoard
import LumenPNG
import Testing
@testable import LumenServer

@Suite("Board API over logs written by torch, tensorboardX and TF2")
struct BoardAPITests {
    let api: BoardAPI

    init() throws { api = try fixtureAPI() }

    @Test("Runs are the directories holding event files, with their tags by kind")
    func runs() throws {
        let runs = try #require(try api.json("/api/runs").body as? [[String: Any]])
        let names = runs.map { $0["name"] as! String }
        #expect(names.contains("torch") && names.contains("tensorboardX") && names.contains("tf2"))
        #expect(names.contains("torch/loss_group_train") && names.contains("tensorboardX/loss/group/train"))
        let tf2 = try #require(runs.first { $0["name"] as? String == "tf2" }?["tags"] as? [String: [String]])
        #expect(tf2["scalars"] == ["tf2/double_val", "tf2/float_val", "tf2/int64_val", "tf2/tensor_content"])
        #expect(tf2["histograms"] == ["tf2/histogram"] && tf2["images"] == ["tf2/image"] && tf2["texts"] == ["tf2/text"])
    }

    @Test("Scalars come back with every value as written, NaN and ±∞ as null", arguments: ["torch", "tensorboardX"])
    func scalarValues(run: String) throws {
        let (status, body) = try api.json("/api/scalars", query(["run": run, "tag": "scalar/float"]))
        #expect(status == 200)
        let series = try #require(body as? [String: Any])
        #expect(series["step"] as? [Int] == [0, 1, 2, 3])
        #expect((series["value"] as? [Double])?.map(Float.init) == [0.1, -2.5, 3e38, 1e-40].map(Float.init))
        let nonFinite = try #require(try api.json("/api/scalars", query(["run": run, "tag": "scalar/nonfinite_float"])).body as? [String: Any])
        #expect((nonFinite["value"] as? [Any])?.allSatisfy { $0 is NSNull } == true)
    }

    @Test("TF2 tensor scalars in all four encodings are read")
    func tf2Scalars() throws {
        func values(_ tag: String) throws -> [Double] {
            try #require((try api.json("/api/scalars", query(["run": "tf2", "tag": tag])).body as? [String: Any])?["value"] as? [Double])
        }
        #expect(try values("tf2/float_val") == [0, 0.5, 1, 1.5, 2])
        #expect(try values("tf2/double_val").map(Float.init) == [1, 0.5, 1.0 / 3, 0.25, 0.2].map(Float.init))
        #expect(try values("tf2/int64_val") == [0, 10, 20, 30, 40])
        #expect(try values("tf2/tensor_content") == [-2, -1, 0, 1, 2])
    }

    @Test("A restart (a step going back) replaces the later points, as TensorBoard does")
    func restartRule() throws {
        // The fixture logs scalar/int at steps 0, 1, 2, 10^10 and then 3: step 3 drops 10^10.
        let series = try #require(try api.json("/api/scalars", query(["run": "torch", "tag": "scalar/int"])).body as? [String: Any])
        #expect(series["step"] as? [Int] == [0, 1, 2, 3])
        #expect(series["value"] as? [Double] == [0, -42, 2_147_483_649, 8].map { Double(Float($0)) })
    }

    @Test("Histograms: buckets as (left, right, count) that add up to num; distributions rise monotonically")
    func histograms() throws {
        let body = try #require(try api.json("/api/histograms", query(["run": "torch", "tag": "hist/normal"])).body as? [String: Any])
        let first = try #require((body["histograms"] as? [[String: Any]])?.first)
        let buckets = try #require(first["buckets"] as? [[Double]])
        #expect(buckets.reduce(0) { $0 + $1[2] } == first["num"] as? Double)
        #expect(buckets.allSatisfy { $0[0] <= $0[1] })
        let distributions = try #require(try api.json("/api/distributions", query(["run": "torch", "tag": "hist/normal"])).body as? [String: Any])
        let values = try #require((distributions["distributions"] as? [[String: Any]])?.first?["values"] as? [Double])
        #expect(values.count == 9)
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(abs(values[4]) < 0.1)  // the median of 10,000 standard normal values
        let tf2 = try #require(try api.json("/api/histograms", query(["run": "tf2", "tag": "tf2/histogram"])).body as? [String: Any])
        let last = try #require((tf2["histograms"] as? [[String: Any]])?.last?["buckets"] as? [[Double]])
        #expect(last == [[-1, 0, 4], [0, 1, 2], [1, 2, 1]])
    }

    @Test("Images are listed with their sizes and served as the PNG bytes that were logged")
    func images() throws {
        let list = try #require(try api.json("/api/images", query(["run": "torch", "tag": "img/chw_rgb"])).body as? [String: Any])
        let images = try #require(list["images"] as? [[String: Any]])
        #expect(images.map { $0["step"] as? Int } == [0, 1])
        #expect(images[0]["width"] as? Int == 20 && images[0]["height"] as? Int == 16)
        let url = try #require(URLComponents(string: images[0]["url"] as! String))
        let response = api.respond(path: url.path, query: url.percentEncodedQuery)
        #expect(response.status == 200 && response.contentType == "image/png")
        let png = try PNGDecoder.decode([UInt8](response.body))
        #expect(png.width == 20 && png.height == 16)
        let tf2 = api.respond(path: "/api/image", query: query(["run": "tf2", "tag": "tf2/image", "index": "0"]))
        #expect(try PNGDecoder.decode([UInt8](tf2.body)).width == 6)
    }

    @Test("Text is Markdown rendered to HTML")
    func texts() throws {
        let body = try #require(try api.json("/api/texts", query(["run": "torch", "tag": "text/markdown/text_summary"])).body as? [String: Any])
        let html = try #require((body["texts"] as? [[String: Any]])?.first?["html"] as? String)
        #expect(html.contains("<h1>Title</h1>") && html.contains("<strong>bold</strong>") && html.contains("<table>"))
    }

    @Test("Export gives every point as CSV or JSON")
    func export() throws {
        let csv = api.respond(path: "/api/scalars/export", query: query(["run": "torch", "tag": "scalar/float", "format": "csv"]))
        let lines = String(decoding: csv.body, as: UTF8.self).split(separator: "\n")
        #expect(lines.first == "wall_time,step,value" && lines.count == 5)
        #expect(csv.headers.contains { $0.name == "Content-Disposition" })
        let json = try #require(try api.json("/api/scalars/export", query(["run": "torch", "tag": "scalar/float", "format": "json"])).body as? [[Double]])
        #expect(json.map { $0[1] } == [0, 1, 2, 3])
    }

    @Test("Malformed parameters get a 400 naming the parameter; unknown runs, tags and paths a 404")
    func badRequests() throws {
        let cases: [(String, String?, Int, String)] = [
            ("/api/scalars", nil, 400, "run"),
            ("/api/scalars", query(["run": "torch"]), 400, "tag"),
            ("/api/scalars", query(["run": "torch", "tag": "scalar/float", "width": "-3"]), 400, "width"),
            ("/api/scalars", query(["run": "torch", "tag": "scalar/float", "smoothing": "2"]), 400, "smoothing"),
            ("/api/scalars", query(["run": "torch", "tag": "scalar/float", "minStep": "x"]), 400, "minStep"),
            ("/api/scalars/export", query(["run": "torch", "tag": "scalar/float", "format": "xml"]), 400, "format"),
            ("/api/image", query(["run": "torch", "tag": "img/chw_rgb", "index": "99"]), 404, "99"),
            ("/api/scalars", query(["run": "../../etc", "tag": "passwd"]), 404, "no run"),
            ("/api/nothing", nil, 404, "no API endpoint"),
            ("/../../etc/passwd", nil, 404, "no page"),
        ]
        for (path, query, status, mention) in cases {
            let response = api.respond(path: path, query: query)
            #expect(response.status == status, "\(path)?\(query ?? "")")
            let message = (try JSONSerialization.jsonObject(with: response.body) as? [String: String])?["error"] ?? ""
            #expect(message.contains(mention), "\(path): \(message)")
        }
    }

    @Test("The UI is served at / and its modules beside it")
    func staticFiles() {
        let index = api.respond(path: "/", query: nil)
        #expect(index.status == 200 && index.contentType.hasPrefix("text/html"))
        #expect(String(decoding: index.body, as: UTF8.self).contains("<script"))
    }
}
