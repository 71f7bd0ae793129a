// Histograms dashboard: one card per tag and run.
import { api } from "./api.js";
import { cardShell } from "./cards.js";
import { createDashboard, emptyMessage } from "./dashboard.js";
import { HistogramChart } from "./histogram-chart.js";
import { state } from "./store.js";
import { h } from "./dom.js";

class HistogramCard {
  constructor(tag, run) {
    this.tag = tag;
    this.run = run;
    this.histograms = null;
    this.shell = cardShell({ className: "histogram-card", title: tag, run });
    this.el = this.shell.el;
    Object.assign(this.el.dataset, { tag, run });
    const box = h("div", { class: "chart" });
    this.shell.body.append(box);
    this.chart = new HistogramChart(box, run);
  }

  runs() {
    return [this.run];
  }

  async load() {
    if (!this.histograms) this.shell.setState("loading");
    try {
      const resp = await api.histograms(this.run, this.tag);
      this.histograms = resp.histograms;
      this.shell.setState(this.histograms.length ? "ready" : "empty",
        this.histograms.length ? "" : "No histograms recorded for this tag yet.");
      this.render();
    } catch (error) {
      this.shell.setState("error", error.message);
    }
  }

  render() {
    if (!this.histograms || !this.histograms.length) return;
    this.chart.setData(this.histograms, state.histMode, state.histAxis);
    this.el.dataset.mode = state.histMode;
    this.el.dataset.axis = state.histAxis;
    this.el.dataset.steps = String(this.histograms.length);
  }

  settingsChanged(patch) {
    if ("histMode" in patch || "histAxis" in patch) this.render();
  }

  destroy() {
    this.chart.destroy();
  }
}

export function createHistograms(root) {
  return createDashboard(root, {
    name: "histograms",
    kind: "histograms",
    perRun: true,
    displayTag: (tag) => tag,
    createCard: (tag, run) => new HistogramCard(tag, run),
    empty: emptyMessage("histograms", 'try writer.addHistogram("weights", w, step: i)', 'writer.add_histogram("weights", w, i)'),
  });
}
