#!/usr/bin/env bash
# Measures the TUI on a big capture (docs/performance.md): time to the first
# screen, time until everything is indexed, input-to-screen latency of key
# presses sent through tmux (from the TUI's own timing log), and the peak
# resident memory (VmHWM) once the whole file is indexed and the selection
# has jumped to the end and back.
#   bench/tui_timing.sh CAPTURE [BINARY]
set -euo pipefail
cap="$1"
bin="${2:-$(cd "$(dirname "$0")/.." && pwd)/target/release/wsdissect}"
log="$(mktemp)"
sock="wsdissect-timing-$$"
tmux -L "$sock" new-session -d -x 120 -y 40 "WSDISSECT_TUI_TIMING=$log $bin tui $cap"
sleep 0.5
# Keys while loading, then after: rows, frames, messages, ends, views, panes.
for k in j j j n n p ] [ G g j j n 1 Escape 2 Escape 3 Escape 4 Escape 5 Escape Tab Tab Tab; do
  tmux -L "$sock" send-keys "$k"; sleep 0.15
done
# Wait for loading to finish, then the same keys again on the full index.
for _ in $(seq 1 3000); do grep -q loaded_ms "$log" && break; sleep 0.1; done
for k in j j j n n p ] [ G g j j n 1 Escape 2 Escape 3 Escape 4 Escape 5 Escape Tab Tab Tab PageDown PageDown PageUp; do
  tmux -L "$sock" send-keys "$k"; sleep 0.15
done
# Peak RSS of the TUI process (the pane's shell may have exec'd it).
pane="$(tmux -L "$sock" list-panes -F '#{pane_pid}')"
pid="$pane"
[ "$(cat /proc/$pid/comm 2>/dev/null)" = wsdissect ] || pid="$(pgrep -n -P "$pane" wsdissect || echo "$pane")"
hwm_kib="$(awk '/^VmHWM/{print $2}' /proc/$pid/status 2>/dev/null || echo 0)"
tmux -L "$sock" send-keys q
sleep 0.5
tmux -L "$sock" kill-server 2>/dev/null || true
python3 - "$log" "$hwm_kib" "$cap" <<'PY'
import os, sys
rows = [l.split("\t") for l in open(sys.argv[1]).read().splitlines()]
get = lambda k: [float(v) for n, v in rows if n == k]
keys = sorted(get("input_to_screen_ms"))
first = get("first_screen_ms"); loaded = get("loaded_ms")
print("first screen: %.1f ms" % first[0] if first else "first screen: not logged")
print("fully indexed: %.0f ms" % loaded[0] if loaded else "fully indexed: not within the run")
if keys:
    p = lambda q: keys[min(len(keys) - 1, int(q * len(keys)))]
    print("input to screen over %d keys: median %.2f ms, p95 %.2f ms, max %.2f ms" % (len(keys), p(0.5), p(0.95), keys[-1]))
hwm = int(sys.argv[2] or 0) / 1024
size = os.path.getsize(sys.argv[3]) / 2**20
budget = size / 2 + 64
print("peak RSS: %.0f MiB for a %.0f MiB capture (budget size/2 + 64 MiB = %.0f MiB: %s)"
      % (hwm, size, budget, "within" if hwm <= budget else "OVER"))
PY
rm -f "$log"
