import Hummingbird
import LumenBoard

extension BoardAPI {
    /// `GET /api/graph`: the run's latest graph, read and decoded on first request (``GraphCache``).
    func graph(_ q: QueryParameters) throws -> Response {
        let run = try q.string("run")
        let (graphs, latest) = try runStore(run).read { ($0.graphs.count, $0.graphs.last) }
        guard let latest else { throw APIError.notFound("run \(APIError.quoted(run)) has no graph", parameter: "run") }
        let document: GraphDocument
        do {
            document = try graphCache.document(path: latest.path, offset: latest.offset, in: store.source)
        } catch let error as BlobError {
            throw APIError.unreadable(error.description)
        }
        var j = JSONText()
        j.raw("{"); j.key("run"); j.string(run)
        j.raw(","); j.key("graphs"); j.number(graphs)
        j.raw(","); j.key("wallTime"); j.number(document.wallTime)
        j.raw(","); j.key("nodes"); j.raw(document.nodesJSON)
        j.raw("}")
        return JSONBody(j).response()
    }
}
