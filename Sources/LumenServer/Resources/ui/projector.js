// Projector dashboard: the embeddings the runs logged (add_embedding), shown
// as a 2-D or 3-D scatter of their exact principal components (computed on
// the server over every point) or of a t-SNE run in a Web Worker over every
// point. Points are coloured by a metadata column; hovering shows a point's
// labels and sprite image; clicking selects it and lists its nearest
// neighbours on the original vectors (cosine or euclidean, from the server).
import { h } from "./dom.js";
import { showTooltip, hideTooltip } from "./tooltip.js";
import { onThemeChange } from "./theme.js";
import { ScatterView } from "./projector-scatter.js";
import { colorsFor } from "./projector-colors.js";
import { projectorAPI } from "./projector-data.js";
import { emptyMessage } from "./dashboard.js";

const percent = (x) => `${(x * 100).toFixed(1)}%`;

function select(label, id, options, onChange) {
  const el = h("select", { id, onchange: () => onChange(el.value) },
    options.map(([value, text]) => h("option", { value }, text)));
  return { el, row: h("label", { class: "projector-field", for: id }, h("span", {}, label), el) };
}

export function createProjector(root) {
  const controls = h("div", { class: "projector-controls" });
  const plotBox = h("div", { class: "projector-plot" });
  const legend = h("div", { class: "projector-legend", "aria-label": "Colour legend" });
  const info = h("p", { class: "projector-info muted small", "aria-live": "polite" });
  const details = h("aside", { class: "projector-details", "aria-label": "Selected point" });
  const problems = h("div", { class: "projector-problems" });
  // The dashboard's element; its data-state, data-tsne, data-projection, data-dims and
  // data-selected attributes say what it shows.
  const pane = h("div", { class: "projector" }, problems, controls,
    h("div", { class: "projector-body" }, h("div", { class: "projector-stage" }, plotBox, info, legend), details));
  root.replaceChildren(pane);

  let embeddings = [];
  let current = null;      // the embedding shown
  let metadata = null;     // { points, names, columns }
  let pca = null;
  let tsne = null;         // { worker, dims, positions } while or after a run
  let sprite = null;       // the loaded sprite image
  let selected = -1;
  let neighbors = [];
  let loadToken = 0;
  const view = { projection: "pca", dims: 3, colorBy: "", labelBy: "", metric: "cosine", k: 10, perplexity: 30, iterations: 1000 };

  const scatter = new ScatterView(plotBox, { onHover: hover, onSelect: (i) => choose(i) });
  const stopTheme = onThemeChange(() => scatter.draw());

  const embeddingSelect = select("Embedding", "projector-embedding", [], (value) => open(embeddings[Number(value)]));
  const projectionSelect = select("Projection", "projector-projection", [["pca", "PCA (exact)"], ["tsne", "t-SNE"]], (value) => {
    view.projection = value;
    showPoints();
  });
  const dimsSelect = select("Dimensions", "projector-dims", [["3", "3-D"], ["2", "2-D"]], (value) => {
    view.dims = Number(value);
    if (view.projection === "tsne" && tsne) stopTSNE(true);
    showPoints();
  });
  const colorSelect = select("Colour by", "projector-color", [], (value) => { view.colorBy = value; paintColors(); });
  const labelSelect = select("Label by", "projector-label", [], (value) => { view.labelBy = value; paintHighlight(); });
  const metricSelect = select("Neighbours by", "projector-metric", [["cosine", "Cosine distance"], ["euclidean", "Euclidean distance"]],
    (value) => { view.metric = value; choose(selected); });
  const kInput = h("input", { type: "number", id: "projector-k", min: "1", max: "1000", value: String(view.k),
    onchange: () => { view.k = Math.max(1, Math.min(1000, Number(kInput.value) || 10)); choose(selected); } });
  const perplexityInput = h("input", { type: "number", id: "projector-perplexity", min: "2", max: "100", value: String(view.perplexity) });
  const iterationsInput = h("input", { type: "number", id: "projector-iterations", min: "50", max: "10000", step: "50", value: String(view.iterations) });
  const runButton = h("button", { type: "button", class: "header-button", id: "projector-tsne-run", onclick: () => startTSNE() }, "Run t-SNE");
  const stopButton = h("button", { type: "button", class: "header-button", id: "projector-tsne-stop", disabled: true, onclick: () => stopTSNE(false) }, "Stop");
  const progress = h("progress", { id: "projector-tsne-progress", max: "1", value: "0", hidden: true });
  const progressText = h("span", { class: "projector-progress muted small", id: "projector-tsne-status", "aria-live": "polite" });
  dimsSelect.el.value = String(view.dims);
  controls.append(embeddingSelect.row, projectionSelect.row, dimsSelect.row, colorSelect.row, labelSelect.row, metricSelect.row,
    h("label", { class: "projector-field", for: "projector-k" }, h("span", {}, "Neighbours"), kInput),
    h("fieldset", { class: "projector-tsne" }, h("legend", {}, "t-SNE"),
      h("label", { class: "projector-field", for: "projector-perplexity" }, h("span", {}, "Perplexity"), perplexityInput),
      h("label", { class: "projector-field", for: "projector-iterations" }, h("span", {}, "Iterations"), iterationsInput),
      runButton, stopButton, progress, progressText));

  async function refreshList() {
    const answer = await projectorAPI.list();
    problems.replaceChildren(...answer.problems.map((p) => h("div", { class: "notice error" }, p)));
    embeddings = answer.embeddings;
    embeddingSelect.el.replaceChildren(...embeddings.map((e, i) => h("option", { value: String(i) }, `${e.run === "." ? "" : `${e.run} · `}${e.name}`)));
    if (!embeddings.length) {
      info.replaceChildren(...emptyMessage("embeddings", "writer.addEmbedding(features, metadata: labels)", "writer.add_embedding(features, metadata=labels)"));
      return;
    }
    const again = current ? embeddings.findIndex((e) => e.run === current.run && e.name === current.name) : -1;
    if (again >= 0) embeddingSelect.el.value = String(again);
    else await open(embeddings[0]);
  }

  async function open(embedding) {
    const token = ++loadToken;
    stopTSNE(true);
    current = embedding;
    metadata = pca = sprite = null;
    selected = -1;
    neighbors = [];
    details.replaceChildren(h("p", { class: "muted small" }, "Click a point to list its nearest neighbours."));
    pane.dataset.state = "loading";
    info.textContent = "Computing the principal components of every point…";
    try {
      const started = performance.now();
      const [m, p] = await Promise.all([projectorAPI.metadata(embedding), projectorAPI.pca(embedding)]);
      if (token !== loadToken) return;
      metadata = m;
      pca = p;
      pca.seconds = (performance.now() - started) / 1000;
      const columns = metadata.names.map((name, i) => [String(i), name]);
      colorSelect.el.replaceChildren(...[["", "None"], ...columns].map(([v, t]) => h("option", { value: v }, t)));
      labelSelect.el.replaceChildren(...[["", "Point number"], ...columns].map(([v, t]) => h("option", { value: v }, t)));
      view.colorBy = columns.length ? "0" : "";
      view.labelBy = columns.length ? "0" : "";
      colorSelect.el.value = view.colorBy;
      labelSelect.el.value = view.labelBy;
      if (embedding.sprite) {
        const image = new Image();
        image.onload = () => { if (token === loadToken) sprite = image; };
        image.src = projectorAPI.spriteURL(embedding);
      }
      paintColors();
      showPoints();
      pane.dataset.state = "ready";
    } catch (error) {
      if (token !== loadToken) return;
      pane.dataset.state = "error";
      info.replaceChildren(h("span", { class: "error" }, error.message));
    }
  }

  // The coordinates of the chosen projection, padded to 3-D with zeros when it has fewer.
  function showPoints() {
    if (!pca) return;
    const dims = view.dims;
    if (view.projection === "tsne") {
      if (!tsne?.positions || tsne.dims !== dims) {
        info.textContent = "Press Run t-SNE to lay out every point (the PCA picture stays until it starts).";
        return;
      }
      scatter.setPoints(tsne.positions, dims);
      info.textContent = `t-SNE of all ${metadata.points.toLocaleString()} points, ${tsne.status}.`;
    } else {
      const n = pca.rows, have = pca.components;
      const points = new Float32Array(n * dims);
      for (let i = 0; i < n; i++) for (let c = 0; c < Math.min(dims, have); c++) points[i * dims + c] = pca.points[i * have + c];
      scatter.setPoints(points, dims);
      const shares = pca.varianceExplained.slice(0, dims).map((v, c) => `PC${c + 1} ${percent(v)}`).join(", ");
      const total = pca.varianceExplained.slice(0, dims).reduce((a, b) => a + b, 0);
      info.textContent = `Exact PCA of all ${n.toLocaleString()} points: variance explained ${shares} (${percent(total)} in all).`;
    }
    pane.dataset.projection = view.projection;
    pane.dataset.dims = String(dims);
    paintHighlight();
  }

  function paintColors() {
    if (!metadata) return;
    const column = view.colorBy === "" ? null : metadata.columns[Number(view.colorBy)];
    if (!column) {
      scatter.setColors(null);
      legend.replaceChildren();
      return;
    }
    const { colors, legend: key } = colorsFor(column);
    scatter.setColors(colors);
    if (key.kind === "ramp") {
      legend.replaceChildren(h("span", {}, String(key.min)),
        h("span", { class: "projector-ramp", style: { background: `linear-gradient(to right, ${key.stops.join(", ")})` } }),
        h("span", {}, String(key.max)));
    } else {
      legend.replaceChildren(...key.items.map((item) => h("span", { class: "projector-swatch" },
        h("i", { style: { background: item.color } }), `${item.label} (${item.count})`)));
    }
  }

  const labelOf = (i) => {
    if (!metadata || view.labelBy === "") return `#${i}`;
    return metadata.columns[Number(view.labelBy)][i];
  };

  function paintHighlight() {
    if (selected < 0) return scatter.setHighlight([]);
    scatter.setHighlight([
      ...neighbors.map((n) => ({ index: n.index, label: labelOf(n.index), kind: "neighbor" })),
      { index: selected, label: labelOf(selected), kind: "selected" },
    ]);
  }

  function pointCard(i) {
    const rows = (metadata?.names || []).map((name, c) => h("tr", {}, h("th", {}, name), h("td", {}, metadata.columns[c][i])));
    const body = [h("table", {}, h("tbody", {}, h("tr", {}, h("th", {}, "Point"), h("td", {}, `#${i}`)), rows))];
    if (sprite && current?.sprite) {
      const { width, height } = current.sprite;
      const perRow = Math.ceil(Math.sqrt(metadata.points));
      const thumb = h("canvas", { class: "projector-thumb", width: String(width), height: String(height) });
      const ctx = thumb.getContext("2d");
      ctx.drawImage(sprite, (i % perRow) * width, Math.floor(i / perRow) * height, width, height, 0, 0, width, height);
      body.unshift(thumb);
    }
    return h("div", { class: "projector-point" }, body);
  }

  function hover(i, x, y) {
    if (i < 0) return hideTooltip();
    showTooltip(pointCard(i), x, y);
  }

  async function choose(i) {
    selected = i;
    if (i < 0 || !current) {
      neighbors = [];
      details.replaceChildren(h("p", { class: "muted small" }, "Click a point to list its nearest neighbours."));
      paintHighlight();
      return;
    }
    const token = loadToken;
    details.replaceChildren(pointCard(i), h("p", { class: "muted small" }, "Finding neighbours…"));
    try {
      const answer = await projectorAPI.neighbors(current, i, view.k, view.metric);
      if (token !== loadToken || selected !== i) return;
      neighbors = answer.neighbors;
      const list = h("ol", { class: "projector-neighbors", id: "projector-neighbors" }, neighbors.map((n) =>
        h("li", {}, h("button", { type: "button", class: "link", "data-index": String(n.index), onclick: () => choose(n.index) },
          labelOf(n.index)), h("span", { class: "muted small" }, ` ${n.distance.toPrecision(4)}`))));
      details.replaceChildren(pointCard(i), h("h3", {}, `${neighbors.length} nearest by ${view.metric} distance`), list);
      pane.dataset.selected = String(i);
      paintHighlight();
    } catch (error) {
      details.replaceChildren(pointCard(i), h("p", { class: "error" }, error.message));
    }
  }

  async function startTSNE() {
    if (!current) return;
    stopTSNE(true);
    view.perplexity = Math.max(2, Math.min(100, Number(perplexityInput.value) || 30));
    view.iterations = Math.max(50, Math.min(10000, Number(iterationsInput.value) || 1000));
    view.projection = "tsne";
    projectionSelect.el.value = "tsne";
    const run = { dims: view.dims, positions: null, status: "starting", worker: null };
    tsne = run;
    runButton.disabled = true;
    stopButton.disabled = false;
    progress.hidden = false;
    progress.value = 0;
    progressText.textContent = "Fetching the vectors…";
    pane.dataset.tsne = "running";
    try {
      const matrix = await projectorAPI.tensor(current);
      if (tsne !== run) return;
      run.worker = new Worker("tsne-worker.js", { type: "module" });
      run.worker.onmessage = ({ data }) => {
        if (tsne !== run) return;
        if (data.type === "error") {
          progressText.textContent = `t-SNE failed: ${data.message}`;
          return finish("failed");
        }
        progress.value = data.type === "done" ? 1 : data.done / data.total;
        const phase = data.phase === "neighbours" ? "finding neighbours" : "iteration";
        run.status = data.type === "done" ? `${view.iterations} iterations` : `${phase} ${data.done.toLocaleString()} of ${data.total.toLocaleString()}`;
        progressText.textContent = data.type === "done" ? `Done: ${run.status}.` : `${run.status[0].toUpperCase()}${run.status.slice(1)}…`;
        if (data.positions) {
          run.positions = data.positions;
          if (view.projection === "tsne" && view.dims === run.dims) showPoints();
        }
        if (data.type === "done") finish("done");
      };
      run.worker.onerror = (event) => {
        progressText.textContent = `t-SNE failed: ${event.message}`;
        finish("failed");
      };
      const values = matrix.values;
      run.worker.postMessage({ data: values, n: matrix.rows, d: matrix.columns, perplexity: view.perplexity,
        iterations: view.iterations, dims: run.dims, seed: 42 }, [values.buffer]);
    } catch (error) {
      progressText.textContent = `t-SNE failed: ${error.message}`;
      finish("failed");
    }
  }

  function finish(outcome) {
    // Worker.terminate() ends the worker's thread at once, mid-computation or not: there is
    // no process or signal to wait on.
    tsne?.worker?.terminate();
    if (tsne) tsne.worker = null;
    runButton.disabled = false;
    stopButton.disabled = true;
    pane.dataset.tsne = outcome;
  }

  // Stop a t-SNE run; `discard` forgets its layout too (a new embedding or run).
  function stopTSNE(discard) {
    if (!tsne) return;
    const running = Boolean(tsne.worker) || !tsne.positions;
    if (running && !discard) {
      tsne.status += ", stopped";
      progressText.textContent = `Stopped at ${tsne.status.replace(", stopped", "")}.`;
    }
    finish(discard ? "" : "stopped");
    if (discard) {
      tsne = null;
      progress.hidden = true;
      progressText.textContent = "";
    }
  }

  refreshList().catch((error) => info.replaceChildren(h("span", { class: "error" }, error.message)));

  return {
    sync: () => {},
    refresh: () => { refreshList().catch(() => {}); },
    settingsChanged: () => {},
    destroy: () => {
      loadToken++;
      stopTSNE(true);
      stopTheme();
      scatter.destroy();
      hideTooltip();
    },
  };
}
