#!/usr/bin/env python3
"""Write tshark's answer to every display filter of tests/oracles/filters/filters.txt
for every capture in samples/, into tests/oracles/filters/NAME.tsv:

    filter<TAB>frame numbers tshark -Y selects, space-separated (empty: none)

tests/filter_agreement.rs checks that `wsdissect dump --packets -Y FILTER` keeps the
`packet` records of exactly those frames, so CI needs no tshark. Like write_oracles.py,
a capture with DIR/NAME.keys is read with -o tls.keylog_file:NAME.keys (a pcapng whose
Decryption Secrets Block carries the keys needs nothing).

Usage: write_filter_oracles.py [--tshark tshark] [--check]
  --check  do not write; exit 1 if any oracle on disk differs from what tshark says
"""
import argparse
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SAMPLES = os.path.join(ROOT, "samples")
ORACLES = os.path.join(ROOT, "tests", "oracles", "filters")


def filters():
    with open(os.path.join(ORACLES, "filters.txt"), encoding="utf-8") as f:
        return [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]


def stem(name):
    for ext in (".pcapng", ".pcap"):
        if name.endswith(ext):
            return name[: -len(ext)]
    return None


def selected(tshark, cap, keys, flt):
    cmd = [tshark, "-n", "-r", cap]
    if keys:
        cmd += ["-o", "tls.keylog_file:" + keys]
    cmd += ["-Y", flt, "-T", "fields", "-e", "frame.number"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return " ".join(l for l in out.split() if l)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tshark", default="tshark")
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    fl = filters()
    bad = 0
    for name in sorted(os.listdir(SAMPLES)):
        s = stem(name)
        if s is None:
            continue
        cap = os.path.join(SAMPLES, name)
        keys = os.path.join(SAMPLES, s + ".keys")
        keys = keys if os.path.isfile(keys) else None
        text = "".join(f"{f}\t{selected(a.tshark, cap, keys, f)}\n" for f in fl)
        path = os.path.join(ORACLES, name + ".tsv")
        if a.check:
            old = open(path, encoding="utf-8").read() if os.path.exists(path) else None
            if old != text:
                print(f"differs: {path}", file=sys.stderr)
                bad = 1
        else:
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
    return bad


if __name__ == "__main__":
    sys.exit(main())
