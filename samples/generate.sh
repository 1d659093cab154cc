#!/usr/bin/env bash
# Regenerate every sample capture in samples/ and its tshark oracles, from scratch.
#
#   bash samples/generate.sh            (as root: tcpdump and dumpcap capture on lo/any)
#
# Needs: tcpdump, tshark, dumpcap, capinfos, python3 (with venv), node + npm,
# chromium, ss. Python and npm dependencies are installed into samples/.venv and
# samples/apps/node-ws/node_modules (git-ignored). Every server listens on
# 127.0.0.1 / ::1 port 8080 only, and every capture is on the loopback interface
# (lo, or "any" for the Linux cooked link types). See docs/samples.md.
set -euo pipefail
export TZ=UTC LC_ALL=C

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
APPS=$HERE/apps
TOOLS=$HERE/tools
VENV=$HERE/.venv
WORK=$HERE/.work            # scratch: logs and intermediate captures
PORT=8080                   # tshark dissects 8080 as HTTP without a decode-as
PY=$VENV/bin/python

log() { printf '\n== %s\n' "$*" >&2; }
die() { printf 'generate.sh: %s\n' "$*" >&2; exit 1; }

# ------------------------------------------------------------------ prerequisites
check_tools() {
    local t
    for t in tcpdump tshark dumpcap capinfos python3 node npm chromium ss; do
        command -v "$t" >/dev/null || die "$t not found (see docs/samples.md for the packages)"
    done
    [ "$(id -u)" = 0 ] || die "run as root (tcpdump/dumpcap capture on lo)"
}

install_deps() {
    log "Python deps into $VENV, npm deps into $APPS/node-ws/node_modules"
    [ -x "$PY" ] || python3 -m venv "$VENV"
    "$PY" -m pip install -q --disable-pip-version-check -r "$APPS/requirements.txt"
    (cd "$APPS/node-ws" && npm ci --no-audit --no-fund --silent)
}

# ------------------------------------------------------------------ process helpers
CAPTURE_PIDS=()
CAPTURE_FILES=()
SERVER_PID=""
BROWSER_PID=""

wait_for_line() { # FILE PATTERN PID WHAT
    local i
    for i in $(seq 600); do
        grep -aq -- "$2" "$1" 2>/dev/null && return 0
        kill -0 "$3" 2>/dev/null || { cat "$1" >&2; die "$4 exited early"; }
        sleep 0.05
    done
    cat "$1" >&2
    die "$4 not ready after 30 s"
}

port_must_be_free() {
    if [ -n "$(ss -Htln "sport = :$PORT")" ]; then
        ss -tlnp "sport = :$PORT" >&2
        die "port $PORT is in use; stop that program first"
    fi
}

# start_tcpdump OUT IFACE [tcpdump args...]: capture tcp port PORT into OUT
start_tcpdump() {
    local out=$1 iface=$2; shift 2
    local err=$WORK/$(basename "$out").tcpdump.log
    # --immediate-mode makes libpcap use TPACKET_V2, whose ring has one slot of
    # snaplen (256 KiB) per packet: -B 65536 (KiB) gives it room for 256 packets.
    tcpdump -Z root -i "$iface" --immediate-mode -B 65536 -U "$@" -w "$out" "tcp port $PORT" 2>"$err" &
    CAPTURE_PIDS+=($!)
    CAPTURE_FILES+=("$out")
    wait_for_line "$err" "listening on" $! "tcpdump for $out"
}

# start_dumpcap OUT: pcapng capture on lo, as Wireshark/tshark -i lo -w would write it
start_dumpcap() {
    local out=$1
    local err=$WORK/$(basename "$out").dumpcap.log
    dumpcap -i lo -B 64 -f "tcp port $PORT" -w "$out" 2>"$err" &
    CAPTURE_PIDS+=($!)
    CAPTURE_FILES+=("$out")
    wait_for_line "$err" "Capturing on" $! "dumpcap for $out"
}

DROPPED=0
stop_captures() {
    sleep 1   # let the last ACKs of the TCP close reach the capture
    local pid f
    for pid in "${CAPTURE_PIDS[@]}"; do kill -INT "$pid" 2>/dev/null || true; done
    for pid in "${CAPTURE_PIDS[@]}"; do wait "$pid" || true; done
    CAPTURE_PIDS=()
    # a capture that lost packets is no sample: flag it, run_capture repeats the run
    for f in "$WORK"/*.tcpdump.log; do
        [ -e "$f" ] || continue
        if ! grep -q '^0 packets dropped by kernel' "$f"; then
            echo "$(basename "$f"): $(grep 'dropped by kernel' "$f")" >&2; DROPPED=1
        fi
    done
    for f in "$WORK"/*.dumpcap.log; do
        [ -e "$f" ] || continue
        if ! grep -q "received/dropped on interface .*: [0-9]*/0 " "$f"; then
            echo "$(basename "$f"): $(grep 'dropped' "$f")" >&2; DROPPED=1
        fi
    done
    rm -f "$WORK"/*.tcpdump.log "$WORK"/*.dumpcap.log
    # captures of the same run must agree (dumpcap has been seen to stop short
    # without reporting a drop)
    local n
    n=$(packets "${CAPTURE_FILES[0]}")
    for f in "${CAPTURE_FILES[@]}"; do
        if [ "$(packets "$f")" != "$n" ]; then
            echo "$(basename "$f"): $(packets "$f") packets, but $(basename "${CAPTURE_FILES[0]}") has $n" >&2
            DROPPED=1
        fi
    done
    CAPTURE_FILES=()
}

packets() { capinfos -T -r -c "$1" | cut -f2; }

# run_capture FUNCTION ARGS...: run a capture, repeat it (3 tries) while packets were lost
run_capture() {
    local try
    for try in 1 2 3; do
        DROPPED=0
        "$@"
        [ "$DROPPED" = 1 ] || return 0
        echo "generate.sh: $1: packets were lost, repeating the run" >&2
    done
    die "$1: packets lost in 3 tries"
}

# start_uvicorn HOST [extra uvicorn args...]: the FastAPI echo app on HOST:PORT
start_uvicorn() {
    local host=$1; shift
    local logf=$WORK/uvicorn.log
    : >"$logf"
    "$VENV/bin/uvicorn" fastapi_echo:app --app-dir "$APPS" --ws websockets \
        --host "$host" --port "$PORT" --timeout-graceful-shutdown 1 "$@" >"$logf" 2>&1 &
    SERVER_PID=$!
    wait_for_line "$logf" "Uvicorn running on" "$SERVER_PID" "uvicorn"
}

stop_server() {
    [ -n "$SERVER_PID" ] || return 0
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
}

stop_browser() {
    [ -n "$BROWSER_PID" ] || return 0
    kill -TERM "$BROWSER_PID" 2>/dev/null || true
    wait "$BROWSER_PID" 2>/dev/null || true
    # helpers left in chromium's own process group (setsid made it the leader)
    kill -TERM -- "-$BROWSER_PID" 2>/dev/null || true
    BROWSER_PID=""
}

cleanup() {
    stop_browser
    local pid
    for pid in "${CAPTURE_PIDS[@]}"; do kill -INT "$pid" 2>/dev/null || true; done
    stop_server
}
trap cleanup EXIT

# ------------------------------------------------------------------ captures
capture_fastapi_echo() {
    # One run of the course exercise, recorded by five captures at once, so the
    # pcap, pcapng, nanosecond and Linux-cooked files hold the very same packets.
    log "fastapi-echo (IPv4): pcap, pcapng, nanosecond pcap, SLL and SLL2 at once"
    port_must_be_free
    start_uvicorn 127.0.0.1 --ws-per-message-deflate false
    start_tcpdump "$HERE/fastapi-echo.pcap" lo
    start_tcpdump "$HERE/pcap-nanosecond.pcap" lo --time-stamp-precision=nano
    start_tcpdump "$HERE/linktype-sll.pcap" any -y LINUX_SLL
    start_tcpdump "$HERE/linktype-sll2.pcap" any -y LINUX_SLL2
    start_dumpcap "$HERE/fastapi-echo.pcapng"
    "$PY" "$APPS/echo_client.py" "ws://127.0.0.1:$PORT/ws"
    stop_captures
    stop_server
}

capture_fastapi_echo_ipv6() {
    log "fastapi-echo over ::1"
    port_must_be_free
    start_uvicorn ::1 --ws-per-message-deflate false
    start_tcpdump "$HERE/fastapi-echo-ipv6.pcap" lo
    "$PY" "$APPS/echo_client.py" "ws://[::1]:$PORT/ws"
    stop_captures
    stop_server
}

capture_browser() {
    log "headless Chromium + FastAPI (permessage-deflate accepted by uvicorn)"
    port_must_be_free
    start_uvicorn 127.0.0.1   # ws_per_message_deflate defaults to true
    start_tcpdump "$HERE/browser-fastapi.pcap" lo
    local profile
    profile=$(mktemp -d)
    setsid chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" "http://127.0.0.1:$PORT/" \
        >"$WORK/chromium.log" 2>&1 &
    BROWSER_PID=$!
    # the page closes its WebSocket itself (1000); the app logs the close
    wait_for_line "$WORK/uvicorn.log" "websocket closed" "$BROWSER_PID" "chromium page"
    sleep 0.5
    stop_browser
    rm -rf "$profile"
    stop_captures
    stop_server
}

capture_websockets() { # MODE NAME [pcapng copy for the multi-section sample]
    local mode=$1 name=$2 ng=${3:-}
    log "Python websockets, $mode -> $name"
    port_must_be_free
    start_tcpdump "$HERE/$name.pcap" lo
    [ -z "$ng" ] || start_dumpcap "$ng"
    "$PY" "$APPS/ws_deflate.py" "$mode" 127.0.0.1 "$PORT"
    stop_captures
}

capture_refused() {
    log "Python websockets server refusing three upgrades (403, 400, 400)"
    port_must_be_free
    start_tcpdump "$HERE/websockets-refused.pcap" lo
    "$PY" "$APPS/ws_refused.py" 127.0.0.1 "$PORT"
    stop_captures
}

capture_node_ws() {
    log "Node ws server and client"
    port_must_be_free
    start_tcpdump "$HERE/node-ws.pcap" lo
    start_dumpcap "$WORK/node-ws.pcapng"
    node "$APPS/node-ws/ws_demo.js" 127.0.0.1 "$PORT"
    stop_captures
}

# ------------------------------------------------------------------ rewrites
make_variants() {
    log "link-type and file-format variants"
    local m
    for m in null loop raw raw12 raw14 ipv4 vlan; do
        "$PY" "$TOOLS/relink.py" "$m" "$HERE/fastapi-echo.pcap" "$HERE/linktype-$m.pcap"
    done
    "$PY" "$TOOLS/relink.py" ipv6 "$HERE/fastapi-echo-ipv6.pcap" "$HERE/linktype-ipv6.pcap"
    "$PY" "$TOOLS/relink.py" bigendian "$HERE/fastapi-echo.pcap" "$HERE/pcap-bigendian.pcap"
    # two separate dumpcap captures, concatenated: two sections in one file
    cat "$WORK/node-ws.pcapng" "$WORK/websockets-deflate.pcapng" >"$HERE/pcapng-multisection.pcapng"
    "$PY" "$TOOLS/pcapng.py" multi-interface "$HERE/node-ws.pcap" "$HERE/pcapng-multi-interface.pcapng"
    "$PY" "$TOOLS/pcapng.py" simple-packet "$HERE/node-ws.pcap" "$HERE/pcapng-simple-packet.pcapng"
    "$PY" "$TOOLS/pcapng.py" bigendian "$WORK/node-ws.pcapng" "$HERE/pcapng-bigendian.pcapng"
}

# ------------------------------------------------------------------ main
main() {
    check_tools
    rm -rf "$WORK"
    mkdir -p "$WORK"
    install_deps
    # remove what an earlier run made (captures and oracles), keep the programs
    rm -f "$HERE"/*.pcap "$HERE"/*.pcapng "$HERE"/*.frames.tsv "$HERE"/*.follow.tsv "$HERE"/*.tshark.json \
        "$HERE"/*.conv.tsv

    run_capture capture_fastapi_echo
    run_capture capture_fastapi_echo_ipv6
    run_capture capture_browser
    run_capture capture_websockets deflate websockets-deflate "$WORK/websockets-deflate.pcapng"
    run_capture capture_websockets fragmented websockets-deflate-fragmented
    run_capture capture_websockets no-context websockets-deflate-no-context
    run_capture capture_node_ws
    run_capture capture_refused
    make_variants

    log "tshark oracles"
    # NAME.frames.tsv, NAME.follow.tsv, NAME.tshark.json (docs/samples.md), and
    # NAME.conv.tsv, tshark's TCP conversation table per tcp.stream:
    #   tshark -r NAME -T fields -E separator=/t -e frame.number -e tcp.stream \
    #     -e ip.src -e ipv6.src -e tcp.srcport -e ip.dst -e ipv6.dst -e tcp.dstport \
    #     -e frame.len -e frame.time_relative       (summed per stream and direction)
    #   tshark -r NAME -q -z conv,tcp               (every row must match one stream)
    "$PY" "$TOOLS/write_oracles.py" "$HERE"/*.pcap "$HERE"/*.pcapng

    log "checks"
    "$PY" "$TOOLS/verify.py" "$HERE"
    bash "$HERE/generate_tls.sh"   # the TLS (wss://) samples, with their key logs
}

# run when executed, not when sourced (lets a test call single functions)
if [ "${BASH_SOURCE[0]}" = "$0" ]; then main "$@"; fi
