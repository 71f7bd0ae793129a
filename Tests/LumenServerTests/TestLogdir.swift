import Foundation
import LumenBoard
@testable import LumenServer
import LumenTestSupport

/// The reference fixtures committed for LumenBoard's tests (written by PyTorch, tensorboardX
/// and a TF2-encoding script).
let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("LumenBoardTests/Fixtures").path

/// A log directory holding copies of the torch, tensorboardX and TF2 fixture logs as runs
/// `torch`, `tensorboardX` and `tf2`, loaded into an API.
func fixtureAPI() throws -> BoardAPI {
    let root = temporaryDirectory()
    for name in ["torch", "tensorboardX"] {
        try FileManager.default.copyItem(atPath: fixtures + "/compat/" + name, toPath: root + "/" + name)
    }
    try FileManager.default.copyItem(atPath: fixtures + "/tf2", toPath: root + "/tf2")
    let store = LogdirStore(root: root)
    store.reload()
    return BoardAPI(store: store, reloadInterval: 5)
}

extension BoardAPI {
    /// GETs `path?query` and decodes the JSON body.
    func json(_ path: String, _ query: String? = nil) throws -> (status: Int, body: Any) {
        let response = respond(path: path, query: query)
        return (response.status, try JSONSerialization.jsonObject(with: response.body, options: [.fragmentsAllowed]))
    }
}

func query(_ pairs: [String: String]) -> String {
    pairs.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }.joined(separator: "&")
}
