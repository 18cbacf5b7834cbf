#!/bin/bash
# Re-captures the real curl outputs of the application probe in this directory (Debian 12).
# Loopback only: a python3 http.server on 127.0.0.1, stalled with SIGSTOP/SIGCONT.
# Writes each command, its exit code and its time to capture.log.
set -u
cd "$(dirname "$0")"
PORT=${PORT:-25301}
LOG=capture.log
: > "$LOG"
FMT='%{http_code} %{exitcode} %{time_connect} %{time_total} %{errormsg}\n'

client() { # client <file> <rate> <connect-timeout> <max-time> <count> [port]
  local out=$1 p=${6:-$PORT}
  curl -q -s -o /dev/null --rate "$2" --connect-timeout "$3" --max-time "$4" -w "$FMT" \
    "http://127.0.0.1:$p/?[1-$5]" > "$out"
  echo "$(date -u +%FT%T.%3NZ) rc=$? $out :: rate=$2 connect-timeout=$3 max-time=$4 count=$5 port=$p" >> "$LOG"
}
stall() { # stall <after-s> <for-s>: SIGSTOP the server after a while, SIGCONT after another
  (sleep "$1"; kill -STOP "$SERVER"; echo "$(date -u +%FT%T.%3NZ) STOP" >> "$LOG"
   sleep "$2"; kill -CONT "$SERVER"; echo "$(date -u +%FT%T.%3NZ) CONT" >> "$LOG") &
}

python3 -m http.server "$PORT" --bind 127.0.0.1 --directory /tmp >/dev/null 2>&1 & SERVER=$!
sleep 1
client ok-100ps-20.txt 100/s 1 2 20
stall 0.25 0.3; client stall-300ms-100ps-60.txt 100/s 1 2 60; wait %2 2>/dev/null; sleep 0.5
stall 0.1 3; client stall-3s-10ps-14.txt 10/s 0.2 0.3 14; sleep 0.5
client refused-100ps-3.txt 100/s 1 2 3 $((PORT + 1))
kill "$SERVER"
