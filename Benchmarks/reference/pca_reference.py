#!/usr/bin/env python3
"""Reference for `lumen-bench projector`: the exact PCA of the same float32 matrix with
scikit-learn (PCA(n_components=3, svd_solver="covariance_eigh"), the covariance route that
Lumen's server takes too) and with numpy (covariance then numpy.linalg.eigh), each timed
`repeats` times from the matrix in memory to every point's three coordinates.

    python pca_reference.py MATRIX.f32 ROWS COLUMNS REPEATS

Prints one JSON object: {"reference", "sklearn_seconds": [...], "numpy_seconds": [...],
"variance_explained": [...], "threads"}.
"""

import json
import sys
import time

import numpy as np


def main() -> None:
    path, rows, columns, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    x = np.fromfile(path, dtype=np.float32).reshape(rows, columns)
    result = {"numpy_seconds": [], "sklearn_seconds": []}
    try:
        import sklearn
        from sklearn.decomposition import PCA
        result["reference"] = f"scikit-learn {sklearn.__version__} PCA(svd_solver='covariance_eigh'), numpy {np.__version__}"
    except ImportError:
        PCA = None
        result["reference"] = f"numpy {np.__version__} cov + eigh (scikit-learn not installed)"
    for _ in range(repeats):
        start = time.perf_counter()
        centred = x - x.mean(axis=0)
        covariance = centred.T @ centred / (rows - 1)
        values, vectors = np.linalg.eigh(covariance)
        top = vectors[:, ::-1][:, :3]
        _ = centred @ top
        result["numpy_seconds"].append(time.perf_counter() - start)
        result["variance_explained"] = (values[::-1][:3] / values.sum()).tolist()
        if PCA is not None:
            start = time.perf_counter()
            PCA(n_components=3, svd_solver="covariance_eigh").fit_transform(x)
            result["sklearn_seconds"].append(time.perf_counter() - start)
    try:
        from threadpoolctl import threadpool_info
        result["threads"] = max((p.get("num_threads", 0) for p in threadpool_info()), default=0)
    except ImportError:
        pass
    print(json.dumps(result))


if __name__ == "__main__":
    main()
