#!/usr/bin/env bash
# End-to-end test of `wsdissect tui` in a real terminal: tmux runs the
# binary, send-keys types, capture-pane reads the screen. Checks that the
# first screen appears, keys work, a resize redraws, and that `q` exits 0
# with the terminal restored (alternate screen left, cursor shown, raw mode
# off), that an unreadable capture exits 1 without touching the screen, and
# that under LANG=fi_FI.UTF-8 the screen and the errors are in Finnish.
#
# Usage: scripts/tui-e2e.sh [path/to/wsdissect]
#   Without an argument the debug binary is built with cargo first.
# Exit status: 0 all checks passed, 1 a check failed, 77 tmux is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v tmux >/dev/null 2>&1; then
  echo "tui-e2e: SKIP: tmux is not installed (apt-get install tmux)" >&2
  exit 77
fi

BIN=${1:-}
if [ -z "$BIN" ]; then
  cargo build --quiet --bin wsdissect
  BIN="${CARGO_TARGET_DIR:-target}/debug/wsdissect"
fi
BIN=$(realpath "$BIN")
CAPTURE=$(realpath samples/fastapi-echo.pcap)

# A private tmux server, so no session of the user's is touched.
SOCK="wsdissect-e2e-$$"
T=(tmux -L "$SOCK" -f /dev/null)
cleanup() { "${T[@]}" kill-server >/dev/null 2>&1 || true; }
trap cleanup EXIT

pane() { "${T[@]}" capture-pane -p -t e2e; }
fail() {
  echo "tui-e2e: FAIL: $*" >&2
  echo "----- screen -----" >&2
  pane >&2 || true
  echo "------------------" >&2
  exit 1
}
wait_for() {
  local i
  for i in $(seq 1 150); do
    if pane | grep -qF -- "$1"; then return 0; fi
    sleep 0.1
  done
  fail "timed out waiting for: $1"
}
keys() { "${T[@]}" send-keys -t e2e "$@"; }
flag() { "${T[@]}" display-message -p -t e2e "#{$1}"; }

"${T[@]}" new-session -d -s e2e -x 100 -y 30 "env -i PATH=\"$PATH\" TERM=xterm-256color HOME=\"$HOME\" PS1='e2e$ ' bash --norc --noprofile"
wait_for 'e2e$'

# 1. The first screen appears at once.
keys "$BIN tui $CAPTURE; echo EXIT=\$?" Enter
wait_for 'Hello, WebSocket!'
wait_for ' Details '
[ "$(flag alternate_on)" = 1 ] || fail "the TUI should run on the alternate screen"
echo "tui-e2e: first screen ok"

# 2. Keys: next frame, the frame-header view, back, the handshake view, help.
keys n
wait_for 'WebSocket, Text (1) frame #0'
keys 2
wait_for 'Byte 0 = 0x81'
keys Escape
wait_for ' Details '
keys 1
wait_for 'Sec-WebSocket-Key: U85XLWaCKR2MscrSZPY3rQ=='
keys G
wait_for 'They match'
keys Escape
wait_for ' Details '
keys '?'
wait_for 'Keys ('
keys Escape
wait_for ' Details '
# Esc typed fast before a key arrives as Alt+key: both must still work.
keys 3
wait_for 'Byte by byte'
keys Escape 4
wait_for 'Content (text)'
keys Escape
wait_for ' Details '
# The flow view (8): arrows per packet, m per frame, Enter selects a row.
keys 8
wait_for 'one arrow per packet'
wait_for 'SYN/ACK'
keys m
wait_for 'one arrow per HTTP head'
keys Down Enter
wait_for ' Details '
# The follow view (9): the TCP stream, then the chat transcript.
keys 9
wait_for 'Upgrade: websocket'
keys m m
wait_for 'chat transcript'
wait_for 'Hello, WebSocket!'
keys Escape
wait_for ' Details '
echo "tui-e2e: keys ok"

# 2b. A display filter typed into the filter form: green and applied,
# then an invalid one that Enter refuses, then x clears it.
keys f Up
wait_for 'Display filter'
keys -l 'websocket.opcode == 9'
wait_for 'valid: Enter applies it'
keys Enter
wait_for 'filter: websocket.opcode == 9'
pane | grep -q 'Ping \[FIN\]' || fail "the ping row should be listed"
pane | grep -qF 'B] "Hello, WebSocket' && fail "the text frames should be filtered out"
keys f Up C-u
keys -l 'tcp.port == "80"'
wait_for 'column 13: tcp.port is a number'
keys Enter
sleep 0.2
pane | grep -qF 'fix it to apply' || fail "Enter on an invalid filter should say why nothing happened"
keys Escape f x
wait_for 'B] "Hello, WebSocket'
pane | grep -qF 'filter:' && fail "x should clear the filter"
keys g n
wait_for 'WebSocket, Text (1) frame #0'
echo "tui-e2e: display filter ok"

# 3. A resize redraws at the new size.
"${T[@]}" resize-window -t e2e -x 80 -y 24
sleep 0.3
wait_for ' Bytes '
[ "$(pane | wc -l)" -eq 24 ] || fail "expected 24 lines after the resize"
pane | grep -q 'Masking-Key\|WebSocket, Text' || fail "the frame should still be shown after the resize"
echo "tui-e2e: resize ok"

# 4. q exits 0 and gives the terminal back.
keys q
wait_for 'EXIT=0'
[ "$(flag alternate_on)" = 0 ] || fail "the alternate screen was not left"
[ "$(flag cursor_flag)" = 1 ] || fail "the cursor is still hidden"
[ "$(flag mouse_any_flag)" = 0 ] || fail "mouse reporting is still on"
pane | grep -qF ' Details ' && fail "TUI content is still on the screen after quitting"
keys "stty -a | tr ' ;' '\n\n' | grep -E '^-?(icanon|echo)\$' | tr '\n' ' '; echo STTY_\"\"DONE" Enter
wait_for 'STTY_DONE'
pane | grep -q -- '-icanon\|-echo ' && fail "the terminal is still in raw mode"
pane | grep -q 'icanon echo' || fail "could not read the terminal mode back"
echo "tui-e2e: quit and restore ok"

# 5. An unreadable capture: exit 1, message on stderr, no screen take-over.
keys clear Enter
keys "$BIN tui /nonexistent/capture.pcap; echo EXIT=\$?" Enter
wait_for 'EXIT=1'
pane | grep -q 'wsdissect: /nonexistent/capture.pcap' || fail "no error message for an unreadable capture"
[ "$(flag alternate_on)" = 0 ] || fail "an unreadable capture should not take the screen"
echo "tui-e2e: unreadable capture ok"

# 6. LANG=fi_FI.UTF-8 (no --lang): the TUI's frame speaks Finnish, and an
# unreadable capture's error too.
keys clear Enter
keys "LANG=fi_FI.UTF-8 $BIN tui $CAPTURE; echo EXIT=\$?" Enter
wait_for ' Tiedot '
wait_for 'q lopeta'
pane | grep -qF ' Details ' && fail "the Finnish TUI still says Details"
keys q
wait_for 'EXIT=0'
keys clear Enter
keys "LANG=fi_FI.UTF-8 $BIN tui /nonexistent/capture.pcap; echo EXIT=\$?" Enter
wait_for 'EXIT=1'
pane | grep -q 'wsdissect: /nonexistent/capture.pcap: ei voi lukea' || fail "no Finnish error for an unreadable capture"
echo "tui-e2e: finnish ok"

echo "tui-e2e: all checks passed"
