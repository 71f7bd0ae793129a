// Text dashboard: every logged step's text, newest first: as HTML the
// server rendered from Markdown and sanitized, or as logged (state.textRaw).
import { api } from "./api.js";
import { state } from "./store.js";
import { cardShell } from "./cards.js";
import { createDashboard, emptyMessage } from "./dashboard.js";
import { h } from "./dom.js";
import { formatStep, formatDateTime } from "./format.js";

const SUFFIX = "/text_summary";
const MAX_ENTRIES = 100; // the newest ones; older steps rarely matter here

const displayTextTag = (tag) => (tag.endsWith(SUFFIX) ? tag.slice(0, -SUFFIX.length) : tag);

class TextCard {
  constructor(tag, run) {
    this.tag = tag;
    this.run = run;
    this.loaded = false;
    this.shell = cardShell({ className: "text-card", title: displayTextTag(tag), run });
    this.el = this.shell.el;
    Object.assign(this.el.dataset, { tag, run });
    this.list = h("div", { class: "text-list" });
    this.shell.body.append(this.list);
  }

  runs() {
    return [this.run];
  }

  async load() {
    if (!this.loaded) this.shell.setState("loading");
    try {
      const resp = await api.texts(this.run, this.tag);
      this.loaded = true;
      this.texts = resp.texts;
      this.shell.setState(resp.texts.length ? "ready" : "empty", resp.texts.length ? "" : "No text recorded for this tag yet.");
      this.render();
    } catch (error) {
      this.shell.setState("error", error.message);
    }
  }

  render() {
    const texts = this.texts.slice(-MAX_ENTRIES).reverse();
    this.el.dataset.format = state.textRaw ? "raw" : "markdown";
    this.list.replaceChildren(...texts.map((t) => {
      let body;
      if (state.textRaw) {
        body = h("pre", { class: "text-body raw" }, t.text);
      } else {
        body = h("div", { class: "text-body" });
        body.innerHTML = t.html; // sanitized by the server
      }
      return h("div", { class: "text-entry", "data-step": String(t.step) },
        h("div", { class: "step-label", title: formatDateTime(t.wallTime) }, `Step ${formatStep(t.step)}`), body);
    }));
    if (this.texts.length > MAX_ENTRIES) {
      this.list.append(h("div", { class: "muted small" }, `Showing the newest ${MAX_ENTRIES} of ${this.texts.length} steps.`));
    }
  }

  settingsChanged(patch) {
    if ("textRaw" in patch && this.texts) this.render();
  }
}

export function createTexts(root) {
  return createDashboard(root, {
    name: "text",
    kind: "texts",
    perRun: true,
    displayTag: displayTextTag,
    createCard: (tag, run) => new TextCard(tag, run),
    empty: emptyMessage("text", 'writer.addText("notes", "**lr** = 0.1", step: 0)', 'writer.add_text("notes", "lr = 0.1", 0)'),
  });
}
