#!/usr/bin/env python3
"""Real WebSocket traffic for the benchmark: a Python `websockets` echo server
and clients on 127.0.0.1, mixed message sizes, some connections compressed
(permessage-deflate), until about TARGET bytes of payload crossed the wire.

Usage: traffic.py PORT TARGET_BYTES
"""
import asyncio
import json
import os
import random
import sys

import websockets
from websockets.asyncio.client import connect
from websockets.asyncio.server import serve

PORT = int(sys.argv[1])
TARGET = int(sys.argv[2])
rng = random.Random(6455)


async def echo(ws):
    async for msg in ws:
        await ws.send(msg)


def message(i):
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
    async with connect(f"ws://127.0.0.1:{PORT}/bench", compression=compression, max_size=None) as ws:
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
    async with serve(echo, "127.0.0.1", PORT, max_size=None, compression="deflate"):
        # Four connections: two compressed, two plain, one after the other so
        # the capture holds several TCP streams.
        for compression in ("deflate", None, "deflate", None):
            await client(compression, TARGET // 4)


asyncio.run(main())
