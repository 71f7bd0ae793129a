#!/usr/bin/env python3
"""Reference figure for `lumen-bench export`: tbparse reading every scalar of a
log directory into a DataFrame (run and wall time columns included) and writing
it as CSV.

    python3 export_reference.py LOGDIR OUT.csv

Prints one JSON object: {"reference": "tbparse <version>", "seconds": s, "rows": n}.
The time counts from SummaryReader's creation to to_csv returning (not the
interpreter's start or the imports).
"""
import json
import sys
import time

import tbparse
from tbparse import SummaryReader


def main():
    logdir, out = sys.argv[1:3]
    start = time.perf_counter()
    frame = SummaryReader(logdir, extra_columns={"dir_name", "wall_time"}).scalars
    frame.to_csv(out, index=False)
    seconds = time.perf_counter() - start
    print(json.dumps({"reference": f"tbparse {tbparse.__version__}", "seconds": seconds, "rows": len(frame)}))


if __name__ == "__main__":
    main()
