import Foundation
import LumenBoard
@testable import LumenServer
import LumenTestSupport

/// The reference fixtures committed for LumenBoard's tests (written by PyTorch, tensorboardX
/// and a TF2-encoding script).
let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("LumenBoardTests/Fixtures").path

/// The fixtures of LumenServer's own tests.
let serverFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path

/// A log directory holding copies of the torch, tensorboardX and TF2 fixture logs as runs
/// `torch`, `tensorboardX` and `tf2`, loaded into an API.
func fixtureAPI() throws -> BoardAPI {
    let root = temporaryDirectory()
    for name in ["torch", "tensorboardX"] {
        try FileManager.default.copyItem(atPath: fixtures + "/compat/" + name, toPath: root + "/" + name)
    }
    try FileManager.default.copyItem(atPath: fixtures + "/tf2", toPath: root + "/tf2")
    return loadedAPI(root)
}

/// An API over the log directory `root`, loaded once.
func loadedAPI(_ root: String) -> BoardAPI {
    let store = LogdirStore(root: root)
    store.reload()
    return BoardAPI(store: store, reloadInterval: 5)
}

/// An API over a log directory whose root run holds what `write` logs.
func loggedAPI(_ write: (SummaryWriter) throws -> Void) throws -> BoardAPI {
    let dir = temporaryDirectory()
    let writer = try SummaryWriter(logDir: dir)
    try write(writer)
    try writer.close()
    return loadedAPI(dir)
}

/// `pairs` as a URL query string, each value percent-encoded.
func query(_ pairs: [String: String]) -> String {
    pairs.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }.joined(separator: "&")
}
