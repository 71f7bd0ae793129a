import Foundation
import LumenNN
import LumenTestSupport
import Testing

@Suite("State dicts and safetensors files")
struct StateDictTests {
    @Test("Swift labels are spelled in torch's snake case")
    func torchNames() {
        #expect(Module.torchName("runningMean") == "running_mean")
        #expect(Module.torchName("numBatchesTracked") == "num_batches_tracked")
        #expect(Module.torchName("layer4.1.conv2") == "layer4.1.conv2")
        #expect(Module.torchName("qkvProj.0") == "qkv_proj.0")
        #expect(Module.torchName("URLTable") == "url_table")
        #expect(Module.torchName("conv2Weight") == "conv2_weight")
    }

    @Test("keys: parameters, then buffers, then children; values are detached copies")
    func keysAndSnapshots() {
        let model = Sequential(Conv2d(1, 2, 3), BatchNorm2d(2))
        let state = model.stateDict()
        #expect(state.keys == ["0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked"])
        let weight = try! #require(state["0.weight"])
        #expect(!weight.requiresGrad)
        let before = weight.scalars
        withNoGrad { (model[0] as! Conv2d).weight.assign(Tensor.zeros([2, 1, 3, 3])) }
        #expect(weight.scalars == before)
    }

    @Test("a tied weight appears under each of its names, as in torch")
    func tiedWeights() {
        let shared = Linear(2, 2)
        let model = Sequential(shared, shared)
        #expect(model.stateDict().keys == ["0.weight", "0.bias", "1.weight", "1.bias"])
        #expect(model.parameters().count == 2)
    }

    @Test("loading copies values into the same tensors")
    func loadKeepsIdentity() throws {
        let source = Linear(3, 2), target = Linear(3, 2)
        let weight = target.weight
        try target.loadStateDict(source.stateDict())
        #expect(target.weight === weight)
        #expect(target.weight.scalars == source.weight.scalars)
        #expect(target.weight.requiresGrad)
    }

    @Test("strict loading names missing and unexpected keys in torch's words, and changes nothing")
    func strictErrors() throws {
        let model = Linear(3, 2)
        let before = model.weight.scalars
        var state = model.stateDict()
        state["weight"] = Tensor.zeros([2, 3])
        state["bias"] = nil
        state["scale"] = Tensor(1)
        let error = try #require(throws: LoadStateDictError.self) { try model.loadStateDict(state) }
        #expect(error.description == """
            Error(s) in loading state_dict for Linear:
            \tMissing key(s) in state_dict: "bias". 
            \tUnexpected key(s) in state_dict: "scale". 
            """)
        #expect(model.weight.scalars == before)

        let (missing, unexpected) = try model.loadStateDict(state, strict: false)
        #expect(missing == ["bias"] && unexpected == ["scale"])
        #expect(model.weight.scalars == [0, 0, 0, 0, 0, 0])
    }

    @Test("a shape mismatch throws even when not strict")
    func sizeMismatch() throws {
        let model = Linear(3, 2)
        let bias = model.bias!.scalars
        let state: StateDict = ["weight": Tensor.zeros([10, 3]), "bias": Tensor.zeros([2])]
        let error = try #require(throws: LoadStateDictError.self) { try model.loadStateDict(state, strict: false) }
        #expect(error.description == """
            Error(s) in loading state_dict for Linear:
            \tsize mismatch for weight: copying a param with shape torch.Size([10, 3]) from checkpoint, \
            the shape in current model is torch.Size([2, 3]).
            """)
        #expect(model.bias!.scalars == bias)
    }

    @Test("a file saved and read back holds the same tensors and metadata")
    func roundTrip() throws {
        let model = Sequential(Linear(4, 3), BatchNorm2d(3))
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let url = URL(fileURLWithPath: directory).appending(path: "model.safetensors")
        try model.saveSafetensors(to: url, metadata: ["format": "pt", "note": "a \"quoted\"\nline"])
        let file = try SafetensorsFile(contentsOf: url)
        #expect(file.metadata == ["format": "pt", "note": "a \"quoted\"\nline"])
        #expect(Set(file.tensors.keys) == Set(model.stateDict().keys))
        for (key, tensor) in model.stateDict() {
            #expect(file.tensors[key]?.shape == tensor.shape && file.tensors[key]?.scalars == tensor.scalars, "\(key)")
        }
        let copy = Sequential(Linear(4, 3), BatchNorm2d(3))
        try copy.loadSafetensors(from: url)
        #expect(copy.parameters().map(\.scalars) == model.parameters().map(\.scalars))
    }

    @Test("F16, BF16, F64, I64, U8 and BOOL tensors are read as Float32")
    func dtypes() throws {
        let entries: [(String, String, [Int], [UInt8])] = [
            ("a", "F16", [3], [0x00, 0x3C, 0x00, 0xC0, 0x01, 0x00]),                 // 1, -2, 2⁻²⁴
            ("b", "BF16", [2], [0x80, 0x3F, 0x40, 0xC0]),                             // 1, -3
            ("c", "F64", [1], Array(withUnsafeBytes(of: (0.25 as Double).bitPattern.littleEndian, Array.init))),
            ("d", "I64", [2], Array(withUnsafeBytes(of: Int64(-7).littleEndian, Array.init)) + Array(withUnsafeBytes(of: Int64(5).littleEndian, Array.init))),
            ("e", "U8", [1], [200]),
            ("f", "BOOL", [2], [1, 0]),
        ]
        let file = try SafetensorsFile(decoding: Self.file(entries))
        #expect(file.tensors["a"]?.scalars == [1, -2, 0x1p-24])
        #expect(file.tensors["b"]?.scalars == [1, -3])
        #expect(file.tensors["c"]?.scalars == [0.25])
        #expect(file.tensors["d"]?.scalars == [-7, 5])
        #expect(file.tensors["e"]?.scalars == [200])
        #expect(file.tensors["f"]?.scalars == [1, 0])
    }

    @Test("damaged files are refused with the offset or tensor at fault")
    func damagedFiles() throws {
        let good = Self.file([("w", "F32", [2], [UInt8](repeating: 0, count: 8))])
        func message(_ bytes: Data) throws -> String {
            try #require(throws: SafetensorsError.self) { try SafetensorsFile(decoding: bytes, source: "w.safetensors") }.description
        }
        #expect(try message(Data([1, 2, 3])) == "w.safetensors: 3 bytes; a safetensors file starts with an 8-byte header length")
        #expect(try message(good.prefix(20)).hasPrefix("w.safetensors: the header length at offset 0 is"))
        #expect(try message(good.dropLast(4)).contains("tensor \"w\": data_offsets end at 8, past the 4 data bytes"))
        #expect(try message(good + [0, 0]).contains("2 bytes after the last tensor's data"))
        #expect(try message(Self.file([("w", "F32", [3], [UInt8](repeating: 0, count: 8))]))
            .contains("tensor \"w\": shape [3] of F32 needs 12 bytes, but data_offsets span 8"))
        #expect(try message(Self.file([("w", "Q4", [2], [0, 0])])).contains("tensor \"w\": unknown dtype \"Q4\""))
        #expect(try message(Self.header(#"{"w":{"dtype":"F32","shape":[2305843009213693952,1],"data_offsets":[0,0]}}"#))
            == "w.safetensors: tensor \"w\": shape [2305843009213693952, 1] is too large")
        #expect(try message(Self.header(#"{"w":{"dtype":"F32","shape":[0,4611686018427387904,8],"data_offsets":[0,0]}}"#))
            .contains("is too large"))
        #expect(try message(Self.header(#"{"w":{"dtype":"F32","shape":[2.5],"data_offsets":[0,0]}}"#))
            .hasPrefix("w.safetensors: the header (offsets 8..<"))
        #expect(try message(Self.header(#"{"w":{"dtype":"F32","shape":[1]}}"#)).hasPrefix("w.safetensors: header field w"))
        var badJSON = good
        badJSON[8] = UInt8(ascii: "[")
        #expect(try message(badJSON).contains("the header (offsets 8..<"))
    }

    @Test("a null __metadata__ is no metadata, as the reference reader takes it")
    func nullMetadata() throws {
        let file = try SafetensorsFile(decoding: Self.header(#"{"__metadata__":null,"w":{"dtype":"F32","shape":[0],"data_offsets":[0,0]}}"#))
        #expect(file.metadata.isEmpty && file.tensors["w"]?.shape == [0])
    }

    @Test("a batch norm's num_batches_tracked may be missing, as torch allows; the count is kept")
    func missingBatchCount() throws {
        let model = Sequential(Linear(2, 2), BatchNorm1d(2))
        _ = model(Tensor.randn([4, 2]))
        var state = Sequential(Linear(2, 2), BatchNorm1d(2)).stateDict()
        state["1.num_batches_tracked"] = nil
        try model.loadStateDict(state)
        #expect((model[1] as? BatchNorm1d)?.numBatchesTracked?.item() == 1)
        state["1.running_mean"] = nil
        let error = try #require(throws: LoadStateDictError.self) { try model.loadStateDict(state) }
        #expect(error.missingKeys == ["1.running_mean"])
    }

    /// A file holding only `json` as its header.
    static func header(_ json: String) -> Data {
        let bytes = Array(json.utf8)
        return Data(withUnsafeBytes(of: UInt64(bytes.count).littleEndian, Array.init) + bytes)
    }

    /// A safetensors file of the given entries, data in order.
    static func file(_ entries: [(name: String, dtype: String, shape: [Int], bytes: [UInt8])]) -> Data {
        var offset = 0
        var fields: [String] = []
        var payload: [UInt8] = []
        for entry in entries {
            let shape = entry.shape.map(String.init).joined(separator: ",")
            fields.append("\"\(entry.name)\":{\"dtype\":\"\(entry.dtype)\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(offset + entry.bytes.count)]}")
            offset += entry.bytes.count
            payload += entry.bytes
        }
        let header = Array("{\(fields.joined(separator: ","))}".utf8)
        return Data(withUnsafeBytes(of: UInt64(header.count).littleEndian, Array.init) + header + payload)
    }
}
