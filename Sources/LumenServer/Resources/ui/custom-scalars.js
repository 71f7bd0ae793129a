// Custom-scalars dashboard: the layout runs logged with add_custom_scalars —
// per category, multiline charts of every scalar tag matching a chart's
// regexes, and margin charts (a value line in a lower–upper band).
import { api } from "./api.js";
import { CardGrid, cardShell } from "./cards.js";
import { emptyMessage } from "./dashboard.js";
import { h } from "./dom.js";
import { runColor } from "./colors.js";
import { activeRuns } from "./store.js";
import { XYChart } from "./xy-chart.js";
import { formatStep, formatValue } from "./format.js";

const WIDTH = 1000; // points per line: the chart is never wider than that
const row = (label, value) => h("tr", {}, h("th", {}, label), h("td", {}, value));

// A chart's regex matches a tag from its start, as TensorBoard's plugin does.
function tagMatcher(patterns) {
  const res = patterns.map((p) => {
    try { return new RegExp(`^(?:${p})`); } catch { return null; }
  });
  const bad = patterns.filter((_, i) => !res[i]);
  return { bad, matches: (tag) => res.some((re) => re && re.test(tag)) };
}

class CustomScalarCard {
  constructor(chart) {
    this.chart = chart;
    this.shell = cardShell({ className: "custom-scalar-card", title: chart.title || "(untitled)" });
    this.el = this.shell.el;
    this.el.dataset.chart = chart.title;
    this.el.dataset.kind = chart.margin ? "margin" : "multiline";
    const box = h("div", { class: "chart" });
    const what = chart.margin
      ? chart.margin.series.map((s) => `${s.value} in [${s.lower}, ${s.upper}]`).join(" · ")
      : chart.multiline.tags.join(" · ");
    this.shell.body.append(box, h("div", { class: "chart-hint", title: what }, chart.margin ? "Margin: " : "Tags matching ", what));
    this.plot = new XYChart(box, 240);
  }

  runs() {
    return activeRuns().map((r) => r.name);
  }

  async load() {
    if (!this.loaded) this.shell.setState("loading");
    try {
      const series = this.chart.margin ? await this.marginSeries() : await this.multilineSeries();
      this.loaded = true;
      this.el.dataset.lines = String(series.length);
      this.shell.setState(series.length ? "ready" : "empty", series.length ? this.note || "" : "No selected run has these tags.");
      this.plot.setData(series, {
        describe: (s, i) => h("table", {}, h("tbody", {},
          row("Line", s.label), row("Step", formatStep(s.x[i])), row("Value", formatValue(s.y[i])),
          s.lower ? row("Band", `${formatValue(s.lower[i])} – ${formatValue(s.upper[i])}`) : null)),
      });
    } catch (error) {
      this.shell.setState("error", error.message);
    }
  }

  async multilineSeries() {
    const { bad, matches } = tagMatcher(this.chart.multiline.tags);
    this.note = bad.length ? `Not a valid regex: ${bad.join(", ")}` : "";
    const wanted = activeRuns().flatMap((run) => (run.tags.scalars || []).filter(matches).map((tag) => ({ run: run.name, tag })));
    const answers = await api.scalarsAll(wanted, { width: WIDTH });
    return answers.map((resp, i) => {
      const label = `${wanted[i].run}: ${wanted[i].tag}`;
      return { label, color: runColor(label), x: resp.step, y: resp.value };
    });
  }

  async marginSeries() {
    // Every run's value, lower and upper series of every margin chart, asked for at once.
    const wanted = [];
    for (const run of activeRuns()) {
      const tags = new Set(run.tags.scalars || []);
      for (const s of this.chart.margin.series) {
        if ([s.value, s.lower, s.upper].every((t) => tags.has(t))) wanted.push({ run: run.name, s });
      }
    }
    const answers = await api.scalarsAll(wanted.flatMap(({ run, s }) =>
      [s.value, s.lower, s.upper].map((tag) => ({ run, tag }))), { width: WIDTH });
    const at = (resp) => new Map(resp.step.map((step, i) => [step, resp.value[i]]));
    return wanted.map(({ run, s }, k) => {
      const [value, lower, upper] = answers.slice(3 * k, 3 * k + 3);
      const lo = at(lower);
      const hi = at(upper);
      const label = `${run}: ${s.value}`;
      return { label, color: runColor(label), x: value.step, y: value.value,
        lower: value.step.map((step) => lo.get(step) ?? null), upper: value.step.map((step) => hi.get(step) ?? null) };
    });
  }

  destroy() {
    this.plot.destroy();
  }
}

// Categories of every run's layout, merged by title; a chart logged by several runs once.
function mergeLayouts(runs) {
  const categories = new Map();
  for (const { categories: logged } of runs) {
    for (const category of logged) {
      if (!categories.has(category.title)) categories.set(category.title, new Map());
      const charts = categories.get(category.title);
      for (const chart of category.charts) charts.set(JSON.stringify(chart), chart);
    }
  }
  return categories;
}

export function createCustomScalars(root) {
  const notice = h("div", { class: "notice", hidden: true });
  const gridRoot = h("div", { class: "groups" });
  root.replaceChildren(notice, gridRoot);
  const grid = new CardGrid(gridRoot, "custom-scalars");
  let layoutKey = "";
  let alive = true;

  async function fetchLayout() {
    let resp;
    try {
      resp = await api.customScalars();
    } catch (error) {
      notice.hidden = false;
      notice.replaceChildren(h("strong", {}, "Cannot read the layout: "), error.message);
      return;
    }
    if (!alive) return;
    const key = JSON.stringify(resp.runs.map((r) => r.categories));
    if (key === layoutKey) return;
    layoutKey = key;
    const items = [];
    for (const [title, charts] of mergeLayouts(resp.runs)) {
      for (const [chartKey, chart] of charts) {
        items.push({ key: `${title}\n${chartKey}`, group: title, create: () => new CustomScalarCard(chart) });
      }
    }
    grid.sync(items);
    grid.loadInView();
    notice.hidden = items.length > 0;
    if (!items.length) {
      notice.replaceChildren(...emptyMessage("custom scalar layout",
        'writer.addCustomScalars(CustomScalarLayout([.init("Loss", charts: [.multiline(title: "all", tags: ["loss/.*"])])]))',
        'writer.add_custom_scalars({"losses": {"all": ["Multiline", ["loss/.*"]]}})'));
    }
  }

  // Runs ticked on or off: every chart draws the new selection.
  function reloadAll() {
    grid.forEach((card) => { if (card.visible) grid.load(card); else card.stale = true; });
  }

  fetchLayout();
  return {
    sync: reloadAll,
    refresh: (changed) => {
      fetchLayout();
      grid.refresh(changed);
    },
    settingsChanged: () => {},
    destroy: () => {
      alive = false;
      grid.destroy();
    },
  };
}

