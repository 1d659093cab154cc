#!/usr/bin/env bash
# Measures a display filter over a whole big capture in the TUI
# (docs/performance.md): once the file is indexed, types EXPR into the
# filter form and presses Enter, then keys while the filter runs in the
# background; prints the progress seen meanwhile, the time until the status
# line stops saying "Filtering", and the slowest input-to-screen times of
# the keys (from the TUI's own timing log).
#   bench/tui_filter_timing.sh CAPTURE EXPR [BINARY]
set -euo pipefail
cap="$1"
expr="$2"
bin="${3:-$(cd "$(dirname "$0")/.." && pwd)/target/release/wsdissect}"
log="$(mktemp)"
sock="wsdissect-filter-$$"
tmux -L "$sock" new-session -d -x 120 -y 40 "WSDISSECT_TUI_TIMING=$log $bin tui $cap"
for _ in $(seq 1 3000); do grep -q loaded_ms "$log" && break; sleep 0.1; done
sleep 0.5
tmux -L "$sock" send-keys f Up
sleep 0.3
tmux -L "$sock" send-keys -l "$expr"
sleep 0.5
t0=$(date +%s.%N)
tmux -L "$sock" send-keys Enter
sleep 0.3
during="$(tmux -L "$sock" capture-pane -p | grep -o 'Filtering: [0-9]*%' || echo 'already done')"
tmux -L "$sock" send-keys j j j
sleep 0.3
while tmux -L "$sock" capture-pane -p | grep -q 'Filtering:'; do sleep 0.1; done
t1=$(date +%s.%N)
echo "during the filter: $during"
python3 -c "print('whole filter: %.1f s' % ($t1 - $t0))"
tmux -L "$sock" capture-pane -p | sed -n 1,2p
tmux -L "$sock" send-keys q
sleep 0.3
tmux -L "$sock" kill-server 2>/dev/null || true
echo "slowest input to screen (ms):"
grep input_to_screen_ms "$log" | cut -f2 | sort -n | tail -3
rm -f "$log"
