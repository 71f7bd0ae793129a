// The sidebar's Run groups panel: how the scalar charts group runs (state.groupBy,
// groupRegex, groupHParam, groupBand) and a legend of the groups the checked runs form.
import { state, update, subscribe, activeRuns } from "./store.js";
import { compileGroupRegex, groupRuns } from "./run-groups.js";
import { runHParams, onRunHParams } from "./run-hparams.js";
import { h } from "./dom.js";

const $ = (id) => document.getElementById(id);
const CONTROL_KEYS = ["groupBy", "groupRegex", "groupHParam", "groupBand"];
const LEGEND_KEYS = ["xAxis", "hiddenRuns", "runFilter"];

// segmented(root, current, onPick): the sidebar's row of radio-like buttons.
// Returns the panel's paint function (run after the state changed under it).
export function initGroupControls(segmented) {
  const by = $("group-by");
  const regex = $("group-regex");
  const hparam = $("group-hparam");
  by.addEventListener("change", () => update({ groupBy: by.value }));
  regex.addEventListener("input", () => update({ groupRegex: regex.value }));
  hparam.addEventListener("change", () => update({ groupHParam: hparam.value }));
  segmented($("group-band"), () => state.groupBand, (value) => update({ groupBand: value }));
  const paint = () => {
    by.value = state.groupBy;
    regex.hidden = state.groupBy !== "regex";
    hparam.hidden = state.groupBy !== "hparam";
    $("group-band").hidden = state.groupBy === "none";
    if (regex.value !== state.groupRegex) regex.value = state.groupRegex;
    const invalid = state.groupRegex !== "" && compileGroupRegex(state.groupRegex) === null;
    regex.classList.toggle("invalid", invalid);
    regex.title = invalid ? "Not a valid regular expression: no groups" : "Runs whose capture group 1 (or whole match) is the same form a group";
    paintHParamChoices();
    paintGroups();
  };
  subscribe((patch) => {
    if (CONTROL_KEYS.some((k) => k in patch)) paint();
    else if (LEGEND_KEYS.some((k) => k in patch)) paintGroups();
  });
  onRunHParams(() => { paintHParamChoices(); paintGroups(); });
  return paint;
}

// The hyper-parameters the sessions have (asked for once grouping by one is picked).
function paintHParamChoices() {
  const select = $("group-hparam");
  if (state.groupBy !== "hparam") return;
  const names = runHParams()?.names ?? [];
  const wanted = [...new Set([...names, state.groupHParam].filter(Boolean))];
  const shown = [...select.options].map((o) => o.value).filter(Boolean);
  if (wanted.join("\n") !== shown.join("\n")) {
    select.replaceChildren(h("option", { value: "" }, names.length ? "Pick one…" : "No sessions with hyper-parameters"),
      ...wanted.map((name) => h("option", { value: name }, name)));
  }
  select.value = state.groupHParam;
}

// The groups the checked runs form, each with its colour and number of runs,
// or why there are none.
export function paintGroups() {
  const legend = $("group-legend");
  const note = $("group-note");
  const layout = state.groupBy === "none" ? null : groupRuns(activeRuns().map((r) => r.name));
  let text = "";
  if (state.groupBy !== "none" && state.xAxis !== "step") text = "Groups are drawn on the Step axis: pick it above.";
  else if (state.groupBy === "regex" && !compileGroupRegex(state.groupRegex)) text = "Type a regex: runs whose capture group 1 (or whole match) is the same form a group.";
  else if (state.groupBy === "hparam" && !state.groupHParam) text = "Pick a hyper-parameter: runs with the same value form a group.";
  else if (layout) {
    const loose = layout.loose.length;
    text = `${layout.groups.length} group${layout.groups.length === 1 ? "" : "s"} of the checked runs`
      + (loose ? ` · ${loose} run${loose === 1 ? "" : "s"} drawn alone` : "");
  }
  note.textContent = text;
  note.hidden = !text;
  legend.replaceChildren(...(layout?.groups ?? []).map((g) => h("li", { "data-group": g.label, title: g.runs.join("\n") },
    h("span", { class: "swatch", style: { background: `var(--run-${g.index % 12})` } }),
    h("span", { class: "group-label" }, g.label), h("span", { class: "muted" }, ` ${g.runs.length}`))));
  document.getElementById("run-groups").dataset.groups = String(layout?.groups.length ?? 0);
}
