// Replays a reference-fixture manifest (written by Scripts/make_board_fixtures.py) through
// Lumen's SummaryWriter, so that Scripts/check_compat.py can compare what TensorBoard reads
// from Lumen's files with what it reads from PyTorch's for the very same logging calls.
//
//     swift run lumen-fixture-replay Tests/LumenBoardTests/Fixtures/compat OUT_DIR
import Foundation
import LumenBoard
import LumenFixtures

@main
struct FixtureReplay {
    static func main() throws {
        let arguments = CommandLine.arguments
        guard arguments.count == 3 else {
            FileHandle.standardError.write(Data("usage: lumen-fixture-replay FIXTURE_DIR OUT_DIR\n".utf8))
            exit(2)
        }
        let manifest = try FixtureManifest(directory: arguments[1])
        // PyTorch 2.x always multiplies float pixels by 255.
        let writer = try SummaryWriter(logDir: arguments[2], floatImageScaling: .multiplyBy255)
        for (index, entry) in manifest.entries.enumerated() {
            try entry.replay(on: writer, wallTime: 1_700_000_000 + Double(index))
        }
        try writer.close()
        print("replayed \(manifest.entries.count) logging calls into \(arguments[2])")
    }
}
