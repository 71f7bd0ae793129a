// The Graphs dashboard's model of a logged graph: nodes grouped into scopes
// (name prefixes split at "/"), TorchScript's constant clutter folded into
// the nodes that read it, and the data-flow edges between what remains.

// Values TorchScript spells out as nodes: folded into their consumers' details.
const CONSTANT_OPS = new Set(["prim::Constant"]);
const CONSTANT_LISTS = new Set(["prim::ListConstruct", "prim::TupleConstruct"]);
// Parameters, buffers and constant tensors: drawn as small inputs.
const PARAMETER_OPS = new Set(["Parameter", "Buffer", "Constant", "prim::GetAttr", "Const",
  "VariableV2", "Variable", "VarHandleOp"]);
const IO_OPS = new Set(["IO Node", "Placeholder", "_Arg", "_Retval"]);

// nodes: /api/graph's node list. Returns
// { root, scopes: Map(path → scope), nodes: Map(name → node), edges: [{ from, to, shape }] }.
// Scopes and drawn nodes are "items": { id, label, name, isScope, parent, ancestors, depth }.
export function buildGraph(apiNodes) {
  const nodes = new Map();
  for (const raw of apiNodes) {
    if (nodes.has(raw.name)) continue; // a GraphDef's names are unique; keep the first if not
    nodes.set(raw.name, {
      id: `n:${raw.name}`, name: raw.name, op: raw.op, shapes: raw.shapes || [], attr: raw.attr || {},
      device: raw.device || "", rawInputs: raw.inputs || [], consumers: [], isScope: false,
    });
  }
  for (const node of nodes.values()) node.inputs = node.rawInputs.map((raw) => resolveInput(raw, nodes));
  for (const node of nodes.values()) node.kind = kindOf(node);
  for (const node of nodes.values()) if (node.kind === "constant") node.value = constantValue(node);

  const root = newScope("", null);
  const scopes = new Map([["", root]]);
  for (const node of nodes.values()) {
    if (node.kind === "constant") continue;
    const parts = node.name.split("/");
    let scope = root;
    for (let i = 0; i < parts.length - 1; i++) {
      const path = parts.slice(0, i + 1).join("/");
      let child = scopes.get(path);
      if (!child) {
        child = newScope(path, scope);
        scopes.set(path, child);
        scope.children.push(child);
      }
      scope = child;
    }
    node.parent = scope;
    node.label = nodeLabel(node, parts[parts.length - 1]);
    scope.children.push(node);
  }
  flattenSingleNodeScopes(root, scopes);
  annotate(root, [], 0);

  const edges = [];
  for (const node of nodes.values()) {
    if (node.kind === "constant") continue;
    for (const input of node.inputs) {
      const from = input.node;
      if (!from || from === node || from.kind === "constant") continue;
      edges.push({ from, to: node, shape: from.shapes[input.output] ?? null });
      from.consumers.push(node);
    }
  }
  return { root, scopes, nodes, edges };
}

// An input as a NodeDef spells it: "name", TensorFlow's "name:1" (second
// output) and "^name" (control input). `node` is null for names the graph
// does not hold (TorchScript's GetAttr inputs name the module itself).
function resolveInput(raw, nodes) {
  const control = raw.startsWith("^");
  const name = control ? raw.slice(1) : raw;
  if (nodes.has(name)) return { raw, node: nodes.get(name), output: 0, control };
  const indexed = /^(.*):(\d+)$/.exec(name);
  if (indexed && nodes.has(indexed[1])) return { raw, node: nodes.get(indexed[1]), output: Number(indexed[2]), control };
  return { raw, node: null, output: 0, control };
}

function kindOf(node) {
  if (isConstant(node, new Set())) return "constant";
  if (IO_OPS.has(node.op)) return "io";
  if (PARAMETER_OPS.has(node.op)) return "parameter";
  return "op";
}

// A TorchScript constant, or a list or tuple made of constants only.
function isConstant(node, visiting) {
  if (CONSTANT_OPS.has(node.op)) return true;
  if (!CONSTANT_LISTS.has(node.op) || visiting.has(node)) return false;
  visiting.add(node);
  return node.inputs.every((input) => input.node && isConstant(input.node, visiting));
}

// "{ value : 2}" → "2"; lists of constants → "[2, 2]"; no value → "None".
function constantValue(node) {
  if (CONSTANT_LISTS.has(node.op)) {
    const items = node.inputs.map((input) => constantValue(input.node));
    return node.op === "prim::TupleConstruct" ? `(${items.join(", ")})` : `[${items.join(", ")}]`;
  }
  const match = /^\{\s*value\s*:\s*([\s\S]*?)\s*\}$/.exec(node.attr.attr ?? "");
  return match ? match[1] : "None";
}

// TorchScript ops read better by what they do (relu, max_pool2d) than by
// their numbered names (input.3); GetAttr by the attribute (weight).
function nodeLabel(node, last) {
  if (node.op === "prim::GetAttr") {
    const match = /name\s*:\s*(\S+?)\s*\}/.exec(node.attr.attr ?? "");
    if (match) return match[1];
  }
  const namespace = node.op.indexOf("::");
  if (namespace >= 0 && node.kind === "op") return node.op.slice(namespace + 2);
  return last || node.name;
}

function newScope(path, parent) {
  const slash = path.lastIndexOf("/");
  return { id: `s:${path}`, name: path, label: path.slice(slash + 1) || path, isScope: true, parent, children: [] };
}

// A scope holding just one node (torch's "weight/weight.5", "input/x.1") is
// drawn as that node under the scope's name: a box to open for one node
// only hides it.
function flattenSingleNodeScopes(scope, scopes) {
  for (const child of scope.children) if (child.isScope) flattenSingleNodeScopes(child, scopes);
  scope.children = scope.children.map((child) => {
    if (!child.isScope || child.children.length !== 1 || child.children[0].isScope) return child;
    const node = child.children[0];
    node.label = child.label;
    node.parent = scope;
    scopes.delete(child.name);
    return node;
  });
}

// Depth, ancestor chain (top-level scope first) and, for scopes, how many
// nodes they hold and of which ops.
function annotate(scope, ancestors, depth) {
  scope.depth = depth;
  scope.ancestors = ancestors;
  scope.size = 0;
  scope.ops = new Map();
  const inner = depth === 0 ? [] : [...ancestors, scope];
  for (const child of scope.children) {
    if (child.isScope) {
      annotate(child, inner, depth + 1);
      scope.size += child.size;
      for (const [op, count] of child.ops) scope.ops.set(op, (scope.ops.get(op) || 0) + count);
    } else {
      child.depth = depth + 1;
      child.ancestors = inner;
      scope.size += 1;
      scope.ops.set(child.op, (scope.ops.get(child.op) || 0) + 1);
    }
  }
}

// Items whose name contains `text` (case-insensitive), best first: label
// matches before path matches, shallow before deep.
export function searchGraph(graph, text, limit = 40) {
  const needle = text.trim().toLowerCase();
  if (!needle) return [];
  const hits = [];
  const consider = (item) => {
    const label = item.label.toLowerCase();
    if (!item.name.toLowerCase().includes(needle) && !label.includes(needle)) return;
    const rank = (label === needle ? 0 : label.startsWith(needle) ? 1 : label.includes(needle) ? 2 : 3) * 100 + item.depth;
    hits.push({ item, rank });
  };
  for (const scope of graph.scopes.values()) if (scope !== graph.root) consider(scope);
  for (const node of graph.nodes.values()) if (node.kind !== "constant") consider(node);
  hits.sort((a, b) => a.rank - b.rank || a.item.name.localeCompare(b.item.name));
  return hits.slice(0, limit).map((hit) => hit.item);
}

// [1, 6, 28, 28] → "1×6×28×28"; unknown sizes as "?", scalars as "scalar".
export function formatShape(shape) {
  if (shape === null || shape === undefined) return "unknown shape";
  if (!shape.length) return "scalar";
  return shape.map((size) => (size < 0 ? "?" : String(size))).join("×");
}
