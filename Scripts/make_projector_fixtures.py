#!/usr/bin/env python3
"""Write the reference answers the board's projector is tested against
(Tests/LumenServerTests/ProjectorPCATests.swift): scikit-learn's PCA and numpy's nearest
neighbours of small float32 matrices.

Run it with a Python that has numpy and scikit-learn:

    /root/venv-torch/bin/python Scripts/make_projector_fixtures.py

It rewrites Tests/LumenServerTests/Fixtures/projector.json. Each case holds the matrix (float32
values as the doubles they widen to, so they round-trip exactly) and:

* pca: sklearn.decomposition.PCA(n_components=3, svd_solver="full") fitted on the matrix in
  float64: components (each signed so its entry of largest magnitude is positive),
  explained_variance_, explained_variance_ratio_, and the transformed points;
* neighbors: for a few query rows, the 10 nearest other rows by cosine distance (1 − cos) and
  by euclidean distance, nearest first, with their distances.
"""

import json
from pathlib import Path

import numpy as np
import sklearn
from sklearn.decomposition import PCA

OUT = Path(__file__).resolve().parent.parent / "Tests" / "LumenServerTests" / "Fixtures" / "projector.json"
SEED = 1234


def case(name: str, matrix: np.ndarray, queries: list[int]) -> dict:
    matrix = matrix.astype(np.float32)
    wide = matrix.astype(np.float64)
    pca = PCA(n_components=3, svd_solver="full").fit(wide)
    components = pca.components_.copy()
    for row in components:
        if row[np.argmax(np.abs(row))] < 0:
            row *= -1
    projected = (wide - wide.mean(axis=0)) @ components.T
    norms = np.linalg.norm(wide, axis=1)
    neighbors = []
    for q in queries:
        cosine = 1 - (wide @ wide[q]) / (norms * norms[q])
        euclidean = np.linalg.norm(wide - wide[q], axis=1)
        entry = {"index": q}
        for metric, distances in (("cosine", cosine), ("euclidean", euclidean)):
            distances = distances.copy()
            distances[q] = np.inf
            order = np.argsort(distances, kind="stable")[:10]
            entry[metric] = {"indices": order.tolist(), "distances": distances[order].tolist()}
        neighbors.append(entry)
    return {
        "name": name,
        "rows": int(matrix.shape[0]),
        "columns": int(matrix.shape[1]),
        "matrix": wide.ravel().tolist(),
        "pca": {
            "components": components.tolist(),
            "explainedVariance": pca.explained_variance_.tolist(),
            "explainedVarianceRatio": pca.explained_variance_ratio_.tolist(),
            "projections": projected.ravel().tolist(),
        },
        "neighbors": neighbors,
    }


def main() -> None:
    rng = np.random.default_rng(SEED)
    # Correlated features with well separated variances, far from the origin (the mean must be
    # taken out exactly).
    basis, _ = np.linalg.qr(rng.standard_normal((24, 24)))
    scales = np.geomspace(9, 0.05, 24)
    anisotropic = (rng.standard_normal((400, 24)) * scales) @ basis.T + 40
    # Clusters, as embeddings of classes look.
    centres = rng.standard_normal((5, 16)) * 4
    clusters = centres[rng.integers(0, 5, 300)] + rng.standard_normal((300, 16))
    # Fewer points than features.
    wide = rng.standard_normal((12, 40)) * np.linspace(3, 0.1, 40)
    cases = [case("anisotropic", anisotropic, [0, 17, 399]), case("clusters", clusters, [3, 150]),
             case("wide", wide, [0, 11])]
    OUT.write_text(json.dumps({"sklearn": sklearn.__version__, "numpy": np.__version__, "cases": cases}) + "\n")


if __name__ == "__main__":
    main()
