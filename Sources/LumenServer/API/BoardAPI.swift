import Foundation
import LumenBoard

/// The board's JSON API over a ``LogdirStore`` (documented in `docs/API.md`). Runs and tags are
/// looked up in what the store has loaded, never used as file paths, so no request can reach
/// outside the log directory.
public struct BoardAPI: Sendable {
    public let store: LogdirStore
    public let reloadInterval: Double
    let ui: StaticFiles
    let graphCache = GraphCache()

    public init(store: LogdirStore, reloadInterval: Double) {
        self.store = store
        self.reloadInterval = reloadInterval
        ui = StaticFiles.bundled
    }

    /// Answers a GET of `path` with the decoded `query` string.
    public func respond(path: String, query: String?) -> BoardResponse {
        do {
            let q = QueryParameters(query)
            switch path {
            case "/api/status": return status()
            case "/api/runs": return runs()
            case "/api/scalars": return try scalars(q)
            case "/api/scalars/export": return try export(q)
            case "/api/histograms": return try histograms(q)
            case "/api/distributions": return try distributions(q)
            case "/api/images": return try images(q)
            case "/api/image": return try image(q)
            case "/api/texts": return try texts(q)
            case "/api/graph": return try graph(q)
            default:
                if path.hasPrefix("/api/") { throw APIError.notFound("no API endpoint \(path)") }
                guard let file = ui.file(at: path) else { throw APIError.notFound("no page \(path)") }
                return BoardResponse(status: 200, contentType: file.contentType, body: file.bytes, headers: [("Cache-Control", "no-cache")])
            }
        } catch let error as APIError {
            return .error(error)
        } catch let damage as RecordDamage {
            return .error(.notFound("\(damage)"))
        } catch {
            return .error(.notFound("\(error)"))
        }
    }

    // MARK: - Endpoints

    private func status() -> BoardResponse {
        let s = store.status
        let names = store.runNames
        var points = 0
        var damage: [String] = []
        for name in names {
            guard let run = store.run(named: name) else { continue }
            let (count, found) = run.read { ($0.scalarPoints, $0.damage) }
            points += count
            damage += found.suffix(50).map(\.description)
        }
        var j = JSONText()
        j.raw("{"); j.key("logdir"); j.string(URL(fileURLWithPath: store.root).standardizedFileURL.path)
        j.raw(","); j.key("loaded"); j.raw(s.loaded ? "true" : "false")
        j.raw(","); j.key("runs"); j.number(names.count)
        j.raw(","); j.key("files"); j.number(s.files)
        j.raw(","); j.key("points"); j.number(points)
        j.raw(","); j.key("totalBytes"); j.number(s.totalBytes)
        j.raw(","); j.key("loadedBytes"); j.number(s.loadedBytes)
        j.raw(","); j.key("reloadInterval"); j.number(reloadInterval)
        j.raw(","); j.key("problem"); if let p = s.problem { j.string(p) } else { j.raw("null") }
        j.raw(","); j.key("damage"); j.stringArray(damage)
        j.raw("}")
        return .json(j)
    }

    private func runs() -> BoardResponse {
        var j = JSONText()
        j.array(store.runNames.compactMap { store.run(named: $0) }) { j, run in
            run.read { content in
                j.raw("{"); j.key("name"); j.string(run.name)
                j.raw(","); j.key("lastWallTime"); j.number(content.lastWallTime)
                j.raw(","); j.key("tags"); j.raw("{")
                j.key("scalars"); j.stringArray(content.scalars.filter { $0.value.count > 0 }.keys.sorted())
                j.raw(","); j.key("histograms"); j.stringArray(content.histograms.filter { $0.value.count > 0 }.keys.sorted())
                j.raw(","); j.key("images"); j.stringArray(content.images.filter { $0.value.count > 0 }.keys.sorted())
                j.raw(","); j.key("texts"); j.stringArray(content.texts.filter { $0.value.count > 0 }.keys.sorted())
                j.raw("}"); j.raw(","); j.key("graphs"); j.number(content.graphs.count)
                j.raw("}")
            }
        }
        return .json(j)
    }

    private func scalars(_ q: QueryParameters) throws -> BoardResponse {
        let (run, tag) = (try q.string("run"), try q.string("tag"))
        let width = try q.int("width", in: 1...100_000)
        let smoothing = try q.double("smoothing", in: 0...1)
        let (minStep, maxStep) = (try q.step("minStep"), try q.step("maxStep"))
        return try withSeries(run, tag, \.scalars) { series in
            let picked = ScalarSampling.indices(series, minStep: minStep, maxStep: maxStep, width: width)
            var j = JSONText()
            j.raw("{"); j.key("run"); j.string(run)
            j.raw(","); j.key("tag"); j.string(tag)
            j.raw(","); j.key("total"); j.number(series.count)
            j.raw(","); j.key("downsampled"); j.raw(picked.count < series.count ? "true" : "false")
            j.raw(","); j.key("step"); j.array(picked) { $0.number(series.step($1)) }
            j.raw(","); j.key("wallTime"); j.array(picked) { $0.number(series.wallTime($1)) }
            j.raw(","); j.key("value"); j.array(picked) { $0.number(series.value($1)) }
            if let smoothing {
                j.raw(","); j.key("smoothed")
                j.array(ScalarSampling.smoothed(series, weight: smoothing, at: picked)) { $0.number($1) }
            }
            j.raw("}")
            return .json(j)
        }
    }

    private func export(_ q: QueryParameters) throws -> BoardResponse {
        let (run, tag) = (try q.string("run"), try q.string("tag"))
        let format = q.optionalString("format") ?? "csv"
        guard format == "csv" || format == "json" else { throw APIError.badRequest("format must be csv or json, got \"\(format)\"") }
        return try withSeries(run, tag, \.scalars) { series in
            var text = ""
            if format == "csv" {
                text = "wall_time,step,value\n"
                for i in 0..<series.count { text += "\(series.wallTime(i)),\(series.step(i)),\(series.value(i))\n" }
            } else {
                var j = JSONText()
                j.array(0..<series.count) { j, i in
                    j.raw("["); j.number(series.wallTime(i)); j.raw(","); j.number(series.step(i)); j.raw(","); j.number(series.value(i)); j.raw("]")
                }
                text = j.text
            }
            let name = "\(run)_\(tag)".map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" }
            return BoardResponse(status: 200, contentType: format == "csv" ? "text/csv; charset=utf-8" : "application/json",
                                 body: Data(text.utf8), headers: [("Content-Disposition", "attachment; filename=\"\(String(name)).\(format)\"")])
        }
    }

    private func histograms(_ q: QueryParameters) throws -> BoardResponse {
        let (run, tag) = (try q.string("run"), try q.string("tag"))
        return try withSeries(run, tag, \.histograms) { series in
            var j = JSONText()
            j.raw("{"); j.key("run"); j.string(run); j.raw(","); j.key("tag"); j.string(tag)
            j.raw(","); j.key("histograms")
            j.array(zip(series.steps, series.points)) { j, item in
                let (step, h) = item
                j.raw("{"); j.key("step"); j.number(step)
                j.raw(","); j.key("wallTime"); j.number(h.wallTime)
                j.raw(","); j.key("min"); j.number(h.min); j.raw(","); j.key("max"); j.number(h.max)
                j.raw(","); j.key("num"); j.number(h.num); j.raw(","); j.key("sum"); j.number(h.sum)
                j.raw(","); j.key("buckets")
                j.array(h.buckets) { j, b in
                    j.raw("["); j.number(b.left); j.raw(","); j.number(b.right); j.raw(","); j.number(b.count); j.raw("]")
                }
                j.raw("}")
            }
            j.raw("}")
            return .json(j)
        }
    }

    private func distributions(_ q: QueryParameters) throws -> BoardResponse {
        let (run, tag) = (try q.string("run"), try q.string("tag"))
        return try withSeries(run, tag, \.histograms) { series in
            var j = JSONText()
            j.raw("{"); j.key("run"); j.string(run); j.raw(","); j.key("tag"); j.string(tag)
            j.raw(","); j.key("basisPoints"); j.array(DistributionCompression.basisPoints) { $0.number(Int($1)) }
            j.raw(","); j.key("distributions")
            j.array(zip(series.steps, series.points)) { j, item in
                j.raw("{"); j.key("step"); j.number(item.0)
                j.raw(","); j.key("wallTime"); j.number(item.1.wallTime)
                j.raw(","); j.key("values"); j.array(DistributionCompression.compress(item.1)) { $0.number($1) }
                j.raw("}")
            }
            j.raw("}")
            return .json(j)
        }
    }

    private func images(_ q: QueryParameters) throws -> BoardResponse {
        let (run, tag) = (try q.string("run"), try q.string("tag"))
        return try withSeries(run, tag, \.images) { series in
            var j = JSONText()
            j.raw("{"); j.key("run"); j.string(run); j.raw(","); j.key("tag"); j.string(tag)
            j.raw(","); j.key("images")
            var entries: [(step: Int64, reference: ImageReference, index: Int)] = []
            for (step, references) in zip(series.steps, series.points) {
                for reference in references { entries.append((step, reference, entries.count)) }
            }
            j.array(entries) { j, e in
                j.raw("{"); j.key("step"); j.number(e.step)
                j.raw(","); j.key("wallTime"); j.number(e.reference.wallTime)
                j.raw(","); j.key("width"); j.number(e.reference.width)
                j.raw(","); j.key("height"); j.number(e.reference.height)
                j.raw(","); j.key("url"); j.string("/api/image?run=\(Self.escape(run))&tag=\(Self.escape(tag))&index=\(e.index)")
                j.raw("}")
            }
            j.raw("}")
            return .json(j)
        }
    }

    private func image(_ q: QueryParameters) throws -> BoardResponse {
        let (run, tag) = (try q.string("run"), try q.string("tag"))
        guard let index = try q.int("index", in: 0...Int(Int32.max)) else { throw APIError.badRequest("missing query parameter \"index\"") }
        let reference: ImageReference = try withSeries(run, tag, \.images) { series in
            let all = series.points.flatMap { $0 }
            guard index < all.count else { throw APIError.notFound("run \"\(run)\" tag \"\(tag)\" has \(all.count) images; no index \(index)") }
            return all[index]
        }
        let (bytes, mimeType) = try ImageBytes.load(reference, tag: tag)
        return BoardResponse(status: 200, contentType: mimeType, body: bytes, headers: [("Cache-Control", "max-age=3600")])
    }

    private func texts(_ q: QueryParameters) throws -> BoardResponse {
        let (run, tag) = (try q.string("run"), try q.string("tag"))
        // Copied out under the run's lock and rendered after it, so a slow text never holds up
        // the run's loading or other requests.
        let entries = try withSeries(run, tag, \.texts) { series in Array(zip(series.steps, series.points)) }
        var j = JSONText()
        j.raw("{"); j.key("run"); j.string(run); j.raw(","); j.key("tag"); j.string(tag)
        j.raw(","); j.key("texts")
        j.array(entries) { j, item in
            j.raw("{"); j.key("step"); j.number(item.0)
            j.raw(","); j.key("wallTime"); j.number(item.1.wallTime)
            j.raw(","); j.key("html"); j.string(MarkdownRenderer.html(item.1.text))
            j.raw("}")
        }
        j.raw("}")
        return .json(j)
    }

    /// The run's latest graph, read and decoded on first request (``GraphCache``).
    private func graph(_ q: QueryParameters) throws -> BoardResponse {
        let run = try q.string("run")
        let (graphs, latest) = try runStore(run).read { ($0.graphs.count, $0.graphs.last) }
        guard let latest else { throw APIError.notFound("run \"\(run)\" has no graph") }
        let document = try graphCache.document(path: latest.path, offset: latest.offset)
        var j = JSONText()
        j.raw("{"); j.key("run"); j.string(run)
        j.raw(","); j.key("graphs"); j.number(graphs)
        j.raw(","); j.key("wallTime"); j.number(document.wallTime)
        j.raw(","); j.key("nodes"); j.raw(document.nodesJSON)
        j.raw("}")
        return .json(j)
    }

    // MARK: - Lookup

    private func runStore(_ run: String) throws -> RunStore {
        guard let store = store.run(named: run) else { throw APIError.notFound("no run \"\(run)\"") }
        return store
    }

    /// Runs `body` on the series of `tag` among the run's series of one kind (`\.scalars`,
    /// `\.histograms`, …) under the run's lock; 404 when the run or tag is unknown.
    private func withSeries<S, R>(_ run: String, _ tag: String, _ kind: KeyPath<RunStore.Content, [String: S]>,
                                  _ body: (S) throws -> R) throws -> R {
        let result: Result<R, Error> = try runStore(run).read { content in
            guard let series = content[keyPath: kind][tag] else { return .failure(APIError.notFound("run \"\(run)\" has no such tag \"\(tag)\"")) }
            return Result { try body(series) }
        }
        return try result.get()
    }

    private static func escape(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? s
    }
}
