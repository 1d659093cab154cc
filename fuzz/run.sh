#!/bin/sh
# Runs one fuzz target the way docs/fuzzing.md describes, on its corpus
# (fuzz/corpus/TARGET, seeded by fuzz/seed.sh), gently: low priority, one
# process. Extra arguments go to libFuzzer, e.g. -runs=10000000 or
# -max_total_time=1500.
#
#   fuzz/run.sh frame -runs=10000000
#   SANITIZER=address fuzz/run.sh http -runs=10000000
set -eu
cd "$(dirname "$0")"
t=$1
shift
case $t in
frame | http | deflate | tls)
    san=${SANITIZER:-address}
    max_len=4096
    ;;
pipeline_tcp)
    san=${SANITIZER:-none}
    max_len=4096
    ;;
capture_reader | pipeline_pcap | pipeline_pcapng)
    san=${SANITIZER:-none}
    max_len=8192
    ;;
*)
    echo "unknown target $t" >&2
    exit 2
    ;;
esac
mkdir -p "corpus/$t"
export RUSTC_BOOTSTRAP=1
# Every analysis allocates the capture reader's 16 MiB buffer. With glibc's
# dynamic mmap threshold that buffer soon comes from the heap and calloc
# zeroes 16 MiB on every run; a fixed threshold keeps it a fresh mapping of
# zero pages (2x the executions per second).
export GLIBC_TUNABLES=glibc.malloc.mmap_threshold=1048576
exec nice -n 15 cargo fuzz run --sanitizer "$san" "$t" "corpus/$t" -- \
    -max_len="$max_len" -timeout=10 -rss_limit_mb=1024 -malloc_limit_mb=256 \
    -print_final_stats=1 "$@"
