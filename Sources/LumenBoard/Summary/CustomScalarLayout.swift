import Foundation

/// The charts of TensorBoard's Custom Scalars dashboard: categories of charts, each chart
/// drawing scalar tags logged elsewhere — several tags on one chart (multiline), or a value
/// with a band between a lower and an upper tag (margin). PyTorch's `add_custom_scalars` layout
/// `{category: {title: ["Multiline", tags] or ["Margin", [value, lower, upper]]}}` in Swift.
///
/// ### Example
/// ```swift
/// let layout = CustomScalarLayout([
///     .init("Losses", charts: [.multiline(title: "train vs val", tags: ["loss/train", "loss/val"])]),
///     .init("Accuracy", charts: [.margin(title: "val", value: "acc/mean", lower: "acc/min", upper: "acc/max")]),
/// ])
/// try writer.addCustomScalars(layout)
/// ```
public struct CustomScalarLayout: Sendable, Equatable {
    /// A titled group of charts; the dashboard shows one collapsible section per category.
    public struct Category: Sendable, Equatable {
        public var title: String
        public var charts: [Chart]

        public init(_ title: String, charts: [Chart]) {
            self.title = title
            self.charts = charts
        }
    }

    /// One chart of a category.
    public enum Chart: Sendable, Equatable {
        /// One line per scalar tag matching any of `tags`, which are regular expressions
        /// (`"loss/.*"`) as well as plain tags.
        case multiline(title: String, tags: [String])
        /// The scalar tag `value` as a line inside the band between the tags `lower` and `upper`.
        case margin(title: String, value: String, lower: String, upper: String)

        var title: String {
            switch self {
            case .multiline(let title, _), .margin(let title, _, _, _): title
            }
        }
    }

    /// The categories, in the order the dashboard shows them.
    public var categories: [Category]

    public init(_ categories: [Category]) {
        self.categories = categories
    }

    /// - Throws: ``SummaryArgumentError`` naming the category or chart that has no title, no
    ///   charts or an empty tag.
    func validate() throws {
        if categories.isEmpty { throw SummaryArgumentError("layout", "no categories") }
        for (index, category) in categories.enumerated() {
            let name = "category #\(index) \"\(category.title)\""
            if category.title.isEmpty { throw SummaryArgumentError("layout", "category #\(index) has an empty title") }
            if category.charts.isEmpty { throw SummaryArgumentError("layout", "\(name) has no charts") }
            for (chartIndex, chart) in category.charts.enumerated() {
                if chart.title.isEmpty { throw SummaryArgumentError("layout", "chart #\(chartIndex) of \(name) has an empty title") }
                let chartName = "chart \"\(chart.title)\" of \(name)"
                switch chart {
                case .multiline(_, let tags):
                    if tags.isEmpty { throw SummaryArgumentError("layout", "\(chartName) has no tags") }
                    if tags.contains("") { throw SummaryArgumentError("layout", "\(chartName) has an empty tag") }
                case .margin(_, let value, let lower, let upper):
                    for (role, tag) in [("value", value), ("lower", lower), ("upper", upper)] where tag.isEmpty {
                        throw SummaryArgumentError("layout", "\(chartName) has an empty \(role) tag")
                    }
                }
            }
        }
    }

    /// The layout as the plugin's `Layout` message (no version, categories open), as PyTorch
    /// builds it.
    var message: TBCustomScalarLayout {
        var layout = TBCustomScalarLayout()
        layout.category = categories.map { category in
            var message = TBCustomScalarCategory()
            message.title = category.title
            message.chart = category.charts.map { chart in
                var message = TBCustomScalarChart()
                message.title = chart.title
                switch chart {
                case .multiline(_, let tags):
                    message.multiline.tag = tags
                case .margin(_, let value, let lower, let upper):
                    var series = TBCustomScalarMarginChartContent.Series()
                    (series.value, series.lower, series.upper) = (value, lower, upper)
                    message.margin.series = [series]
                }
                return message
            }
            return message
        }
        return layout
    }

    /// The summary value the dashboard looks for: tag `custom_scalars__config__`, a scalar
    /// DT_STRING tensor holding the serialized layout, plugin "custom_scalars".
    func summaryValue() throws -> TBSummary.Value {
        var tensor = TBTensorProto()
        tensor.dtype = .dtString
        tensor.tensorShape = TBTensorShapeProto()
        tensor.stringVal = [try message.serializedBytes()]
        var value = TBSummary.Value()
        value.tag = "custom_scalars__config__"
        value.metadata.pluginData.pluginName = "custom_scalars"
        value.tensor = tensor
        return value
    }
}
