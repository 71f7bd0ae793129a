// PR-curves dashboard: one card per tag and run, precision against recall at
// one step (a slider picks it), the threshold and counts in the tooltip.
import { api } from "./api.js";
import { cardShell } from "./cards.js";
import { createDashboard, emptyMessage } from "./dashboard.js";
import { h } from "./dom.js";
import { runColor } from "./colors.js";
import { XYChart } from "./xy-chart.js";
import { formatStep, formatValue } from "./format.js";

const row = (label, value) => h("tr", {}, h("th", {}, label), h("td", {}, value));

class PRCurveCard {
  constructor(tag, run) {
    this.tag = tag;
    this.run = run;
    this.steps = [];
    this.shell = cardShell({ className: "pr-card", title: tag, run });
    this.el = this.shell.el;
    Object.assign(this.el.dataset, { tag, run });
    this.slider = h("input", { type: "range", min: "0", max: "0", step: "1", value: "0", "aria-label": "Step" });
    this.stepLabel = h("span", { class: "pr-step" });
    this.slider.addEventListener("input", () => this.render());
    const box = h("div", { class: "chart" });
    this.shell.body.append(box, h("label", { class: "pr-slider" }, this.stepLabel, this.slider));
    this.chart = new XYChart(box, 260);
  }

  runs() {
    return [this.run];
  }

  async load() {
    if (!this.steps.length) this.shell.setState("loading");
    try {
      const resp = await api.prCurves(this.run, this.tag);
      const atEnd = !this.steps.length || Number(this.slider.value) === this.steps.length - 1;
      this.steps = resp.steps;
      this.slider.max = String(Math.max(0, this.steps.length - 1));
      // Follow the newest step unless the user moved the slider back.
      if (atEnd) this.slider.value = this.slider.max;
      this.slider.disabled = this.steps.length < 2;
      this.shell.setState(this.steps.length ? "ready" : "empty", this.steps.length ? "" : "No PR curve recorded for this tag yet.");
      this.render();
    } catch (error) {
      this.shell.setState("error", error.message);
    }
  }

  render() {
    const point = this.steps[Number(this.slider.value)];
    if (!point) return;
    this.stepLabel.textContent = `Step ${formatStep(point.step)} (${Number(this.slider.value) + 1} of ${this.steps.length})`;
    this.el.dataset.step = String(point.step);
    this.chart.setData([{ label: this.run, color: runColor(this.run), x: point.recall, y: point.precision }], {
      xDomain: [0, 1], yDomain: [0, 1.02],
      describe: (_, i) => h("table", {}, h("tbody", {},
        row("Threshold", formatValue(point.thresholds[i])),
        row("Precision", formatValue(point.precision[i])),
        row("Recall", formatValue(point.recall[i])),
        row("TP / FP", `${formatValue(point.truePositives[i])} / ${formatValue(point.falsePositives[i])}`),
        row("TN / FN", `${formatValue(point.trueNegatives[i])} / ${formatValue(point.falseNegatives[i])}`),
        row("Step", formatStep(point.step)))),
    });
  }

  destroy() {
    this.chart.destroy();
  }
}

export function createPRCurves(root) {
  return createDashboard(root, {
    name: "pr-curves",
    kind: "prCurves",
    perRun: true,
    displayTag: (tag) => tag,
    createCard: (tag, run) => new PRCurveCard(tag, run),
    empty: emptyMessage("PR curves", 'writer.addPrCurve("pr", labels: l, predictions: p, step: s)',
      'writer.add_pr_curve("pr", labels, predictions, step)'),
  });
}
