import Foundation
import Hummingbird

extension BoardAPI {
    /// `GET /api/status`: loading progress, totals, and up to 50 damaged places per run.
    struct Status: Encodable {
        let logdir: String
        let loaded: Bool
        let runs: Int
        let files: Int
        let points: Int
        let totalBytes: Int64
        let loadedBytes: Int64
        let reloadInterval: Double
        let problem: Nullable<String>
        let damage: [String]
    }

    /// How many damaged places `/api/status` names per run.
    static let damagePerRun = 50

    func status() throws -> Response {
        let status = store.status
        let names = store.runNames
        var points = 0
        var damage: [String] = []
        for name in names {
            guard let run = store.run(named: name) else { continue }
            let (count, found) = run.read { ($0.scalarPoints, $0.damage.suffix(Self.damagePerRun)) }
            points += count
            damage += found.map(\.description)
        }
        return try JSONBody(Status(
            logdir: URL(fileURLWithPath: store.root).standardizedFileURL.path, loaded: status.loaded, runs: names.count,
            files: status.files, points: points, totalBytes: status.totalBytes, loadedBytes: status.loadedBytes,
            reloadInterval: reloadInterval, problem: Nullable(status.problem), damage: damage
        )).response()
    }
}
