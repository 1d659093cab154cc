"""Python `websockets` server and client with permessage-deflate, in one process.

Usage: python ws_deflate.py MODE [HOST] [PORT]     (default 127.0.0.1 8080)

MODE
  deflate      default compression (permessage-deflate with context takeover);
               the same JSON message is sent several times, so later copies
               compress to a few bytes that only decode with the earlier context.
  fragmented   compression on; messages are sent fragmented (websockets sends an
               iterable of str as one message in several frames; the first frame
               carries RSV1). The server echoes fragment by fragment, so frames are
               fragmented in both directions.
  no-context   server_no_context_takeover and client_no_context_takeover
               negotiated; repeated messages compress to the same bytes each time.
The server echoes every message; the client closes with 1000 and a reason.
"""
import asyncio
import json
import sys

from websockets.asyncio.client import connect
from websockets.asyncio.server import serve
from websockets.extensions.permessage_deflate import (
    ClientPerMessageDeflateFactory,
    ServerPerMessageDeflateFactory,
)

TICK = json.dumps({"type": "tick", "symbol": "WSDX", "price": 101.25, "currency": "EUR",
                   "exchange": "loopback", "note": "the same message again and again"})


async def echo(ws) -> None:
    async for message in ws:
        await ws.send(message)


async def echo_fragments(ws) -> None:
    # Echo each message with the same fragmentation it arrived with.
    while True:
        try:
            fragments = [f async for f in ws.recv_streaming()]
        except Exception:
            return
        await ws.send(fragments)


def settings(mode):
    if mode == "no-context":
        server = dict(compression=None, extensions=[ServerPerMessageDeflateFactory(
            server_no_context_takeover=True, client_no_context_takeover=True)])
        client = dict(compression=None, extensions=[ClientPerMessageDeflateFactory(
            server_no_context_takeover=True, client_no_context_takeover=True)])
        return server, client
    return dict(compression="deflate"), dict(compression="deflate")


async def main(mode: str, host: str, port: int) -> None:
    server_kw, client_kw = settings(mode)
    handler = echo_fragments if mode == "fragmented" else echo
    async with serve(handler, host, port, ping_interval=None, **server_kw):
        uri = f"ws://{host}:{port}/" if ":" not in host else f"ws://[{host}]:{port}/"
        async with connect(uri, ping_interval=None, **client_kw) as ws:
            if mode == "fragmented":
                # the same message twice, so the second one is compressed
                # against the context left by the first
                batches = [
                    [TICK[:40], TICK[40:80], TICK[80:]],
                    [TICK[:40], TICK[40:80], TICK[80:]],
                ]
                for fragments in batches:
                    await ws.send(fragments)
                    echoed = "".join([f async for f in ws.recv_streaming()])
                    assert echoed == "".join(fragments)
            else:
                for message in [TICK, TICK, TICK, "something different", TICK]:
                    await ws.send(message)
                    assert await ws.recv() == message
            await ws.close(1000, f"{mode} sample done")
    print(f"{mode}: done", file=sys.stderr)


if __name__ == "__main__":
    mode = sys.argv[1]
    host = sys.argv[2] if len(sys.argv) > 2 else "127.0.0.1"
    port = int(sys.argv[3]) if len(sys.argv) > 3 else 8080
    asyncio.run(main(mode, host, port))
