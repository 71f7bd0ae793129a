#!/usr/bin/env bash
# Fuzzes Lumen's input paths with libFuzzer (and AddressSanitizer):
#   record-reader   TFRecord framing of event files (any bytes as a file)
#   event-decoding  one record's payload through the board's and `lumen inspect`'s decoding
#   markdown        text summaries rendered to HTML for the board
#
#   Scripts/fuzz.sh [SECONDS] [TARGET…]      default: 600 seconds each, every target
#
# Each target starts from its seeds in Fuzz/Corpus/<target>; inputs that add coverage are kept
# in .build-fuzz/corpus/<target>, and an input that fails is saved as
# .build-fuzz/findings/<target>-crash-… (replay it with `swift run fuzz-<target> FILE`).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-600}
[ $# -gt 0 ] && shift
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(record-reader event-decoding markdown)

# lld links the fuzzer runtime where gold fails on the sanitizers' debug information.
flags=(-c release --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DLUMEN_FUZZING
       -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld)
mkdir -p .build-fuzz/findings
for target in "${targets[@]}"; do
  swift build "${flags[@]}" --product "fuzz-$target"
done
for target in "${targets[@]}"; do
  corpus=.build-fuzz/corpus/$target
  mkdir -p "$corpus"
  echo "== fuzz-$target for $seconds s"
  # The first folder receives new inputs; the committed seeds are only read.
  ASAN_OPTIONS=detect_leaks=0 ".build-fuzz/release/fuzz-$target" "$corpus" "Fuzz/Corpus/$target" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=65536 \
    -artifact_prefix=".build-fuzz/findings/$target-" -print_final_stats=1 2>&1 |
    grep -E "^(Done|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit written)" || true
  if ls ".build-fuzz/findings/$target-"* >/dev/null 2>&1; then
    echo "fuzz-$target: findings in .build-fuzz/findings" >&2
    exit 1
  fi
done
