#!/usr/bin/env bash
# Regenerate the TLS (wss://) sample captures in samples/, their key logs and their
# tshark oracles, from scratch. generate.sh runs this at its end; it also runs alone:
#
#   bash samples/generate_tls.sh        (as root: tcpdump captures on lo)
#
# Every TLS sample is named wss-*: wss-NAME.pcap, its NSS key log wss-NAME.keys (as
# SSLKEYLOGFILE writes it), the frames sent (wss-NAME.expect.json), and the oracles
# tshark computes WITH the key log (wss-NAME.frames.tsv, .follow.tsv, .follow-tls.tsv,
# .tshark.json). Needs, besides what generate.sh needs: openssl, editcap. Every server
# listens on 127.0.0.1 port 443 (tshark dissects 443 as TLS, then HTTP, without a
# decode-as); every capture is on lo. See docs/samples.md, "TLS samples".
set -euo pipefail

TLS_HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# the helpers (start_tcpdump, stop_captures, run_capture, stop_server, stop_browser,
# install_deps, ...); sourcing does not run generate.sh's main
# shellcheck source=generate.sh
source "$TLS_HERE/generate.sh"
PORT=443                      # the https port: tshark decodes it as TLS by default
TLSWORK=$WORK/tls             # scratch: certificate, OpenSSL configs, browser profile
CERT=$TLSWORK/cert.pem
KEY=$TLSWORK/key.pem

# ------------------------------------------------------------------ TLS set-up
check_tls_tools() {
    check_tools
    local t
    for t in openssl editcap; do
        command -v "$t" >/dev/null || die "$t not found (see docs/samples.md for the packages)"
    done
}

make_cert() {
    log "self-signed certificate for localhost and 127.0.0.1 (scratch, not committed)"
    openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 30 -subj /CN=localhost \
        -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
        -keyout "$KEY" -out "$CERT" 2>"$TLSWORK/openssl.log"
}

# tls13_conf SUITE: an OpenSSL config whose system default allows only this TLS 1.3
# suite. Python's ssl cannot choose TLS 1.3 suites (set_ciphers covers TLS 1.2 only),
# but OpenSSL applies the config's Ciphersuites to every SSL_CTX it makes.
tls13_conf() {
    local conf=$TLSWORK/$1.cnf
    cat >"$conf" <<EOF
openssl_conf = openssl_init
[openssl_init]
ssl_conf = ssl_sect
[ssl_sect]
system_default = system_default_sect
[system_default_sect]
Ciphersuites = $1
EOF
    echo "$conf"
}

# the spki hash Chromium's --ignore-certificate-errors-spki-list wants
spki_hash() {
    openssl x509 -pubkey -noout -in "$CERT" | openssl pkey -pubin -outform der \
        | openssl dgst -sha256 -binary | base64
}

# ------------------------------------------------------------------ captures
# capture_wss_websockets NAME MODE TLS13_SUITE|- [wss_websockets.py options...]
capture_wss_websockets() {
    local name=$1 mode=$2 suite=$3; shift 3
    log "Python websockets over TLS: $mode ${suite/-/} $* -> $name"
    port_must_be_free
    rm -f "$HERE/$name.keys" "$HERE/$name.expect.json"   # the key log is appended to
    local envs=()
    [ "$suite" = - ] || envs=("OPENSSL_CONF=$(tls13_conf "$suite")")
    start_tcpdump "$HERE/$name.pcap" lo
    env "${envs[@]}" "$PY" "$APPS/wss_websockets.py" "$mode" --cert "$CERT" --key "$KEY" \
        --keylog "$HERE/$name.keys" --expect "$HERE/$name.expect.json" \
        --host 127.0.0.1 --port "$PORT" "$@"
    stop_captures
}

capture_wss_node() { # NAME
    local name=$1
    log "Node ws over https, TLS 1.3 TLS_CHACHA20_POLY1305_SHA256 -> $name"
    port_must_be_free
    start_tcpdump "$HERE/$name.pcap" lo
    node "$APPS/node-ws/wss_demo.js" "$CERT" "$KEY" "$HERE/$name.keys" "$HERE/$name.expect.json" \
        127.0.0.1 "$PORT"
    stop_captures
}

capture_wss_browser() { # NAME
    local name=$1
    log "headless Chromium (SSLKEYLOGFILE) + FastAPI on uvicorn with TLS -> $name"
    port_must_be_free
    rm -f "$HERE/$name.keys" "$HERE/$name.expect.json"
    local logf=$WORK/uvicorn-tls.log
    : >"$logf"
    # asgi_recorder wraps fastapi_echo:app and writes the expect file
    WSDISSECT_EXPECT="$HERE/$name.expect.json" \
    "$VENV/bin/uvicorn" asgi_recorder:app --app-dir "$APPS" --ws websockets \
        --host 127.0.0.1 --port "$PORT" --ssl-keyfile "$KEY" --ssl-certfile "$CERT" \
        --timeout-graceful-shutdown 1 >"$logf" 2>&1 &
    SERVER_PID=$!
    wait_for_line "$logf" "Uvicorn running on" "$SERVER_PID" "uvicorn (TLS)"
    start_tcpdump "$HERE/$name.pcap" lo
    local profile
    profile=$(mktemp -d "$TLSWORK/chromium-profile.XXXXXX")
    # SSLKEYLOGFILE: Chromium appends every TLS secret it makes to this file.
    # localhost -> 127.0.0.1 only (the server has no ::1 socket; Chromium would try it)
    SSLKEYLOGFILE="$HERE/$name.keys" setsid chromium --headless=new --no-sandbox --disable-gpu \
        --disable-quic --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync --user-data-dir="$profile" \
        --ignore-certificate-errors-spki-list="$(spki_hash)" \
        --host-resolver-rules="MAP localhost 127.0.0.1" \
        "https://localhost/" >"$WORK/chromium-tls.log" 2>&1 &
    BROWSER_PID=$!
    # the page closes its WebSocket itself (1000); the app logs the close
    wait_for_line "$logf" "websocket closed" "$BROWSER_PID" "chromium page (TLS)"
    sleep 0.5
    stop_browser
    rm -rf "$profile"
    stop_captures
    stop_server
}

# inject_secrets SOURCE NAME: SOURCE.pcap with SOURCE.keys embedded (pcapng DSB) -> NAME.pcapng
inject_secrets() {
    local src=$1 name=$2
    log "$src.pcap + $src.keys -> $name.pcapng (Decryption Secrets Block)"
    editcap --inject-secrets "tls,$HERE/$src.keys" -F pcapng "$HERE/$src.pcap" "$HERE/$name.pcapng"
    cp "$HERE/$src.expect.json" "$HERE/$name.expect.json"
}

# ------------------------------------------------------------------ main
main_tls() {
    check_tls_tools
    mkdir -p "$WORK"
    rm -rf "$TLSWORK"
    mkdir -p "$TLSWORK"
    install_deps
    # remove what an earlier run made, keep the programs
    rm -f "$HERE"/wss-*.pcap "$HERE"/wss-*.pcapng "$HERE"/wss-*.keys "$HERE"/wss-*.expect.json \
        "$HERE"/wss-*.frames.tsv "$HERE"/wss-*.follow.tsv "$HERE"/wss-*.follow-tls.tsv \
        "$HERE"/wss-*.tshark.json
    make_cert

    local s
    for s in aes128:TLS_AES_128_GCM_SHA256 aes256:TLS_AES_256_GCM_SHA384; do
        run_capture capture_wss_websockets "wss-websockets-tls13-${s%%:*}" tls13 "${s#*:}" \
            --want-cipher "${s#*:}"
        run_capture capture_wss_websockets "wss-websockets-tls13-${s%%:*}-deflate" tls13-deflate \
            "${s#*:}" --want-cipher "${s#*:}"
    done
    for s in aes128:ECDHE-RSA-AES128-GCM-SHA256 aes256:ECDHE-RSA-AES256-GCM-SHA384 \
             chacha20:ECDHE-RSA-CHACHA20-POLY1305; do
        run_capture capture_wss_websockets "wss-websockets-tls12-${s%%:*}" tls12 - \
            --tls12-cipher "${s#*:}" --want-cipher "${s#*:}"
    done
    run_capture capture_wss_websockets wss-websockets-tls12-resume-id tls12-resume-id - \
        --tls12-cipher ECDHE-RSA-AES128-GCM-SHA256 --want-cipher ECDHE-RSA-AES128-GCM-SHA256
    run_capture capture_wss_websockets wss-websockets-tls12-resume-ticket tls12-resume-ticket - \
        --tls12-cipher ECDHE-RSA-AES256-GCM-SHA384 --want-cipher ECDHE-RSA-AES256-GCM-SHA384
    run_capture capture_wss_node wss-node-ws-tls13-chacha20
    run_capture capture_wss_browser wss-browser-fastapi
    inject_secrets wss-browser-fastapi wss-browser-fastapi-secrets

    log "tshark oracles, with each capture's key log (wss-NAME.keys, or the embedded secrets)"
    "$PY" "$TOOLS/write_oracles.py" "$HERE"/wss-*.pcap "$HERE"/wss-*.pcapng
    # tshark again: the oracles must come out the same (decryption is deterministic)
    "$PY" "$TOOLS/write_oracles.py" --check "$HERE"/wss-*.pcap "$HERE"/wss-*.pcapng >/dev/null \
        || die "tshark wrote different oracles on a second run"

    log "checks (TLS)"
    "$PY" "$TOOLS/verify_tls.py" "$HERE"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then main_tls "$@"; fi
