// The projector's requests: the embeddings list, labels, and the binary
// answers (PCA coordinates, the matrix) as Float32Arrays with their headers.
import { fetchChecked } from "./api.js";

const key = (embedding) => ({ run: embedding.run, name: embedding.name });

export const projectorAPI = {
  list: async () => (await fetchChecked("/api/projector")).json(),
  metadata: async (embedding) => (await fetchChecked("/api/projector/metadata", key(embedding))).json(),
  neighbors: async (embedding, index, k, metric) =>
    (await fetchChecked("/api/projector/neighbors", { ...key(embedding), index, k, metric })).json(),
  // { rows, components, varianceExplained: [..], points: Float32Array }
  pca: async (embedding) => {
    const response = await fetchChecked("/api/projector/pca", key(embedding));
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
    const response = await fetchChecked("/api/projector/tensor", key(embedding));
    return {
      rows: Number(response.headers.get("X-Lumen-Rows")),
      columns: Number(response.headers.get("X-Lumen-Columns")),
      values: new Float32Array(await response.arrayBuffer()),
    };
  },
  spriteURL: (embedding) => `/api/projector/sprite?${new URLSearchParams(key(embedding))}`,
};
