// The projector's requests: the embeddings list, labels, and the binary
// answers (PCA coordinates, the matrix) as Float32Arrays with their headers.

async function request(path, params = {}) {
  const url = `${path}?${new URLSearchParams(params)}`;
  let response;
  try {
    response = await fetch(url, { cache: "no-cache" });
  } catch {
    throw new Error("Cannot reach the Lumen server. Is `lumen board` still running?");
  }
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try {
      const body = await response.json();
      if (body?.error) message = body.error;
    } catch { /* not JSON */ }
    throw new Error(message);
  }
  return response;
}

const key = (embedding) => ({ run: embedding.run, name: embedding.name });

export const projectorAPI = {
  list: async () => (await request("/api/projector")).json(),
  metadata: async (embedding) => (await request("/api/projector/metadata", key(embedding))).json(),
  neighbors: async (embedding, index, k, metric) =>
    (await request("/api/projector/neighbors", { ...key(embedding), index, k, metric })).json(),
  // { rows, components, varianceExplained: [..], points: Float32Array }
  pca: async (embedding) => {
    const response = await request("/api/projector/pca", key(embedding));
    const header = (name) => response.headers.get(name);
    return {
      rows: Number(header("X-Lumen-Rows")),
      components: Number(header("X-Lumen-Components")),
      varianceExplained: (header("X-Lumen-Variance-Explained") || "").split(",").filter(Boolean).map(Number),
      points: new Float32Array(await response.arrayBuffer()),
    };
  },
  // { rows, columns, values: Float32Array }
  tensor: async (embedding) => {
    const response = await request("/api/projector/tensor", key(embedding));
    return {
      rows: Number(response.headers.get("X-Lumen-Rows")),
      columns: Number(response.headers.get("X-Lumen-Columns")),
      values: new Float32Array(await response.arrayBuffer()),
    };
  },
  spriteURL: (embedding) => `/api/projector/sprite?${new URLSearchParams(key(embedding))}`,
};
