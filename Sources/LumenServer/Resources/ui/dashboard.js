// Shared dashboard skeleton: decide which cards exist (per tag, or per tag
// and run), keep the grid in sync with runs and filters, and show a helpful
// message when there is nothing to draw.
import { h } from "./dom.js";
import { CardGrid, groupOf } from "./cards.js";
import { naturalCompare } from "./collate.js";
import { state, activeRuns, filteredRuns, compileFilter } from "./store.js";

// The pinned cards' group; a tag group would share it only if its tag began
// with a NUL character and "pinned/".
const PINNED = "\u0000pinned";

// spec: { name, kind (key in run.tags), perRun, displayTag(tag), createCard(tag[, run]), empty,
//   pinned?() → tags whose cards show first, in a Pinned section, whatever the tag filter }
export function createDashboard(root, spec) {
  const notice = h("div", { class: "notice", hidden: true });
  const gridRoot = h("div", { class: "groups" });
  root.replaceChildren(notice, gridRoot);
  const grid = new CardGrid(gridRoot, spec.name);

  function sync() {
    const runs = activeRuns();
    const tagRuns = tagsOf(runs);  // tag → checked runs that have it
    // Per-tag cards stay while their runs are merely unchecked, so ticking
    // runs on and off never reshuffles the grid; per-run cards come and go.
    const cardTags = spec.perRun ? tagRuns : tagsOf(filteredRuns());
    const matches = compileFilter(state.tagFilter);
    const tags = [...cardTags.keys()]
      .filter((t) => matches(spec.displayTag(t)))
      .sort((a, b) => naturalCompare(spec.displayTag(a), spec.displayTag(b)));
    const pinned = (spec.pinned?.() ?? []).filter((t) => cardTags.has(t));
    const items = pinned.map((tag) => ({ key: tag, group: PINNED, label: "Pinned", create: () => spec.createCard(tag) }));
    for (const tag of tags) {
      if (pinned.includes(tag)) continue;
      const group = groupOf(spec.displayTag(tag));
      if (spec.perRun) {
        for (const run of tagRuns.get(tag)) {
          items.push({ key: JSON.stringify([tag, run]), group, create: () => spec.createCard(tag, run) });
        }
      } else {
        items.push({ key: tag, group, create: () => spec.createCard(tag) });
      }
    }
    grid.sync(items);
    if (!spec.perRun) grid.forEach((card) => card.setRuns(tagRuns.get(card.tag) || []));
    grid.loadInView();
    showNotice(runs, tagRuns.size, tags.length + pinned.length);
  }

  function tagsOf(runs) {
    const tagRuns = new Map();
    for (const run of runs) {
      for (const tag of run.tags[spec.kind] || []) {
        if (!tagRuns.has(tag)) tagRuns.set(tag, []);
        tagRuns.get(tag).push(run.name);
      }
    }
    return tagRuns;
  }

  function showNotice(runs, tagCount, shown) {
    let text = null;
    if (state.runs.every((r) => !(r.tags[spec.kind] || []).length)) text = spec.empty;
    else if (!runs.length) text = [h("strong", {}, "No runs selected."), " Tick a run in the sidebar to see its data."];
    else if (!tagCount) text = [h("strong", {}, "The selected runs have no data here."), " Other runs do: tick them in the sidebar."];
    else if (!shown) text = [h("strong", {}, "No tags match the filter "), h("code", {}, state.tagFilter), "."];
    notice.hidden = !text;
    if (text) notice.replaceChildren(...[text].flat());
  }

  sync();
  return {
    sync,
    refresh: (changedRuns) => grid.refresh(changedRuns),
    settingsChanged: (patch) => grid.forEach((card) => card.settingsChanged?.(patch)),
    destroy: () => grid.destroy(),
  };
}

// The empty-tab message: what to log, in Swift (Lumen) and Python (PyTorch).
export function emptyMessage(what, swift, python) {
  return [
    h("strong", {}, `No ${what} in this log directory yet.`),
    " Log some with ", h("code", {}, swift), " (Lumen) or ", h("code", {}, python),
    " (PyTorch); they appear here automatically.",
  ];
}
