import Foundation

/// Reads the values of the plugins whose data is more than a number: PR curves, the
/// custom-scalars layout and the hparams plugin's records. Each rule throws a
/// ``PluginDataError`` that says what is wrong, so that the loader can skip the value and
/// report it.
public enum PluginDecoding {
    /// A PR curve from its `[6, n]` float or double tensor (tp, fp, tn, fn, precision, recall).
    public static func prCurve(_ value: TBSummary.Value, wallTime: Double) throws(PluginDataError) -> PRCurvePoint {
        guard case .tensor(let tensor) = value.value else { throw PluginDataError("the value holds no tensor") }
        let dims = tensor.tensorShape.dim.map(\.size)
        guard dims.count == 2, dims[0] == 6, dims[1] >= 1 else {
            throw PluginDataError("the tensor's shape is \(dims), not [6, thresholds]")
        }
        let numbers = try doubles(tensor)
        guard numbers.count % 6 == 0, Int64(numbers.count / 6) == dims[1] else {
            throw PluginDataError("the tensor holds \(numbers.count) numbers, but its shape is [6, \(dims[1])]")
        }
        let n = Int(dims[1])
        return PRCurvePoint(wallTime: wallTime, rows: (0..<6).map { Array(numbers[$0 * n..<($0 + 1) * n]) })
    }

    /// The custom-scalars `Layout` from the string tensor PyTorch and TensorFlow write it in.
    public static func customScalarLayout(_ value: TBSummary.Value) throws(PluginDataError) -> TBCustomScalarLayout {
        guard case .tensor(let tensor) = value.value, let bytes = tensor.stringVal.first else {
            throw PluginDataError("the value holds no string tensor")
        }
        let layout: TBCustomScalarLayout
        do {
            layout = try TBCustomScalarLayout(serializedBytes: bytes)
        } catch {
            throw PluginDataError("the \(bytes.count) bytes are not a Layout message (\(error))")
        }
        for (c, category) in layout.category.enumerated() {
            for (i, chart) in category.chart.enumerated() where chart.content == nil {
                throw PluginDataError("chart \(i) (\"\(chart.title)\") of category \(c) (\"\(category.title)\") is neither multiline nor margin")
            }
        }
        return layout
    }

    /// One hparams plugin record: an experiment, a session start or a session end.
    public static func hparams(_ value: TBSummary.Value) throws(PluginDataError) -> TBHParamsHParamsPluginData {
        let content = value.metadata.pluginData.content
        let data: TBHParamsHParamsPluginData
        do {
            data = try TBHParamsHParamsPluginData(serializedBytes: content)
        } catch {
            throw PluginDataError("the \(content.count) bytes are not HParamsPluginData (\(error))")
        }
        guard data.data != nil else { throw PluginDataError("the record holds no experiment, session start or session end") }
        return data
    }

    private static func doubles(_ t: TBTensorProto) throws(PluginDataError) -> [Double] {
        switch t.dtype {
        case .dtFloat where !t.floatVal.isEmpty: return t.floatVal.map(Double.init)
        case .dtDouble where !t.doubleVal.isEmpty: return t.doubleVal
        case .dtFloat:
            let c = t.tensorContent
            return c.withUnsafeBytes { raw in (0..<c.count / 4).map { Double(raw.loadUnaligned(fromByteOffset: $0 * 4, as: Float.self)) } }
        case .dtDouble:
            let c = t.tensorContent
            return c.withUnsafeBytes { raw in (0..<c.count / 8).map { raw.loadUnaligned(fromByteOffset: $0 * 8, as: Double.self) } }
        default:
            throw PluginDataError("the tensor's type is \(t.dtype), not float or double")
        }
    }
}

/// Why a plugin's value could not be read.
public struct PluginDataError: Error, Sendable, CustomStringConvertible {
    public let description: String

    init(_ description: String) { self.description = description }
}
