// Distributions dashboard: percentile bands over steps, per tag and run.
import { api } from "./api.js";
import { cardShell } from "./cards.js";
import { createDashboard, emptyMessage } from "./dashboard.js";
import { DistributionChart } from "./distribution-chart.js";
import { state } from "./store.js";
import { h } from "./dom.js";

class DistributionCard {
  constructor(tag, run) {
    this.tag = tag;
    this.run = run;
    this.loaded = false;
    this.shell = cardShell({ className: "distribution-card", title: tag, run });
    this.el = this.shell.el;
    Object.assign(this.el.dataset, { tag, run });
    const box = h("div", { class: "chart" });
    this.shell.body.append(box);
    this.chart = new DistributionChart(box, run);
  }

  runs() {
    return [this.run];
  }

  async load() {
    if (!this.loaded) this.shell.setState("loading");
    try {
      const resp = await api.distributions(this.run, this.tag);
      this.loaded = true;
      const count = resp.distributions.length;
      this.shell.setState(count ? "ready" : "empty", count ? "" : "No distributions recorded for this tag yet.");
      this.data = resp;
      this.render();
      this.el.dataset.steps = String(count);
    } catch (error) {
      this.shell.setState("error", error.message);
    }
  }

  render() {
    this.chart.setData(this.data.basisPoints, this.data.distributions, state.histAxis);
    this.el.dataset.axis = state.histAxis;
  }

  settingsChanged(patch) {
    if ("histAxis" in patch && this.data) this.render();
  }

  destroy() {
    this.chart.destroy();
  }
}

export function createDistributions(root) {
  return createDashboard(root, {
    name: "distributions",
    kind: "histograms", // distributions are computed from histogram data
    perRun: true,
    displayTag: (tag) => tag,
    createCard: (tag, run) => new DistributionCard(tag, run),
    empty: emptyMessage("histograms (distributions are drawn from them)",
      'try writer.addHistogram("weights", w, step: i)', 'writer.add_histogram("weights", w, i)'),
  });
}
