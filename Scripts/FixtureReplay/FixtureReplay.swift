// Replays a reference-fixture manifest through Lumen's SummaryWriter, so that
// Scripts/check_compat.py can compare what TensorBoard reads from Lumen's files with what it reads
// from PyTorch's for the very same logging calls.
//
//     swift run lumen-fixture-replay Tests/LumenBoardTests/Fixtures/compat OUT_DIR
//         the calls of Scripts/make_board_fixtures.py (scalars, histograms, images, text)
//     swift run lumen-fixture-replay compare Tests/LumenBoardTests/Fixtures/compare OUT_DIR
//         the calls of Scripts/make_compare_fixtures.py (hparams, PR curves, custom scalars,
//         embeddings), each family in its own folder as the fixture has them
import Foundation
import LumenBoard
import LumenFixtures

@main
struct FixtureReplay {
    static func main() throws {
        let arguments = CommandLine.arguments
        switch arguments.count {
        case 3:
            try replayCompat(fixtures: arguments[1], into: arguments[2])
        case 4 where arguments[1] == "compare":
            try CompareManifest(directory: arguments[2]).writeAll(into: arguments[3])
            print("replayed the compare calls into \(arguments[3])")
        default:
            FileHandle.standardError.write(Data("usage: lumen-fixture-replay [compare] FIXTURE_DIR OUT_DIR\n".utf8))
            exit(2)
        }
    }

    static func replayCompat(fixtures: String, into directory: String) throws {
        let manifest = try FixtureManifest(directory: fixtures)
        // PyTorch 2.x always multiplies float pixels by 255.
        let writer = try SummaryWriter(logDir: directory, floatImageScaling: .multiplyBy255)
        for (index, entry) in manifest.entries.enumerated() {
            try entry.replay(on: writer, wallTime: 1_700_000_000 + Double(index))
        }
        try writer.close()
        print("replayed \(manifest.entries.count) logging calls into \(directory)")
    }
}
