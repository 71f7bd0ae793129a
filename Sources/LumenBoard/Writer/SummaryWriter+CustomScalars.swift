extension SummaryWriter {
    /// Sets the charts of TensorBoard's Custom Scalars dashboard, as PyTorch's
    /// `add_custom_scalars`: one event holding the layout (tag `custom_scalars__config__`,
    /// plugin "custom_scalars"). The charts draw scalars logged with `addScalar` under the tags they
    /// name, in any run. Log it once; a later layout replaces it.
    ///
    /// ### Example
    /// ```swift
    /// try writer.addCustomScalars(CustomScalarLayout([
    ///     .init("Loss", charts: [.multiline(title: "all", tags: ["loss/.*"])]),
    /// ]))
    /// ```
    ///
    /// - Throws: ``SummaryArgumentError`` (argument `layout`) for a layout without categories, a
    ///   category or chart without a title, a category without charts or a chart without tags.
    public func addCustomScalars(_ layout: CustomScalarLayout, wallTime: Double? = nil) throws {
        try layout.validate()
        addSummary([try layout.summaryValue()], wallTime: wallTime)
    }
}
