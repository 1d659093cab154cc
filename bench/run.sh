#!/usr/bin/env bash
# Benchmark wsdissect side by side with tshark, tcpdump and cat on a capture
# of real WebSocket traffic (docs/performance.md), and wsdissect on the TLS
# twin of that capture (the same traffic over wss://, decrypted with its key
# log) against the plaintext one.
#
#   bench/run.sh            # 100 MB captures (and 1 GB for the memory check)
#   bench/run.sh --smoke    # 5 MB, few runs, debug build: CI checks that this still works
#
# Needs: tcpdump, tshark, hyperfine, GNU time (/usr/bin/time), openssl,
# Python 3. Everything runs on 127.0.0.1 (the certificate is made locally).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
smoke=0
[ "${1:-}" = "--smoke" ] && smoke=1
work="${BENCH_DIR:-${CARGO_TARGET_DIR:-$root/target}/bench}"
mkdir -p "$work"

for tool in tcpdump tshark hyperfine /usr/bin/time openssl; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing" >&2; exit 1; }
done

if [ $smoke = 1 ]; then
  # The smoke run times nothing that matters (CI runs it so that the script
  # cannot rot): the test build's binary does, without a release build.
  # `--tests`, as the test build has it: with the dev-dependencies' features
  # unified in, so that in CI, after the tests, nothing is compiled again
  # (a plain `cargo build` would rebuild a dozen crates: 1.5 minutes).
  cargo build --quiet --tests --manifest-path "$root/Cargo.toml"
  ws="${CARGO_TARGET_DIR:-$root/target}/debug/wsdissect"
else
  cargo build --release --quiet --manifest-path "$root/Cargo.toml"
  ws="${CARGO_TARGET_DIR:-$root/target}/release/wsdissect"
fi

if [ $smoke = 1 ]; then sizes="5"; runs=3; slow_runs=1; else sizes="100 1000"; runs=10; slow_runs=2; fi
for mb in $sizes; do
  cap="$work/ws-${mb}MB.pcap"
  [ -s "$cap" ] || "$here/gen_capture.sh" "$cap" "$mb" >/dev/null
  # The TLS twin: the same traffic over TLS 1.3, its key log beside it.
  tcap="$work/wss-${mb}MB.pcap"
  [ -s "$tcap" ] && [ -s "$tcap.keys" ] || "$here/gen_capture.sh" --tls "$tcap" "$mb" >/dev/null
done
first=$(echo $sizes | cut -d' ' -f1)
main="$work/ws-${first}MB.pcap"
tmain="$work/wss-${first}MB.pcap"
echo "== capture: $main ($(du -h "$main" | cut -f1)), $(tcpdump -r "$main" 2>/dev/null | wc -l) packets"
echo "== TLS twin: $tmain ($(du -h "$tmain" | cut -f1)), $(tcpdump -r "$tmain" 2>/dev/null | wc -l) packets, keys $tmain.keys"

# Same bytes as another build (BENCH_BASELINE=path/to/old/wsdissect): a
# speed-up must not change the output (tests/dump_digest.rs pins it on the
# samples; this checks the benchmark capture).
if [ -n "${BENCH_BASELINE:-}" ]; then
  for args in "--format ndjson" "--format ndjson --packets" "--format json"; do
    # shellcheck disable=SC2086
    new=$("$ws" dump $args "$main" | sha256sum | cut -d' ' -f1)
    # shellcheck disable=SC2086
    old=$("$BENCH_BASELINE" dump $args "$main" | sha256sum | cut -d' ' -f1)
    echo "== dump $args: sha256 $new (baseline $old)"
    [ "$new" = "$old" ] || { echo "bench: dump $args output differs from $BENCH_BASELINE" >&2; exit 1; }
  done
fi

# Time. Fast commands get more runs than tshark's JSON output.
# `dump` against `tcpdump -r` (target: no slower, best of the runs; both
# write to /dev/null, tcpdump without flags as a user types it, and with
# TZ=UTC: with TZ unset glibc's localtime stats /etc/localtime for every
# packet tcpdump prints, docs/performance.md).
hyperfine -N --style basic --warmup 1 --runs $runs --export-json "$work/fast.json" \
  -n "wsdissect dump --format ndjson" "$ws dump --format ndjson $main" \
  -n "wsdissect dump --format ndjson --payloads none" "$ws dump --format ndjson --payloads none $main" \
  -n "wsdissect streams" "$ws streams $main" \
  -n "tcpdump -r" "tcpdump -r $main" \
  -n "TZ=UTC tcpdump -r" "env TZ=UTC tcpdump -r $main" \
  -n "cat" "cat $main" >/dev/null
# Plaintext against the decrypted TLS twin, interleaved in one hyperfine run.
hyperfine -N --style basic --warmup 1 --runs $runs --export-json "$work/tls.json" \
  -n "wsdissect dump --format ndjson (ws://)" "$ws dump --format ndjson $main" \
  -n "wsdissect dump --keylog --format ndjson (wss://)" "$ws dump --keylog $tmain.keys --format ndjson $tmain" \
  -n "wsdissect streams (ws://)" "$ws streams $main" \
  -n "wsdissect streams --keylog (wss://)" "$ws streams --keylog $tmain.keys $tmain" >/dev/null
hyperfine -N --style basic --runs $slow_runs --export-json "$work/slow.json" \
  -n "tshark -T json" "tshark -r $main -T json" \
  -n "tshark -Y websocket -T json" "tshark -r $main -Y websocket -T json" \
  -n "tshark -Y websocket -T fields -e websocket.opcode" "tshark -r $main -Y websocket -T fields -e websocket.opcode" >/dev/null

# Peak memory (max RSS) of each command, and of wsdissect on every size.
mem() { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1; }
{
  echo "command	size	max_rss_kib"
  for mb in $sizes; do
    cap="$work/ws-${mb}MB.pcap"
    echo "wsdissect dump --format ndjson	${mb}MB	$(mem "$ws" dump --format ndjson "$cap")"
    echo "wsdissect streams	${mb}MB	$(mem "$ws" streams "$cap")"
    tcap="$work/wss-${mb}MB.pcap"
    echo "wsdissect dump --keylog --format ndjson (wss://)	${mb}MB	$(mem "$ws" dump --keylog "$tcap.keys" --format ndjson "$tcap")"
    echo "wsdissect streams --keylog (wss://)	${mb}MB	$(mem "$ws" streams --keylog "$tcap.keys" "$tcap")"
  done
  echo "tshark -T json	$(echo $sizes | cut -d' ' -f1)MB	$(mem tshark -r "$main" -T json)"
  echo "tshark -Y websocket -T json	$(echo $sizes | cut -d' ' -f1)MB	$(mem tshark -r "$main" -Y websocket -T json)"
  echo "tcpdump -r	$(echo $sizes | cut -d' ' -f1)MB	$(mem tcpdump -r "$main")"
} > "$work/memory.tsv"

python3 "$here/report.py" "$work/fast.json" "$work/slow.json" "$work/memory.tsv" "$work/tls.json"
# Issue 16's own test, best of 3 against `tcpdump -r`, repeated.
echo
if [ $smoke = 1 ]; then vs_reps=1; else vs_reps=10; fi
"$here/versus_tcpdump.sh" "$main" "$vs_reps" "$ws"
if [ $smoke = 1 ]; then
  echo
  echo "(smoke run: a debug build on 5 MB captures; the times and ratios above say nothing about speed)"
fi
