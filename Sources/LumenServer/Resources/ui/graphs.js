// Graphs dashboard: one run's logged model graph. Scopes start closed (the
// top level reads input → Model → output); clicking a scope opens it, its
// title strip closes it. A details panel describes the selected node, and
// the sidebar picks the run and finds nodes by name.
import { api } from "./api.js";
import { emptyMessage } from "./dashboard.js";
import { h } from "./dom.js";
import { formatCount } from "./format.js";
import { GraphCanvas } from "./graph-canvas.js";
import { detailsPanel, graphTooltip } from "./graph-details.js";
import { buildGraph, searchGraph } from "./graph-model.js";
import { buildScene } from "./graph-scene.js";
import { graphSVG, graphPNG, download } from "./graph-export.js";
import { state, update } from "./store.js";
import { showTooltip, hideTooltip } from "./tooltip.js";

const $ = (id) => document.getElementById(id);
const openScopes = new Map(); // run → names of its open scopes, while the page stays open

export function createGraphs(root) {
  const notice = h("div", { class: "notice", hidden: true });
  const surface = h("div", { class: "graph-surface" });
  const summary = h("div", { class: "graph-summary",
    title: "Constants TorchScript spells out as nodes are folded into the inputs of the nodes that read them" });
  const detailsSlot = h("div", { class: "graph-details-slot" });
  const el = h("div", { class: "graph-view", "data-state": "loading" }, surface, summary, detailsSlot,
    h("div", { class: "graph-controls" },
      h("button", { type: "button", class: "chip", title: "Zoom in", onclick: () => canvas.zoomBy(1.25) }, "+"),
      h("button", { type: "button", class: "chip", title: "Zoom out", onclick: () => canvas.zoomBy(0.8) }, "−"),
      h("button", { type: "button", class: "chip", title: "Fit the graph to the window", onclick: () => canvas.fit() }, "Fit"),
      h("button", { type: "button", class: "chip", title: "Close every scope", onclick: closeAll }, "Close all"),
      h("button", { type: "button", class: "chip", "data-export": "png", title: "Download the graph as it is opened, as a PNG image", onclick: () => save("png") }, "PNG"),
      h("button", { type: "button", class: "chip", "data-export": "svg", title: "Download the graph as it is opened, as an SVG drawing", onclick: () => save("svg") }, "SVG")));
  root.replaceChildren(notice, el);
  const canvas = new GraphCanvas(surface, { onClick: click, onHover: hover });
  const runSelect = $("graph-run");
  const search = $("graph-search");
  const matches = $("graph-matches");
  const listeners = new AbortController();
  const listen = (target, type, fn) => target.addEventListener(type, fn, { signal: listeners.signal });

  let run = null;        // the run shown
  let graphCount = 0;    // its graph events when loaded: a new one is fetched
  let graph = null;      // buildGraph() of its latest graph
  let expanded = new Set();
  let selected = null;
  let results = [];      // search matches
  let request = 0;

  listen(runSelect, "change", () => { update({ graphRun: runSelect.value }); sync(); });
  listen(search, "input", () => showMatches());
  listen(search, "keydown", (e) => { if (e.key === "Enter" && results.length) reveal(results[0]); });

  function sync() {
    const withGraphs = state.runs.filter((r) => r.graphs > 0);
    const names = withGraphs.map((r) => r.name);
    if ([...runSelect.options].map((o) => o.value).join("\n") !== names.join("\n")) {
      runSelect.replaceChildren(...names.map((name) => h("option", { value: name }, name)));
    }
    runSelect.disabled = !names.length;
    if (!withGraphs.length) {
      run = null;
      request++; // drop an answer still on its way
      showNotice(emptyMessage("graphs", "writer.addGraph(model, input: x)", "writer.add_graph(model, x)"));
      return;
    }
    const wanted = withGraphs.find((r) => r.name === state.graphRun) || withGraphs[0];
    runSelect.value = wanted.name;
    if (wanted.name !== run || wanted.graphs !== graphCount) load(wanted);
  }

  async function load(entry) {
    const sameRun = entry.name === run;
    run = entry.name;
    graphCount = entry.graphs;
    el.dataset.run = run;
    el.dataset.state = "loading";
    const ticket = ++request;
    try {
      const resp = await api.graph(run);
      if (ticket !== request) return;
      graph = buildGraph(resp.nodes);
      if (!openScopes.has(run)) openScopes.set(run, new Set());
      expanded = openScopes.get(run);
      for (const name of expanded) if (!graph.scopes.has(name)) expanded.delete(name);
      const keep = sameRun && selected ? graph.nodes.get(selected.name) || graph.scopes.get(selected.name) : null;
      notice.hidden = true;
      el.hidden = false;
      el.dataset.state = "ready";
      relayout();
      canvas.fit();
      select(keep || null);
      showMatches();
    } catch (error) {
      if (ticket !== request) return;
      graph = null;
      graphCount = -1; // try again on the next sync
      el.dataset.state = "error";
      showNotice([h("strong", {}, `The graph of run ${run} cannot be shown. `), error.message]);
    }
  }

  function showNotice(content) {
    notice.replaceChildren(...[content].flat());
    notice.classList.toggle("error", el.dataset.state === "error");
    notice.hidden = false;
    el.hidden = true;
  }

  // Lay out what the open scopes show; `anchor` keeps one item in place on screen.
  function relayout(anchor = null) {
    const scene = buildScene(graph, expanded, (item, open) => canvas.measure(item, open));
    canvas.setScene(scene);
    canvas.pin(anchor);
    const closed = scene.items.filter((box) => !box.open);
    summary.textContent = `${formatCount(graph.nodes.size)} nodes · ${formatCount(closed.length)} shown`;
    el.dataset.visible = JSON.stringify(closed.map((box) => box.item.label));
    el.dataset.expanded = JSON.stringify([...expanded]);
  }

  function toggle(scope) {
    const anchor = canvas.screenPoint(scope);
    if (expanded.has(scope.name)) expanded.delete(scope.name); else expanded.add(scope.name);
    relayout(anchor);
    renderDetails();
  }

  // Downloads the scene laid out now: every item, whatever the view shows.
  async function save(format) {
    if (!canvas.scene) return;
    const measure = (item, open) => canvas.measure(item, open);
    const name = `${run.replace(/[^\w.-]+/g, "_")}-graph.${format}`;
    const blob = format === "svg"
      ? new Blob([graphSVG(canvas.scene, measure)], { type: "image/svg+xml" })
      : await graphPNG(canvas.scene, measure);
    download(blob, name);
  }

  function closeAll() {
    if (!graph) return;
    expanded.clear();
    relayout();
    canvas.fit();
    renderDetails();
  }

  function click(hit) {
    if (!hit) return select(null);
    select(hit.item);
    if (hit.item.isScope && hit.part !== "body") toggle(hit.item);
  }

  function select(item) {
    selected = item;
    canvas.select(item);
    el.dataset.selected = item ? item.name : "";
    renderDetails();
  }

  // Open every scope around `item`, then centre and select it.
  function reveal(item) {
    if (!graph) return;
    let opened = false;
    for (const scope of item.ancestors) {
      if (!expanded.has(scope.name)) { expanded.add(scope.name); opened = true; }
    }
    if (opened) relayout();
    canvas.reveal(item);
    select(item);
  }

  function renderDetails() {
    detailsSlot.replaceChildren(...(selected ? [detailsPanel(selected, {
      expanded, onPick: reveal, onToggle: toggle, onClose: () => select(null),
    })] : []));
  }

  function hover(hit, e) {
    if (hit && hit.part !== "body") showTooltip(graphTooltip(hit.item, expanded.has(hit.item.name)), e.clientX, e.clientY);
    else hideTooltip();
  }

  function showMatches() {
    results = graph ? searchGraph(graph, search.value) : [];
    const items = results.map((item) => h("li", {},
      h("button", { type: "button", class: "graph-match", title: item.name, "data-name": item.name, onclick: () => reveal(item) },
        h("span", { class: "graph-match-label" }, item.label),
        h("span", { class: "graph-match-path" }, item.name))));
    if (search.value.trim() && graph && !results.length) items.push(h("li", { class: "muted small" }, "No node matches."));
    matches.replaceChildren(...items);
  }

  sync();
  return {
    sync,
    // A new graph changes the run's graph count, which arrives through sync.
    refresh: () => {},
    settingsChanged: () => {},
    destroy: () => {
      request++;
      listeners.abort();
      canvas.destroy();
      matches.replaceChildren();
      hideTooltip();
    },
  };
}
