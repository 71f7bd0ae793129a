// Layered drawing of a directed graph, top to bottom: cycles broken, nodes
// put on layers by longest path, edges spanning several layers given bend
// points, layers ordered by barycentres to cut crossings, and nodes placed
// as close above or below their neighbours as the spacing allows.

const BEND_WIDTH = 8;
const SWEEPS = 8;
const PLACEMENT_PASSES = 10;

// sizes: [{ w, h }]; edges: [{ from, to }] as indices, no self loops or
// duplicates. Nodes in `entries` are also reached from above the drawing and
// nodes in `exits` lead below it (edges from and to outside a scope box):
// they get a lane of bend points from the top or to the bottom layer.
// Returns { x, y (centres), width, height, routes: per edge, its bend points
// from source to target, entries / exits: Map(node → bend points from the top / to the bottom) }.
export function layoutDag(sizes, edges, { rankGap = 46, nodeGap = 24, entries = [], exits = [] } = {}) {
  const n = sizes.length;
  const reversed = backEdges(n, edges);
  const dag = edges.map((e, i) => (reversed[i] ? { from: e.to, to: e.from } : e));
  const graph = withBends(sizes, dag, assignLayers(n, dag), entries, exits);
  const layers = orderLayers(graph);
  const x = placeX(graph, layers, nodeGap);
  const { y, height } = placeY(graph, layers, rankGap);
  let left = Infinity;
  let right = -Infinity;
  for (let v = 0; v < graph.count; v++) {
    left = Math.min(left, x[v] - graph.width[v] / 2);
    right = Math.max(right, x[v] + graph.width[v] / 2);
  }
  if (!graph.count) left = right = 0;
  for (let v = 0; v < graph.count; v++) x[v] -= left;
  const points = (bends) => bends.map((v) => ({ x: x[v], y: y[v] }));
  const routes = graph.chains.map((chain, i) => {
    const bends = points(chain.slice(1, -1));
    return reversed[i] ? bends.reverse() : bends;
  });
  const lanes = (map) => new Map([...map].map(([v, bends]) => [v, points(bends)]));
  return {
    x: Array.from(x.subarray(0, n)), y: Array.from(y.subarray(0, n)), width: right - left, height, routes,
    entries: lanes(graph.entries), exits: lanes(graph.exits),
  };
}

// Edges that close a cycle in a depth-first search: drawn reversed for layering.
function backEdges(n, edges) {
  const out = Array.from({ length: n }, () => []);
  edges.forEach((e, i) => out[e.from].push(i));
  const reversed = new Uint8Array(edges.length);
  const state = new Uint8Array(n); // 0 unseen, 1 on the stack, 2 done
  for (let start = 0; start < n; start++) {
    if (state[start]) continue;
    state[start] = 1;
    const stack = [[start, 0]];
    while (stack.length) {
      const top = stack[stack.length - 1];
      const v = top[0];
      if (top[1] < out[v].length) {
        const edge = out[v][top[1]++];
        const w = edges[edge].to;
        if (state[w] === 1) reversed[edge] = 1;
        else if (state[w] === 0) { state[w] = 1; stack.push([w, 0]); }
      } else {
        state[v] = 2;
        stack.pop();
      }
    }
  }
  return reversed;
}

// Longest-path layers; sources (parameters, inputs) then move down to just
// above their first consumer, and layers left empty are dropped.
function assignLayers(n, dag) {
  const preds = Array.from({ length: n }, () => []);
  const succs = Array.from({ length: n }, () => []);
  for (const { from, to } of dag) { succs[from].push(to); preds[to].push(from); }
  const waiting = preds.map((p) => p.length);
  const order = [];
  for (let v = 0; v < n; v++) if (!waiting[v]) order.push(v);
  for (let i = 0; i < order.length; i++) {
    for (const s of succs[order[i]]) if (--waiting[s] === 0) order.push(s);
  }
  const layer = new Array(n).fill(0);
  for (const v of order) for (const s of succs[v]) layer[s] = Math.max(layer[s], layer[v] + 1);
  for (let i = order.length - 1; i >= 0; i--) {
    const v = order[i];
    if (!preds[v].length && succs[v].length) layer[v] = Math.min(...succs[v].map((s) => layer[s])) - 1;
  }
  const used = [...new Set(layer)].sort((a, b) => a - b);
  const compact = new Map(used.map((l, i) => [l, i]));
  return layer.map((l) => compact.get(l));
}

// The graph with a bend node on every layer an edge passes through, and
// lanes from the top layer to each entry and from each exit to the bottom.
function withBends(sizes, dag, layer, entries, exits) {
  const g = {
    count: sizes.length, width: sizes.map((s) => s.w), height: sizes.map((s) => s.h), real: sizes.length,
    layerOf: layer.slice(), up: sizes.map(() => []), down: sizes.map(() => []), chains: [],
    entries: new Map(), exits: new Map(), laneTops: new Set(),
  };
  const link = (a, b) => { g.down[a].push(b); g.up[b].push(a); };
  const bend = (l) => {
    g.width.push(BEND_WIDTH); g.height.push(0); g.layerOf.push(l); g.up.push([]); g.down.push([]);
    return g.count++;
  };
  for (const { from, to } of dag) {
    const chain = [from];
    for (let l = g.layerOf[from] + 1; l < g.layerOf[to]; l++) {
      chain.push(bend(l));
      link(chain[chain.length - 2], chain[chain.length - 1]);
    }
    link(chain[chain.length - 1], to);
    chain.push(to);
    g.chains.push(chain);
  }
  const bottom = sizes.length ? Math.max(...layer) : 0;
  for (const v of entries) {
    const lane = [];
    for (let l = 0; l < layer[v]; l++) {
      lane.push(bend(l));
      if (l) link(lane[l - 1], lane[l]);
    }
    if (lane.length) { link(lane[lane.length - 1], v); g.laneTops.add(lane[0]); }
    g.entries.set(v, lane);
  }
  for (const v of exits) {
    const lane = [];
    for (let l = layer[v] + 1; l <= bottom; l++) {
      lane.push(bend(l));
      link(lane.length > 1 ? lane[lane.length - 2] : v, lane[lane.length - 1]);
    }
    g.exits.set(v, lane);
  }
  return g;
}

// Depth-first initial order (connected nodes side by side; what enters from
// above in the middle of the top layer, between a module's parameters), then
// alternating barycentre sweeps, keeping the order with the fewest crossings.
function orderLayers(g) {
  const depth = g.count ? Math.max(...g.layerOf) + 1 : 0;
  const layers = Array.from({ length: depth }, () => []);
  const seen = new Uint8Array(g.count);
  const roots = [...Array(g.count).keys()].sort((a, b) => g.layerOf[a] - g.layerOf[b]);
  for (const root of roots) {
    if (seen[root]) continue;
    const stack = [root];
    while (stack.length) {
      const v = stack.pop();
      if (seen[v]) continue;
      seen[v] = 1;
      layers[g.layerOf[v]].push(v);
      for (let i = g.down[v].length - 1; i >= 0; i--) if (!seen[g.down[v][i]]) stack.push(g.down[v][i]);
    }
  }
  if (depth && g.laneTops.size) {
    const others = layers[0].filter((v) => !g.laneTops.has(v));
    const middle = Math.floor(others.length / 2);
    layers[0] = [...others.slice(0, middle), ...layers[0].filter((v) => g.laneTops.has(v)), ...others.slice(middle)];
  }
  const pos = new Float64Array(g.count);
  const number = () => { for (const layer of layers) layer.forEach((v, i) => { pos[v] = i; }); };
  number();
  let best = layers.map((l) => l.slice());
  let fewest = crossings(g, layers, pos);
  for (let sweep = 0; sweep < SWEEPS && fewest > 0; sweep++) {
    const downward = sweep % 2 === 0;
    const neighbours = downward ? g.up : g.down;
    for (let k = 1; k < depth; k++) {
      const layer = layers[downward ? k : depth - 1 - k];
      const key = new Map(layer.map((v) => [v, mean(neighbours[v], pos, pos[v])]));
      layer.sort((a, b) => key.get(a) - key.get(b));
      layer.forEach((v, i) => { pos[v] = i; });
    }
    const count = crossings(g, layers, pos);
    if (count < fewest) { fewest = count; best = layers.map((l) => l.slice()); }
  }
  return best;
}

function mean(vs, values, fallback) {
  if (!vs.length) return fallback;
  let sum = 0;
  for (const v of vs) sum += values[v];
  return sum / vs.length;
}

// Crossings between consecutive layers: inversions among the edges sorted
// by their upper end, counted with a Fenwick tree.
function crossings(g, layers, pos) {
  let total = 0;
  for (let l = 0; l + 1 < layers.length; l++) {
    const segments = [];
    for (const a of layers[l]) for (const b of g.down[a]) segments.push([pos[a], pos[b]]);
    segments.sort((s, t) => s[0] - t[0] || s[1] - t[1]);
    const size = layers[l + 1].length;
    const tree = new Int32Array(size + 1);
    segments.forEach(([, b], seen) => {
      let atMost = 0;
      for (let i = b + 1; i > 0; i -= i & -i) atMost += tree[i];
      total += seen - atMost;
      for (let i = b + 1; i <= size; i += i & -i) tree[i]++;
    });
  }
  return total;
}

// Each node as near the mean of its neighbours as the order and spacing of
// its layer allow, alternating downward and upward passes, then both.
function placeX(g, layers, gap) {
  const x = new Float64Array(g.count);
  const separation = (a, b) => (g.width[a] + g.width[b]) / 2 + (a < g.real && b < g.real ? gap : gap / 3);
  for (const layer of layers) {
    let at = 0;
    layer.forEach((v, i) => { if (i) at += separation(layer[i - 1], v); x[v] = at; });
    for (const v of layer) x[v] -= at / 2;
  }
  for (let pass = 0; pass < PLACEMENT_PASSES; pass++) {
    const both = pass >= PLACEMENT_PASSES - 2;
    const downward = pass % 2 === 0;
    for (let k = 0; k < layers.length; k++) {
      const layer = layers[downward ? k : layers.length - 1 - k];
      const desired = layer.map((v) => {
        const neighbours = both ? [...g.up[v], ...g.down[v]] : downward ? g.up[v] : g.down[v];
        return mean(neighbours, x, x[v]);
      });
      placeLayer(layer, desired, x, separation, g.real);
    }
  }
  return x;
}

// Positions in the layer's order, at least `separation` apart, closest (in
// least squares) to `desired`: isotonic regression by pooling adjacent
// violators. Bend points give way more readily than nodes.
function placeLayer(layer, desired, x, separation, real) {
  const offset = [0];
  for (let i = 1; i < layer.length; i++) offset.push(offset[i - 1] + separation(layer[i - 1], layer[i]));
  const blocks = []; // { value, weight, count }
  layer.forEach((v, i) => {
    let block = { value: desired[i] - offset[i], weight: v < real ? 1 : 0.4, count: 1 };
    while (blocks.length && blocks[blocks.length - 1].value > block.value) {
      const last = blocks.pop();
      const weight = last.weight + block.weight;
      block = { value: (last.value * last.weight + block.value * block.weight) / weight, weight, count: last.count + block.count };
    }
    blocks.push(block);
  });
  let i = 0;
  for (const block of blocks) {
    for (let k = 0; k < block.count; k++, i++) x[layer[i]] = block.value + offset[i];
  }
}

function placeY(g, layers, rankGap) {
  const y = new Float64Array(g.count);
  let top = 0;
  for (const layer of layers) {
    let tallest = 0;
    for (const v of layer) tallest = Math.max(tallest, g.height[v]);
    for (const v of layer) y[v] = top + tallest / 2;
    top += tallest + rankGap;
  }
  return { y, height: Math.max(0, top - rankGap) };
}
