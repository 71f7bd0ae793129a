#!/bin/sh
# Resident memory of `lumen board` once its first load has finished.
#
#   Scripts/board_memory.sh LUMEN_BINARY LOGDIR [PORT]
#
# Starts the board on LOGDIR, waits (up to 30 minutes) until /api/status reports the first
# load done, then prints the process's VmRSS (resident now) and VmHWM (peak resident) from
# /proc and stops the board. Log directories to measure: Scripts/make_memory_logdirs.py, and
# `lumen-bench reader --logdir DIR` for the 10 M-point one.
set -eu
binary=$1
logdir=$2
port=${3:-16006}

"$binary" board --logdir "$logdir" --port "$port" --reload-interval 3600 >/dev/null 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT

waited=0
until curl -sf "http://127.0.0.1:$port/api/status" | grep -q '"loaded":true'; do
    kill -0 "$pid" 2>/dev/null || { echo "board exited before loading" >&2; exit 1; }
    waited=$((waited + 1))
    [ "$waited" -le 1800 ] || { echo "board did not finish loading in 30 minutes" >&2; exit 1; }
    sleep 1
done
status=$(curl -sf "http://127.0.0.1:$port/api/status" | head -c 300)
rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")
hwm=$(awk '/^VmHWM/ {print $2}' "/proc/$pid/status")
echo "$logdir: VmRSS $((rss / 1024)) MiB ($rss kB), VmHWM $((hwm / 1024)) MiB ($hwm kB), load waited ${waited} s"
echo "  status: $status"
