#!/usr/bin/env bash
# Checks that `rust-version` in Cargo.toml is at least what the locked
# dependencies declare they need, without installing that old toolchain
# (CI has only the current one and cannot download another).
#
# Usage: scripts/check-msrv.sh
# Exit status: 0 the declared rust-version covers every dependency that is
# built; 1 it does not (or the check could not run).
#
# How: `cargo tree --locked --target all -e normal,build,dev` lists every
# package cargo would compile for this crate on any platform, with its
# dev-dependencies (tests, benches); `cargo metadata --locked` gives each
# package's own `rust-version`. The highest of those is the minimum
# supported Rust version the lockfile imposes; the check fails if it is
# above the declared one, and prints it either way.
#
# Cargo.lock may also hold packages that are never compiled: an optional
# dependency named only in a weak feature (`dep?/feature`) is locked even
# when nothing enables it (cargo issue 10801). Those are listed, but cannot
# fail the check: no toolchain ever builds them.
#
# What this does not see is our own code using a newer std API; clippy's
# `incompatible_msrv` lint (on by default, it reads rust-version) does.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v python3 >/dev/null || { echo "check-msrv: python3 is missing" >&2; exit 1; }
meta="$(mktemp)"
tree="$(mktemp)"
trap 'rm -f "$meta" "$tree"' EXIT
cargo metadata --locked --format-version 1 >"$meta"
cargo tree --locked --target all -e normal,build,dev --prefix none --format '{p}' >"$tree"

python3 - "$meta" "$tree" <<'EOF'
import json
import sys

meta = json.load(open(sys.argv[1]))
built = set()
for line in open(sys.argv[2]):
    parts = line.split()
    if len(parts) >= 2 and parts[1].startswith("v"):
        built.add((parts[0], parts[1][1:]))


def key(v):
    nums = [int(x) for x in v.split(".")]
    return tuple(nums + [0] * (3 - len(nums)))


root_id = meta["resolve"]["root"]
root = next(p for p in meta["packages"] if p["id"] == root_id)
declared = root.get("rust_version")
if not declared:
    print(f"check-msrv: {root['name']} declares no rust-version in Cargo.toml")
    sys.exit(1)

deps = [p for p in meta["packages"] if p["id"] != root_id and p.get("rust_version")]
compiled = [p for p in deps if (p["name"], p["version"]) in built]
if not compiled:
    print("check-msrv: cargo tree listed no dependency; cannot check")
    sys.exit(1)
need = max(key(p["rust_version"]) for p in compiled)
need_str = ".".join(map(str, need))
top = sorted(f"{p['name']} {p['version']}" for p in compiled if key(p["rust_version"]) == need)
print(
    f"check-msrv: {root['name']} declares rust-version {declared}; "
    f"the built dependencies need at least {need_str} ({', '.join(top)})"
)
too_new = sorted(
    (
        (key(p["rust_version"]), p["name"], p["version"], p["rust_version"])
        for p in compiled
        if key(p["rust_version"]) > key(declared)
    ),
    reverse=True,
)
# Locked-only packages matter to a reader only where they would have raised
# the answer.
locked_only = sorted(
    (key(p["rust_version"]), p["name"], p["version"], p["rust_version"])
    for p in deps
    if (p["name"], p["version"]) not in built
    and key(p["rust_version"]) > max(need, key(declared))
)
for _, name, version, rv in locked_only:
    print(
        f"check-msrv: note: {name} {version} needs {rv} but is never built "
        "(in Cargo.lock only through an optional dependency nothing enables)"
    )
if too_new:
    for _, name, version, rv in too_new[:10]:
        print(f"check-msrv: FAIL: {name} {version} needs Rust {rv} > declared {declared}")
    if len(too_new) > 10:
        print(f"check-msrv: FAIL: ... and {len(too_new) - 10} more")
    print(f"check-msrv: set rust-version = \"{need_str}\" in Cargo.toml (or lock older versions)")
    sys.exit(1)
if need < key(declared):
    print(f"check-msrv: note: declared {declared} is above what the dependencies need ({need_str})")
EOF
