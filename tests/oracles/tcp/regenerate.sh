#!/usr/bin/env bash
# Regenerate tshark's TCP analysis/window and HTTP message oracles of the public
# corpus, which is read-only and so cannot hold them beside its captures:
#
#   bash tests/oracles/tcp/regenerate.sh [SHARED_CAPTURES_DIR]
#
# For every ../shared/captures/SUB/NAME.pcap[ng] this writes SUB/NAME.tcp.tsv
# (every TCP packet: tcp.stream, the tcp.analysis.<flag> flags, tcp.window_size,
# tcp.window_size_scalefactor) and SUB/NAME.http.tsv (the packets of
# -Y "http.request || http.response") here, with the writer of the samples'
# oracles (samples/tools/write_oracles.py --only tcp,http). tests/tcp_agreement.rs
# and tests/http_agreement.rs read them. The committed files were written by
# tshark 4.0.17.
set -euo pipefail
export TZ=UTC LC_ALL=C
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
SHARED=$(cd "${1:-$ROOT/../shared/captures}" && pwd)
shopt -s nullglob
caps=("$SHARED"/*/*.pcap "$SHARED"/*/*.pcapng)
[ ${#caps[@]} -gt 0 ] || { echo "regenerate.sh: no captures in $SHARED" >&2; exit 1; }
find "$HERE" -path "$HERE/crafted" -prune -o -name '*.tcp.tsv' -print0 | xargs -0 rm -f
find "$HERE" -path "$HERE/crafted" -prune -o -name '*.http.tsv' -print0 | xargs -0 rm -f
python3 "$ROOT/samples/tools/write_oracles.py" --only tcp,http --root "$SHARED" --into "$HERE" "${caps[@]}"
