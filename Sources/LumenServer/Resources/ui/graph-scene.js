// What the Graphs dashboard draws for a set of open scopes: every visible
// item placed (open scopes as boxes around their own layered layout), and
// the edges between visible items, each standing for all the edges between
// their members. Only open scopes are laid out, so a large graph costs what
// is on screen.
import { layoutDag } from "./dag-layout.js";
import { formatShape } from "./graph-model.js";

export const HEADER = 26;   // title strip of an open scope
const PADDING = 16;  // around an open scope's contents

// graph: buildGraph(); expanded: Set of open scope names; measure(item) → { w, h }.
// Returns { items: [{ item, x, y, w, h, open }] (top-left corners, outer boxes
// before their contents), edges: [{ from, to, count, label, points, labelAt
// (the segment to label) }], width, height }.
export function buildScene(graph, expanded, measure) {
  const isOpen = (item) => item.isScope && (item === graph.root || expanded.has(item.name));
  const visible = (item) => item.ancestors.find((scope) => !isOpen(scope)) || item;
  // The item directly inside `scope` that holds `item`.
  const childOf = (scope, item) => (scope.depth < item.ancestors.length ? item.ancestors[scope.depth] : item);

  const inner = new Map();   // open scope → Map(key → { from, to }) between its children
  const entries = new Map(); // open scope → its children reached from outside it
  const exits = new Map();   // open scope → its children read from outside it
  const mark = (map, scope, child) => {
    if (!map.has(scope)) map.set(scope, new Set());
    map.get(scope).add(child);
  };
  const drawn = new Map(); // "from→to" → aggregated edge between visible items
  for (const edge of graph.edges) {
    const from = visible(edge.from);
    const to = visible(edge.to);
    if (from === to) continue;
    const scope = commonScope(graph.root, from, to);
    const a = childOf(scope, from);
    const b = childOf(scope, to);
    for (const box of from.ancestors.slice(scope.depth)) mark(exits, box, childOf(box, from));
    for (const box of to.ancestors.slice(scope.depth)) mark(entries, box, childOf(box, to));
    if (!inner.has(scope)) inner.set(scope, new Map());
    const key = `${a.id}→${b.id}`;
    if (!inner.get(scope).has(key)) inner.get(scope).set(key, { from: a, to: b });
    const drawnKey = `${from.id}→${to.id}`;
    let aggregate = drawn.get(drawnKey);
    if (!aggregate) drawn.set(drawnKey, aggregate = { from, to, scope, via: key, count: 0, shapes: new Set() });
    aggregate.count++;
    aggregate.shapes.add(edge.shape ? formatShape(edge.shape) : "");
  }

  // open scope → { w, h, places: Map(child → box), routes: Map(key → points),
  // entries / exits: Map(child → points), dx, dy (where its contents start) }
  const layouts = new Map();
  const layout = (scope) => {
    const sizes = scope.children.map((child) => (isOpen(child) ? layout(child) : measure(child)));
    const index = new Map(scope.children.map((child, i) => [child, i]));
    const keys = [...(inner.get(scope)?.keys() || [])];
    const pairs = keys.map((key) => inner.get(scope).get(key));
    const lanes = (map) => [...(map.get(scope) || [])].map((child) => index.get(child));
    const dag = layoutDag(sizes, pairs.map((p) => ({ from: index.get(p.from), to: index.get(p.to) })),
      { entries: lanes(entries), exits: lanes(exits) });
    const byChild = (map) => new Map([...map].map(([i, points]) => [scope.children[i], points]));
    const places = new Map(scope.children.map((child, i) => [child, {
      x: dag.x[i] - sizes[i].w / 2, y: dag.y[i] - sizes[i].h / 2, w: sizes[i].w, h: sizes[i].h,
    }]));
    const routes = new Map(keys.map((key, i) => [key, dag.routes[i]]));
    const titleWidth = scope === graph.root ? 0 : measure(scope, true).w;
    const shared = { places, routes, entries: byChild(dag.entries), exits: byChild(dag.exits) };
    const result = scope === graph.root
      ? { ...shared, w: dag.width, h: dag.height, dx: 0, dy: 0 }
      : { ...shared, w: Math.max(dag.width, titleWidth) + 2 * PADDING, h: dag.height + HEADER + PADDING,
          dx: PADDING + Math.max(0, (titleWidth - dag.width) / 2), dy: HEADER };
    layouts.set(scope, result);
    return result;
  };
  const top = layout(graph.root);

  // Absolute boxes, outer before inner; each open scope's routes moved with it.
  const items = [];
  const boxes = new Map();
  const origins = new Map([[graph.root, { x: 0, y: 0 }]]);
  const place = (scope, x0, y0) => {
    const { places, dx, dy } = layouts.get(scope);
    origins.set(scope, { x: x0 + dx, y: y0 + dy });
    for (const child of scope.children) {
      const p = places.get(child);
      const box = { item: child, x: x0 + dx + p.x, y: y0 + dy + p.y, w: p.w, h: p.h, open: isOpen(child) };
      items.push(box);
      boxes.set(child, box);
      if (box.open) place(child, box.x, box.y);
    }
  };
  place(graph.root, 0, 0);

  const edges = [...drawn.values()].map((e) => {
    const from = boxes.get(e.from);
    const to = boxes.get(e.to);
    const start = { x: from.x + from.w / 2, y: from.y + from.h };
    const end = { x: to.x + to.w / 2, y: to.y };
    const points = [start];
    const absolute = (scope, bends) => bends.map((p) => ({ x: p.x + origins.get(scope).x, y: p.y + origins.get(scope).y }));
    // Leave each open box around the source down its lane to the bottom
    // edge, and enter each open box around the target from its top edge.
    for (const scope of e.from.ancestors.slice(e.scope.depth).reverse()) {
      const box = boxes.get(scope);
      const lane = absolute(scope, layouts.get(scope).exits.get(childOf(scope, e.from)));
      points.push(...lane, { x: lane.length ? lane[lane.length - 1].x : points[points.length - 1].x, y: box.y + box.h });
    }
    const leave = points.length - 1;
    points.push(...absolute(e.scope, layouts.get(e.scope).routes.get(e.via)));
    const enter = points.length;
    for (const scope of e.to.ancestors.slice(e.scope.depth)) {
      const box = boxes.get(scope);
      const child = childOf(scope, e.to);
      const lane = absolute(scope, layouts.get(scope).entries.get(child));
      const target = boxes.get(child);
      points.push({ x: lane.length ? lane[0].x : target.x + target.w / 2, y: box.y }, ...lane);
    }
    points.push(end);
    const shapes = [...e.shapes].filter(Boolean);
    const label = e.shapes.size === 1 && shapes.length === 1 ? shapes[0] : e.count > 1 ? `${e.count} tensors` : "";
    // The label goes on the middle stretch between the boxes, not inside them.
    return { from: e.from, to: e.to, count: e.count, label, points, labelAt: Math.floor((leave + enter) / 2) };
  });
  return { items, edges, width: top.w, height: top.h };
}

// The innermost scope holding both items.
function commonScope(root, a, b) {
  let common = root;
  const n = Math.min(a.ancestors.length, b.ancestors.length);
  for (let i = 0; i < n && a.ancestors[i] === b.ancestors[i]; i++) common = a.ancestors[i];
  return common;
}
