#!/usr/bin/env bash
# Makes a benchmark capture of real WebSocket traffic on the loopback
# interface:
#
#   bench/gen_capture.sh OUT.pcap MEGABYTES          # ws:// on 127.0.0.1:8080
#   bench/gen_capture.sh --tls OUT.pcap MEGABYTES    # wss:// on 127.0.0.1:8443,
#                                                    # key log in OUT.keys
#   bench/gen_capture.sh --deflate OUT.pcap MEGABYTES  # compression-heavy ws://:
#                                                    # every connection deflated,
#                                                    # large compressible messages
#
# --tls runs the same traffic (same seed: same message sizes, mix and
# compressed share) over TLS 1.3 with a self-signed P-256 certificate made on
# the fly, and writes the NSS key log that `wsdissect --keylog` reads. The
# suite is TLS_AES_128_GCM_SHA256 (BENCH_TLS_SUITE=TLS_CHACHA20_POLY1305_SHA256
# or TLS_AES_256_GCM_SHA384 picks another).
# Needs tcpdump, openssl (for --tls) and Python 3 (installs `websockets` into
# bench/.venv).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tls=0
if [ "${1:-}" = "--tls" ]; then tls=1; shift; fi
if [ "${1:-}" = "--deflate" ]; then export BENCH_MIX=deflate; shift; fi
out="$1"; mb="${2:-100}"
if [ ! -x "$here/.venv/bin/python" ]; then
  python3 -m venv "$here/.venv"
  "$here/.venv/bin/pip" install -q websockets==17.4
fi
tmp="$out.part"
# Compressed connections shrink on the wire; this target lands near MEGABYTES.
# The TLS twin uses the same target, so it carries the same messages (its
# capture is larger by the TLS handshakes and record overhead).
target=$(( mb * 1000 * 1000 * 19 / 10 ))
# Compression-heavy traffic shrinks about 40-fold on the wire.
[ "${BENCH_MIX:-}" = deflate ] && target=$(( mb * 1000 * 1000 * 40 ))
args=()
if [ $tls = 1 ]; then
  port=8443
  dir="$(mktemp -d)"
  trap 'rm -rf "$dir"' EXIT
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 \
    -subj /CN=localhost -addext subjectAltName=DNS:localhost \
    -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>/dev/null
  # Python's ssl cannot choose TLS 1.3 suites; OpenSSL's configuration can.
  cat > "$dir/openssl.cnf" <<CNF
openssl_conf = bench_conf
[bench_conf]
ssl_conf = bench_ssl
[bench_ssl]
system_default = bench_default
[bench_default]
Ciphersuites = ${BENCH_TLS_SUITE:-TLS_AES_128_GCM_SHA256}
CNF
  rm -f "$out.keys.part"
  args=(--tls "$dir/cert.pem" "$dir/key.pem" "$out.keys.part")
else
  port=8080
fi
tcpdump -i lo -s 0 -B 524288 -w "$tmp" "tcp port $port" 2>"$tmp.log" &
tpid=$!
# tcpdump says "listening on" once its socket is open; on a fresh machine that
# takes more than a second, and a fixed sleep lost the first connection's
# handshake (its frames were then only guessed to be WebSocket).
for _ in $(seq 1 100); do
  grep -q "listening on" "$tmp.log" 2>/dev/null && break
  kill -0 "$tpid" 2>/dev/null || { cat "$tmp.log" >&2; exit 1; }
  sleep 0.1
done
grep -q "listening on" "$tmp.log" || { echo "gen_capture: tcpdump did not start" >&2; exit 1; }
sleep 0.2
if [ $tls = 1 ]; then
  OPENSSL_CONF="$dir/openssl.cnf" "$here/.venv/bin/python" "$here/traffic.py" "$port" "$target" "${args[@]}"
else
  "$here/.venv/bin/python" "$here/traffic.py" "$port" "$target"
fi
sleep 1
kill -INT "$tpid"; wait "$tpid" 2>/dev/null || true
grep -E "dropped" "$tmp.log" || true; rm -f "$tmp.log"; mv "$tmp" "$out"
if [ $tls = 1 ]; then mv "$out.keys.part" "$out.keys"; ls -l "$out.keys"; fi
ls -l "$out"
