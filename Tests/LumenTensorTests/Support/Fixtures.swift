import Foundation
import LumenTensor
import LumenTensorTestSupport
import Testing

/// A JSON value from a fixture file, kept Sendable so cases can be test arguments.
enum JSONValue: Sendable {
    /// Numbers and booleans (true is 1).
    case number(Double), string(String), array([JSONValue]), object([String: JSONValue]), null

    init(_ any: Any) {
        switch any {
        case let s as String: self = .string(s)
        case let n as NSNumber: self = .number(n.doubleValue)
        case let b as Bool: self = .number(b ? 1 : 0)
        case let s as String: self = .string(s)
        case let a as [Any]: self = .array(a.map(JSONValue.init))
        case let o as [String: Any]: self = .object(o.mapValues(JSONValue.init))
        default: self = .null
        }
    }

    var number: Double? { if case .number(let n) = self { n } else { nil } }
    var bool: Bool { number == 1 }
    var string: String? { if case .string(let s) = self { s } else { nil } }
    var array: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
    var object: [String: JSONValue]? { if case .object(let o) = self { o } else { nil } }
    subscript(key: String) -> JSONValue? { object?[key] }
}

extension FixtureTensor {
    /// A tensor of a fixture case, `{"shape": [...], "data": [...]}`.
    init(_ json: JSONValue) {
        self.init(shape: json["shape"]!.array!.map { Int($0.number!) }, data: json["data"]!.array!.map { Float($0.number!) })
    }
}

/// One op call recorded by Scripts/make_tensor_fixtures.py: inputs, outputs, upstream
/// gradients and the inputs' gradients, all from PyTorch.
struct FixtureCase: Sendable, CustomTestStringConvertible {
    let name: String
    let op: String
    let args: [String: JSONValue]
    let inputs: [(data: FixtureTensor, grad: Bool)]
    let outputs: [(data: FixtureTensor, upstream: FixtureTensor?)]
    let grads: [FixtureTensor?]

    var testDescription: String { name }

    /// The cases of `Fixtures/<group>.json`.
    static func load(_ group: String) -> [FixtureCase] {
        let url = Bundle.module.url(forResource: "Fixtures/\(group)", withExtension: "json")!
        let root = JSONValue(try! JSONSerialization.jsonObject(with: Data(contentsOf: url)))
        return root["cases"]!.array!.map { c in
            FixtureCase(
                name: c["name"]!.string!,
                op: c["op"]!.string!,
                args: c["args"]?.object ?? [:],
                inputs: c["inputs"]!.array!.map { (FixtureTensor($0), $0["grad"]!.bool) },
                outputs: c["outputs"]!.array!.map { o in
                    (FixtureTensor(o), { if case .null = o["upstream"] ?? .null { nil } else { FixtureTensor(o["upstream"]!) } }())
                },
                grads: c["grads"]!.array!.map { if case .null = $0 { nil } else { FixtureTensor($0) } }
            )
        }
    }
}
