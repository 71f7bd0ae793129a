// The Graphs dashboard's details panel (everything about the selected node
// or scope) and its hover tooltip.
import { h } from "./dom.js";
import { formatShape } from "./graph-model.js";
import { formatCount } from "./format.js";

const KIND_NAMES = { op: "Op", parameter: "Parameter", io: "Input / output", constant: "Constant" };
const MAX_OPS_LISTED = 12;

// onPick(item): show another node; onToggle(scope): open or close a scope.
export function detailsPanel(item, { expanded, onPick, onToggle, onClose }) {
  const head = h("header", { class: "graph-details-head" },
    h("span", { class: `kind-chip kind-${item.isScope ? "scope" : item.kind}` }, item.isScope ? "Scope" : KIND_NAMES[item.kind]),
    h("h3", { title: item.label }, item.label),
    h("button", { type: "button", class: "close", title: "Close", "aria-label": "Close details", onclick: onClose }, "×"));
  const body = item.isScope ? scopeDetails(item, expanded, onToggle) : nodeDetails(item, onPick);
  return h("aside", { class: "graph-details", "data-name": item.name },
    head, h("div", { class: "graph-name" }, item.name), ...body);
}

function scopeDetails(scope, expanded, onToggle) {
  const open = expanded.has(scope.name);
  const ops = [...scope.ops].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return [
    h("div", { class: "graph-actions" },
      h("span", { class: "muted" }, `${formatCount(scope.size)} node${scope.size === 1 ? "" : "s"} inside`),
      h("button", { type: "button", class: "chip", onclick: () => onToggle(scope) }, open ? "Close" : "Open")),
    h("h4", {}, "Ops inside"),
    h("table", { class: "graph-table" }, ops.slice(0, MAX_OPS_LISTED).map(([op, count]) =>
      h("tr", {}, h("td", {}, op), h("td", { class: "num" }, formatCount(count))))),
    ops.length > MAX_OPS_LISTED ? h("div", { class: "muted small" }, `and ${ops.length - MAX_OPS_LISTED} more`) : null,
  ];
}

function nodeDetails(node, onPick) {
  const attributes = Object.entries(node.attr).filter(([, value]) => value !== "" && value !== "{}");
  const consumers = [...new Set(node.consumers)];
  return [
    h("dl", { class: "graph-facts" },
      h("dt", {}, "Op"), h("dd", { class: "graph-op" }, node.op),
      h("dt", {}, node.shapes.length > 1 ? "Outputs" : "Output"),
      h("dd", { class: "graph-shape" }, node.shapes.length ? node.shapes.map(formatShape).join(", ") : "—"),
      node.device ? [h("dt", {}, "Device"), h("dd", {}, node.device)] : null),
    node.inputs.length ? [h("h4", {}, `Inputs (${node.inputs.length})`),
      h("ol", { class: "graph-list" }, node.inputs.map((input) => inputRow(input, onPick)))] : null,
    consumers.length ? [h("h4", {}, `Used by (${consumers.length})`),
      h("ul", { class: "graph-list" }, consumers.map((c) => h("li", {}, link(c, onPick))))] : null,
    attributes.length ? [h("h4", {}, "Attributes"),
      h("table", { class: "graph-table" }, attributes.map(([key, value]) =>
        h("tr", {}, h("td", {}, key), h("td", {}, h("code", {}, value)))))] : null,
  ];
}

// A drawn input links to its node; a folded constant shows its value; a
// name the graph does not hold is listed as written.
function inputRow(input, onPick) {
  const node = input.node;
  if (!node) return h("li", { class: "muted" }, input.raw);
  if (node.kind === "constant") {
    return h("li", { class: "constant" }, h("span", { class: "muted" }, input.raw), " = ", h("code", {}, node.value));
  }
  const shape = node.shapes[input.output];
  return h("li", {}, link(node, onPick, input.raw), shape ? h("span", { class: "shape" }, formatShape(shape)) : null,
    input.control ? h("span", { class: "muted" }, " (control)") : null);
}

function link(node, onPick, text = node.name) {
  return h("button", { type: "button", class: "link", title: `Show ${node.name}`, onclick: () => onPick(node) }, text);
}

// What hovering an item shows: its name, op or size, and output shape.
export function graphTooltip(item, open) {
  const detail = item.isScope
    ? `${formatCount(item.size)} node${item.size === 1 ? "" : "s"} · click to ${open ? "close" : "open"}`
    : [item.op, ...item.shapes.map(formatShape)].join(" · ");
  return h("div", { class: "graph-tooltip" }, h("div", { class: "strong" }, item.name), h("div", { class: "muted" }, detail));
}
