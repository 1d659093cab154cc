#!/usr/bin/env bash
# Regenerate tshark's TCP conversation tables of the public corpus, which is
# read-only and so cannot hold them beside its captures:
#
#   bash tests/oracles/conv/regenerate.sh [SHARED_CAPTURES_DIR]
#
# For every ../shared/captures/SUB/NAME.pcap[ng] this writes SUB/NAME.conv.tsv
# here, with the writer of the samples' oracles (samples/tools/write_oracles.py
# --only conv: `tshark -r NAME -T fields -e frame.number -e tcp.stream -e ip.src
# -e ipv6.src -e tcp.srcport -e ip.dst -e ipv6.dst -e tcp.dstport -e frame.len
# -e frame.time_relative`, summed per tcp.stream and checked row by row against
# `tshark -r NAME -q -z conv,tcp`). tests/conv_agreement.rs reads them. The
# committed files were written by tshark 4.0.17.
set -euo pipefail
export TZ=UTC LC_ALL=C
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
SHARED=$(cd "${1:-$ROOT/../shared/captures}" && pwd)
shopt -s nullglob
caps=("$SHARED"/*/*.pcap "$SHARED"/*/*.pcapng)
[ ${#caps[@]} -gt 0 ] || { echo "regenerate.sh: no captures in $SHARED" >&2; exit 1; }
find "$HERE" -name '*.conv.tsv' -delete
python3 "$ROOT/samples/tools/write_oracles.py" --only conv --root "$SHARED" --into "$HERE" "${caps[@]}"
