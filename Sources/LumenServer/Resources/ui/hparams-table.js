// The HParams table: a row per selected session and a column per shown
// hyper-parameter and metric; a header click sorts, the row under it filters
// (min–max for numbers, text and a value list for strings and Booleans). Only
// the rows in view are in the page, so 10,000 sessions scroll smoothly.
import { h } from "./dom.js";
import { formatValue } from "./format.js";
import { cellText, isNumeric } from "./hparams-model.js";

const ROW = 26;
const NAME_WIDTH = 220;
const COLUMN_WIDTH = 130;
const MAX_LISTED = 30; // distinct values offered as checkboxes

export class HParamsTable {
  // callbacks: { onSort(id), onFilter(id, filter|null), onOpen(sessionIndex) }
  constructor(container, callbacks) {
    this.callbacks = callbacks;
    this.head = h("div", { class: "hp-row hp-head" });
    this.filters = h("div", { class: "hp-row hp-filters" });
    this.spacer = h("div", { class: "hp-spacer" });
    this.body = h("div", { class: "hp-body" }, this.spacer);
    this.el = h("div", { class: "hp-table", role: "table" }, this.head, this.filters, this.body);
    container.append(h("div", { class: "hp-table-scroll" }, this.el));
    this.body.addEventListener("scroll", () => this.renderRows());
    this.rows = [];
  }

  // columns: shown columns; sort: { id, descending }; filters: Map id → filter.
  setColumns(columns, sessions, sort, filters) {
    this.dropRows();
    this.columns = columns;
    this.sessions = sessions;
    const template = `${NAME_WIDTH}px repeat(${columns.length}, ${COLUMN_WIDTH}px)`;
    this.el.style.setProperty("--hp-columns", template);
    this.el.style.width = `${NAME_WIDTH + columns.length * COLUMN_WIDTH}px`;
    const header = (id, label, title) => {
      const active = sort.id === id;
      return h("button", {
        class: `hp-cell hp-sort${active ? " active" : ""}`, type: "button", title: `${title} — click to sort`,
        "data-column": id, onclick: () => this.callbacks.onSort(id),
      }, h("span", { class: "hp-label" }, label), active ? (sort.descending ? " ▼" : " ▲") : "");
    };
    this.head.replaceChildren(header("session", "Session", "The run that logged the session"),
      ...columns.map((c) => header(c.id, c.label, `${c.kind === "metric" ? "Metric" : "Hyper-parameter"} ${c.label} (${c.type})`)));
    this.filters.replaceChildren(this.textFilter("session", filters.get("session")),
      ...columns.map((c) => (isNumeric(c) ? this.rangeFilter(c, filters.get(c.id)) : this.valueFilter(c, filters.get(c.id)))));
  }

  // New sessions under columns of the same ids (the head stays as it is).
  setSessions(columns, sessions) {
    this.dropRows();
    this.columns = columns;
    this.sessions = sessions;
  }

  textFilter(id, current, placeholder = "regex") {
    const input = h("input", { type: "search", class: "hp-input", placeholder, value: current?.text ?? "", "aria-label": `Filter ${id}` });
    input.addEventListener("input", () => this.callbacks.onFilter(id, input.value ? { text: input.value } : null));
    return h("div", { class: "hp-cell", "data-column": id }, input);
  }

  rangeFilter(col, current) {
    const box = (key, placeholder) => {
      const input = h("input", { type: "number", class: "hp-input hp-number", placeholder, step: "any", value: current?.[key] ?? "", "aria-label": `${col.label} ${placeholder}` });
      input.addEventListener("input", () => {
        const read = (el) => (el.value === "" || Number.isNaN(Number(el.value)) ? undefined : Number(el.value));
        const [lo, hi] = [read(min), read(max)];
        this.callbacks.onFilter(col.id, lo === undefined && hi === undefined ? null : { min: lo, max: hi });
      });
      return input;
    };
    const min = box("min", "min");
    const max = box("max", "max");
    return h("div", { class: "hp-cell hp-range", "data-column": col.id }, min, max);
  }

  valueFilter(col, current) {
    const allowed = new Set(current?.allowed ?? col.categories);
    const text = h("input", {
      type: "search", class: "hp-input", placeholder: col.type === "bool" ? "true / false" : "regex",
      value: current?.text ?? "", "aria-label": `Filter ${col.label}`,
    });
    const emit = () => {
      const filter = {};
      if (text.value) filter.text = text.value;
      if (allowed.size < col.categories.length) filter.allowed = new Set(allowed);
      this.callbacks.onFilter(col.id, Object.keys(filter).length ? filter : null);
    };
    text.addEventListener("input", emit);
    const cell = h("div", { class: "hp-cell hp-discrete", "data-column": col.id }, text);
    if (col.categories.length <= MAX_LISTED) {
      const list = col.categories.map((c) => {
        const box = h("input", { type: "checkbox", checked: allowed.has(c), value: c });
        box.addEventListener("change", () => { if (box.checked) allowed.add(c); else allowed.delete(c); emit(); });
        return h("label", { class: "check" }, box, ` ${c}`);
      });
      cell.append(h("details", { class: "menu hp-values" },
        h("summary", { class: "chip", title: "Choose values" }, "▾"), h("div", { class: "menu-list" }, list)));
    }
    return cell;
  }

  // order: session indices to list, in order.
  setRows(order) {
    this.order = order;
    this.spacer.style.height = `${order.length * ROW}px`;
    this.rendered = null;
    this.renderRows();
  }

  renderRows() {
    if (!this.order) return;
    const first = Math.max(0, Math.floor(this.body.scrollTop / ROW) - 5);
    const last = Math.min(this.order.length, first + Math.ceil((this.body.clientHeight || 400) / ROW) + 10);
    const key = `${first}:${last}`;
    if (this.rendered === key) return;
    this.rendered = key;
    // The rows in the page are reused: only their text changes as the table scrolls or the
    // selection changes.
    const count = last - first;
    while (this.rows.length > count) this.rows.pop().remove();
    while (this.rows.length < count) {
      const row = this.emptyRow();
      this.rows.push(row);
      this.spacer.append(row);
    }
    for (let k = 0; k < count; k++) this.fillRow(this.rows[k], first + k);
  }

  // A row of empty cells for the current columns; a click opens the session it shows.
  emptyRow() {
    const row = h("div", { class: "hp-row hp-data", role: "row" }, h("div", { class: "hp-cell hp-name" }),
      ...this.columns.map((c) => h("div", { class: `hp-cell${isNumeric(c) ? " num" : ""}` })));
    row.addEventListener("click", () => this.callbacks.onOpen(row.session));
    return row;
  }

  // Shows the i-th listed session in `row`.
  fillRow(row, i) {
    const s = this.order[i];
    const session = this.sessions[s];
    row.session = s;
    row.style.top = `${i * ROW}px`;
    row.dataset.session = session.name;
    row.title = `${session.runs.join(" + ")} — click to see its curves`;
    const cells = row.children;
    setText(cells[0], session.name);
    for (let j = 0; j < this.columns.length; j++) setText(cells[j + 1], cellText(this.columns[j], s, formatValue));
  }

  // Drops the rows in the page: the next rendering makes them for the current columns.
  dropRows() {
    for (const row of this.rows) row.remove();
    this.rows = [];
    this.rendered = null;
  }
}

function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}
