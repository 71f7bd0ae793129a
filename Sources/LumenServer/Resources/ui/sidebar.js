// Sidebar: chart settings, tag filter and the run table's controls (the
// table itself: run-table.js).
import { state, update, compileFilter, isValidRegex } from "./store.js";
import { initImageAdjust } from "./image-adjust.js";
import { initRunTable } from "./run-table.js";
import { initGroupControls } from "./group-controls.js";

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
  segmented($("hist-axis"), () => state.histAxis, (value) => update({ histAxis: value }));
  segmented($("text-format"), () => (state.textRaw ? "raw" : "markdown"), (value) => update({ textRaw: value === "raw" }));
  segmented($("image-layout"), () => state.imageLayout, (value) => update({ imageLayout: value }));
  painters.push(initGroupControls(segmented));
  initImageAdjust();
  const outliers = $("ignore-outliers");
  painters.push(() => { outliers.checked = state.ignoreOutliers; });
  outliers.addEventListener("change", () => update({ ignoreOutliers: outliers.checked }));
  filterInput($("tag-filter"), "tagFilter");
  filterInput($("run-filter"), "runFilter");
  $("runs-all").addEventListener("click", () => setVisible(true));
  $("runs-none").addEventListener("click", () => setVisible(false));
  initRunTable();
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
    panel.hidden = !panel.dataset.for.split(" ").includes(dashboard);
  }
  for (const panel of document.querySelectorAll("[data-not-for]")) {
    panel.hidden = panel.dataset.notFor.split(" ").includes(dashboard);
  }
}
