#!/usr/bin/env python3
"""Real WebSocket traffic for the benchmark: a Python `websockets` echo server
and clients on 127.0.0.1, mixed message sizes, some connections compressed
(permessage-deflate), until about TARGET bytes of payload crossed the wire.

Usage: traffic.py PORT TARGET_BYTES [--tls CERT KEY KEYLOG]

With BENCH_MIX=deflate (gen_capture.sh --deflate) the traffic is
compression-heavy instead, like the Autobahn TestSuite's permessage-deflate
cases: every connection negotiates permessage-deflate and the messages are
large compressible text and JSON, so the decompressed messages are many
times the bytes on the wire.

With --tls the same traffic (same seed, so the same message sizes, mix and
compressed share) runs over TLS 1.3 (wss://): the server presents CERT/KEY,
the client trusts CERT for the name "localhost" and writes the session
secrets to KEYLOG in NSS key log format (SSLContext.keylog_filename). The
cipher suite is OpenSSL's choice, narrowed by the OPENSSL_CONF that
gen_capture.sh passes (TLS_AES_128_GCM_SHA256 by default).
"""
import asyncio
import json
import os
import random
import ssl
import sys

import websockets
from websockets.asyncio.client import connect
from websockets.asyncio.server import serve

PORT = int(sys.argv[1])
TARGET = int(sys.argv[2])
TLS = None  # (cert, key, keylog) with --tls
if sys.argv[3:]:
    if sys.argv[3] != "--tls" or len(sys.argv) != 7:
        sys.exit("usage: traffic.py PORT TARGET_BYTES [--tls CERT KEY KEYLOG]")
    TLS = sys.argv[4:7]
rng = random.Random(6455)
DEFLATE_HEAVY = os.environ.get("BENCH_MIX") == "deflate"


def tls_contexts():
    """(server, client) contexts for TLS 1.3 only, or (None, None)."""
    if TLS is None:
        return None, None
    cert, key, keylog = TLS
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.minimum_version = ssl.TLSVersion.TLSv1_3
    server.load_cert_chain(cert, key)
    client = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    client.minimum_version = ssl.TLSVersion.TLSv1_3
    client.load_verify_locations(cert)
    client.keylog_filename = keylog
    return server, client


SERVER_TLS, CLIENT_TLS = tls_contexts()


async def echo(ws):
    async for msg in ws:
        await ws.send(msg)


def heavy_message(i):
    """Compressible and large: JSON documents of 10-2000 rows, or text."""
    if i % 2 == 0:
        return json.dumps({"seq": i, "rows": [{"id": j, "name": "row %d" % (j % 50), "ok": True}
                                              for j in range(rng.randint(10, 2000))]})
    return ("the quick brown fox jumps over the lazy dog %d. " % (i % 7)) * rng.randint(100, 4000)


def message(i):
    if DEFLATE_HEAVY:
        return heavy_message(i)
    kind = i % 5
    if kind == 0:  # small chat message
        return json.dumps({"type": "chat", "seq": i, "text": "hello " * rng.randint(1, 8)})
    if kind == 1:  # medium JSON (16-bit length)
        return json.dumps({"seq": i, "rows": [{"id": j, "v": rng.random()} for j in range(rng.randint(10, 300))]})
    if kind == 2:  # binary, incompressible
        return os.urandom(rng.randint(16, 4096))
    if kind == 3:  # tiny
        return "ping %d" % i
    # large (64-bit length sometimes)
    return "x" * rng.randint(20_000, 80_000)


async def client(compression, share):
    sent = 0
    i = 0
    if CLIENT_TLS is None:
        uri, tls = f"ws://127.0.0.1:{PORT}/bench", {}
    else:
        uri, tls = f"wss://127.0.0.1:{PORT}/bench", {"ssl": CLIENT_TLS, "server_hostname": "localhost"}
    async with connect(uri, compression=compression, max_size=None, **tls) as ws:
        while sent < share:
            batch = [message(i + k) for k in range(16)]
            for m in batch:
                await ws.send(m)
            for _ in batch:
                await ws.recv()
            sent += 2 * sum(len(m) for m in batch)
            i += 16
            if i % 512 == 0:
                await ws.ping(b"bench")


async def main():
    async with serve(echo, "127.0.0.1", PORT, max_size=None, compression="deflate", ssl=SERVER_TLS):
        # Four connections: two compressed, two plain, one after the other so
        # the capture holds several TCP streams.
        kinds = ("deflate",) * 4 if DEFLATE_HEAVY else ("deflate", None, "deflate", None)
        for compression in kinds:
            await client(compression, TARGET // 4)


asyncio.run(main())
