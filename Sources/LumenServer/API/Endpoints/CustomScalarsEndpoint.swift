import Hummingbird
import LumenBoard

extension BoardAPI {
    /// `GET /api/custom_scalars`: the custom-scalars layout each run logged (its latest), in
    /// run order: categories of multiline charts (tag regexes) and margin charts (value, lower
    /// and upper tags).
    func customScalars() -> Response {
        let layouts = store.runNames.compactMap { name in
            store.run(named: name)?.read { $0.customScalarLayout }.map { (name, $0) }
        }
        var j = JSONText()
        j.raw("{"); j.key("runs")
        j.array(layouts) { j, entry in
            let (run, layout) = entry
            j.raw("{"); j.key("run"); j.string(run)
            j.raw(","); j.key("categories")
            j.array(layout.category) { j, category in
                j.raw("{"); j.key("title"); j.string(category.title)
                j.raw(","); j.key("closed"); j.raw(category.closed ? "true" : "false")
                j.raw(","); j.key("charts")
                j.array(category.chart) { j, chart in
                    j.raw("{"); j.key("title"); j.string(chart.title)
                    switch chart.content {
                    case .multiline(let multiline):
                        j.raw(","); j.key("multiline"); j.raw("{"); j.key("tags"); j.stringArray(multiline.tag); j.raw("}")
                    case .margin(let margin):
                        j.raw(","); j.key("margin"); j.raw("{"); j.key("series")
                        j.array(margin.series) { j, series in
                            j.raw("{"); j.key("value"); j.string(series.value)
                            j.raw(","); j.key("lower"); j.string(series.lower)
                            j.raw(","); j.key("upper"); j.string(series.upper)
                            j.raw("}")
                        }
                        j.raw("}")
                    case nil:
                        break  // the reader keeps no such chart
                    }
                    j.raw("}")
                }
                j.raw("}")
            }
            j.raw("}")
        }
        j.raw("}")
        return JSONBody(j).response()
    }
}
