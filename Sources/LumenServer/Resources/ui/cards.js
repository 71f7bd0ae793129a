// Card grid shared by all dashboards: cards grouped by tag prefix in
// collapsible sections, created once per key and reused across updates,
// and loaded only while on screen.
import { h } from "./dom.js";
import { runColorVar } from "./colors.js";
import { state, update } from "./store.js";

// How far outside the window a card counts as in view, so it is ready when scrolled to.
const OBSERVER_MARGIN = 300;

// "loss/train" → "loss"; tags without a slash share one group.
export function groupOf(tag) {
  const slash = tag.indexOf("/");
  return slash > 0 ? tag.slice(0, slash) : "";
}

// The frame every card shares: title row, body, inline message line.
export function cardShell({ className, title, run, actions = [] }) {
  const message = h("div", { class: "card-message", hidden: true });
  const partialMark = h("span", {
    class: "partial-mark", hidden: true,
    title: "Read while the log directory was still loading: more points follow when loading ends",
  }, "loading");
  const body = h("div", { class: "card-body" });
  const el = h("article", { class: `card ${className}`, "data-state": "idle" },
    h("header", { class: "card-head" },
      h("div", { class: "card-titles" },
        h("h3", { class: "card-title", title }, title),
        run !== undefined ? runBadge(run) : null, partialMark),
      h("div", { class: "card-actions" }, actions)),
    body, message);
  return {
    el, body,
    setState(stateName, text = "") {
      el.dataset.state = stateName;
      message.textContent = text;
      message.hidden = !text;
      message.classList.toggle("error", stateName === "error");
    },
    // Says whether what the card shows was read before the log directory finished loading.
    setPartial(partial) {
      partialMark.hidden = !partial;
      el.dataset.partial = String(partial);
    },
  };
}

function runBadge(run) {
  return h("span", { class: "run-badge", title: run },
    h("span", { class: "swatch", style: { background: runColorVar(run) } }), run);
}

// Reorder only when needed: moving nodes resets scroll and restarts images.
function setChildren(parent, nodes) {
  const same = parent.children.length === nodes.length &&
    nodes.every((node, i) => parent.children[i] === node);
  if (!same) parent.replaceChildren(...nodes);
}

export class CardGrid {
  constructor(root, dashboard) {
    this.root = root;
    this.dashboard = dashboard;
    this.cards = new Map();   // key → card
    this.fresh = [];          // cards made since the last loadInView()
    this.groups = new Map();  // group name → section element
    this.observer = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        const card = entry.target.__card;
        card.visible = entry.isIntersecting;
        if (card.visible && card.stale) this.load(card);
        else if (card.visible) card.revealed?.();
      }
    }, { rootMargin: `${OBSERVER_MARGIN}px 0px` });
  }

  // items: [{ key, group, label?, create }] in display order; label names the
  // group's section (else the group itself).
  sync(items) {
    const wanted = new Set(items.map((i) => i.key));
    for (const [key, card] of this.cards) {
      if (!wanted.has(key)) {
        this.observer.unobserve(card.el);
        card.destroy?.();
        card.el.remove();
        this.cards.delete(key);
      }
    }
    const sections = [];
    const byGroup = new Map();
    for (const item of items) {
      if (!byGroup.has(item.group)) byGroup.set(item.group, []);
      let card = this.cards.get(item.key);
      if (!card) {
        card = item.create();
        card.stale = true;
        card.el.__card = card;
        this.cards.set(item.key, card);
        this.observer.observe(card.el);
        this.fresh.push(card);
      }
      byGroup.get(item.group).push(card);
    }
    const labels = new Map(items.map((i) => [i.group, i.label ?? i.group]));
    for (const [group, cards] of byGroup) {
      const section = this.section(group, labels.get(group));
      section.querySelector(".group-count").textContent = cards.length;
      setChildren(section.querySelector(".card-list"), cards.map((c) => c.el));
      sections.push(section);
    }
    for (const [group, section] of this.groups) {
      if (!byGroup.has(group)) { section.remove(); this.groups.delete(group); }
    }
    setChildren(this.root, sections);
  }

  // The cards sync() made since the last call that are already in view (or within the
  // observer's margin) load now, once they know what to show: the observer first reports
  // after the next frame, and the server can answer while the page paints. The layout
  // this reads is the one that frame needs anyway.
  loadInView() {
    const cards = this.fresh;
    this.fresh = [];
    if (!this.root.isConnected) return;
    const bottom = window.innerHeight + OBSERVER_MARGIN;
    for (const card of cards) {
      if (!card.stale || !card.el.isConnected) continue;
      const box = card.el.getBoundingClientRect();
      if (!box.height || box.bottom < -OBSERVER_MARGIN || box.top > bottom) continue;
      card.visible = true;
      this.load(card);
    }
  }

  section(group, label) {
    let section = this.groups.get(group);
    if (section) return section;
    const key = `${this.dashboard}:${group}`;
    const collapsed = state.collapsedGroups.includes(key);
    const toggle = h("button", { class: "group-toggle", type: "button", "aria-expanded": String(!collapsed) },
      h("span", { class: "chevron", "aria-hidden": "true" }),
      h("span", { class: "group-name" }, label || "ungrouped"),
      h("span", { class: "group-count" }));
    section = h("section", { class: "group", "data-group": group },
      toggle, h("div", { class: "card-list" }));
    section.classList.toggle("collapsed", collapsed);
    toggle.addEventListener("click", () => {
      const now = !section.classList.contains("collapsed");
      section.classList.toggle("collapsed", now);
      toggle.setAttribute("aria-expanded", String(!now));
      const rest = state.collapsedGroups.filter((g) => g !== key);
      update({ collapsedGroups: now ? [...rest, key] : rest });
    });
    this.groups.set(group, section);
    return section;
  }

  async load(card, runs) {
    card.stale = false;
    const partial = !state.status?.loaded;
    await card.load(runs);
    // Scalar cards track this per run themselves.
    if (!card.partialRuns) card.shell?.setPartial(partial);
  }

  // New data on the server: visible cards reload the runs that grew now,
  // the others reload fully when they scroll into view.
  refresh(changedRuns) {
    for (const card of this.cards.values()) {
      const runs = card.runs().filter((r) => changedRuns.has(r));
      if (!runs.length) continue;
      if (card.visible) this.load(card, runs); else card.stale = true;
    }
  }

  forEach(fn) {
    for (const card of this.cards.values()) fn(card);
  }

  destroy() {
    this.observer.disconnect();
    this.forEach((card) => card.destroy?.());
  }
}
