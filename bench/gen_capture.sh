#!/usr/bin/env bash
# Makes a benchmark capture of real WebSocket traffic on the loopback
# interface: bench/gen_capture.sh OUT.pcap MEGABYTES
# Needs tcpdump and Python 3 (installs `websockets` into bench/.venv).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$1"; mb="${2:-100}"
port=8080
if [ ! -x "$here/.venv/bin/python" ]; then
  python3 -m venv "$here/.venv"
  "$here/.venv/bin/pip" install -q websockets==17.4
fi
tmp="$out.part"
# Compressed connections shrink on the wire; this target lands near MEGABYTES.
target=$(( mb * 1000 * 1000 * 19 / 10 ))
tcpdump -i lo -s 0 -B 524288 -w "$tmp" "tcp port $port" 2>"$tmp.log" &
tpid=$!
sleep 1
"$here/.venv/bin/python" "$here/traffic.py" "$port" "$target"
sleep 1
kill -INT "$tpid"; wait "$tpid" 2>/dev/null || true
grep -E "dropped" "$tmp.log" || true; rm -f "$tmp.log"; mv "$tmp" "$out"
ls -l "$out"
