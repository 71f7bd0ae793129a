// Sidebar: chart settings, tag filter and the run list with its checkboxes.
import { state, update, compileFilter, isValidRegex } from "./store.js";
import { runColorVar } from "./colors.js";
import { h } from "./dom.js";
import { initImageAdjust } from "./image-adjust.js";

const $ = (id) => document.getElementById(id);
// Each control's way of showing the state's value: run again by syncControls.
const painters = [];

// Show the state's values in every control, after the state changed under
// them (back / forward through the page's URLs).
export function syncControls() {
  for (const paint of painters) paint();
}

export function initSidebar() {
  initSmoothing();
  segmented($("x-axis"), () => state.xAxis, (value) => update({ xAxis: value }));
  segmented($("y-scale"), () => (state.yLog ? "log" : "linear"), (value) => update({ yLog: value === "log" }));
  segmented($("hist-mode"), () => state.histMode, (value) => update({ histMode: value }));
  segmented($("image-layout"), () => state.imageLayout, (value) => update({ imageLayout: value }));
  initImageAdjust();
  const outliers = $("ignore-outliers");
  painters.push(() => { outliers.checked = state.ignoreOutliers; });
  outliers.addEventListener("change", () => update({ ignoreOutliers: outliers.checked }));
  filterInput($("tag-filter"), "tagFilter");
  filterInput($("run-filter"), "runFilter");
  $("runs-all").addEventListener("click", () => setVisible(true));
  $("runs-none").addEventListener("click", () => setVisible(false));
  syncControls();
}

function initSmoothing() {
  const slider = $("smoothing");
  const number = $("smoothing-value");
  const kind = $("smoothing-kind");
  const paint = () => {
    slider.value = number.value = String(state.smoothing);
    kind.value = state.smoothingKind;
    slider.disabled = number.disabled = state.smoothingKind === "none";
  };
  painters.push(paint);
  kind.addEventListener("change", () => { update({ smoothingKind: kind.value }); paint(); });
  let frame = 0;
  // One update per animation frame however fast the slider fires.
  const set = (value) => {
    const v = Math.min(0.999, Math.max(0, Number(value) || 0));
    slider.value = String(v);
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => update({ smoothing: v }));
  };
  slider.addEventListener("input", () => { number.value = slider.value; set(slider.value); });
  number.addEventListener("change", () => set(number.value));
}

// A row of buttons acting as radio buttons.
function segmented(root, current, onPick) {
  const paint = () => {
    for (const b of root.querySelectorAll("button")) b.setAttribute("aria-pressed", String(b.dataset.value === current()));
  };
  root.addEventListener("click", (e) => {
    const button = e.target.closest("button");
    if (!button) return;
    onPick(button.dataset.value);
    paint();
  });
  painters.push(paint);
}

function filterInput(input, key) {
  const markInvalid = () => {
    input.classList.toggle("invalid", !isValidRegex(input.value));
    input.title = input.classList.contains("invalid") ? "Not a valid regular expression: matching as plain text" : "";
  };
  painters.push(() => {
    input.value = state[key];
    markInvalid();
  });
  input.addEventListener("input", () => {
    markInvalid();
    update({ [key]: input.value });
  });
}

// All / None act on the runs the filter shows, like the checkboxes do.
function setVisible(visible) {
  const matches = compileFilter(state.runFilter);
  const affected = new Set(state.runs.filter((r) => matches(r.name)).map((r) => r.name));
  const hidden = state.hiddenRuns.filter((name) => !affected.has(name));
  update({ hiddenRuns: visible ? hidden : [...hidden, ...affected] });
}

// Show only the settings that apply to the current dashboard.
export function showSettingsFor(dashboard) {
  for (const panel of document.querySelectorAll("[data-for]")) {
    panel.hidden = panel.dataset.for !== dashboard;
  }
  for (const panel of document.querySelectorAll("[data-not-for]")) {
    panel.hidden = panel.dataset.notFor === dashboard;
  }
}

export function renderRuns() {
  const list = $("run-list");
  const matches = compileFilter(state.runFilter);
  const hidden = new Set(state.hiddenRuns);
  const items = state.runs.map((run) => {
    const box = h("input", { type: "checkbox" });
    box.checked = !hidden.has(run.name);
    box.addEventListener("change", () => {
      const rest = state.hiddenRuns.filter((n) => n !== run.name);
      update({ hiddenRuns: box.checked ? rest : [...rest, run.name] });
    });
    return h("li", { class: "run-item", "data-run": run.name, hidden: !matches(run.name) },
      h("label", { title: run.name },
        box,
        h("span", { class: "swatch", style: { background: runColorVar(run.name) } }),
        runName(run.name),
        run.name === "." ? h("span", { class: "run-note" }, "log dir root") : null));
  });
  const shown = state.runs.filter((r) => matches(r.name));
  const checked = shown.filter((r) => !hidden.has(r.name)).length;
  $("run-count").textContent = state.runs.length ? `${checked} of ${shown.length}` : "";
  if (!items.length) items.push(h("li", { class: "muted small" }, "No runs yet."));
  else if (!shown.length) items.push(h("li", { class: "muted small" }, "No runs match the filter."));
  list.replaceChildren(...items);
}

// Nested runs share long prefixes and differ at the end: show the last path
// component prominently with its parent path, muted, above it.
function runName(name) {
  const slash = name.lastIndexOf("/");
  if (slash < 0) return h("span", { class: "run-name" }, name);
  return h("span", { class: "run-name" },
    h("span", { class: "run-parent" }, name.slice(0, slash + 1)),
    h("span", { class: "run-leaf" }, name.slice(slash + 1)));
}
