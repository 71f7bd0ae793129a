import Foundation
import Hummingbird
import LumenBoard

extension BoardAPI {
    /// `GET /api/status`: loading progress, totals, up to 50 damaged places per run, and the
    /// projector's files that could not be read.
    /// With `after=G`, the answer waits (up to ``longestStatusWait``, or `wait=MS` milliseconds
    /// if shorter) until the log directory's generation is no longer G, so that a page learns of
    /// new data, and of the end of loading, as soon as it is read.
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
        /// Projector configs and embedding files that could not be read.
        let projector: [String]
        let generation: UInt64
    }

    /// How many damaged places `/api/status` names per run.
    static let damagePerRun = 50

    /// The longest `/api/status?after=` waits for a change before answering anyway, well
    /// within the 30 s after which an idle connection is closed.
    static let longestStatusWait: Duration = .seconds(10)

    func status(_ q: QueryParameters) async throws -> Response {
        if let after = try q.generation("after") {
            let longest = Int(Self.longestStatusWait.components.seconds) * 1000
            let wait = try q.int("wait", in: 0...longest) ?? longest
            let deadline = ContinuousClock.now + .milliseconds(wait)
            while store.status.generation == after, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
            }
        }
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
            logdir: store.source is LocalLogdirSource ? URL(fileURLWithPath: store.root).standardizedFileURL.path : store.root,
            loaded: status.loaded, runs: names.count,
            files: status.files, points: points, totalBytes: status.totalBytes, loadedBytes: status.loadedBytes,
            reloadInterval: reloadInterval, problem: Nullable(status.problem), damage: damage,
            projector: projector.problems(in: store),
            generation: status.generation
        )).response()
    }
}
