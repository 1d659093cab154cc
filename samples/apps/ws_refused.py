"""Refused WebSocket upgrades: a Python `websockets` server that says no, three ways.

Usage: python ws_refused.py [HOST] [PORT]     (default 127.0.0.1 8080)

The server accepts only the origin http://127.0.0.1:8080 (`origins=`), so
1. a `websockets` client sending `Origin: http://attacker.example` gets
   403 Forbidden (RFC 6455 §4.2.2 / §10.2: a server may refuse an origin);
2. a client speaking protocol version 8 (an old hybi draft) gets
   426 Upgrade Required with `Sec-WebSocket-Version: 13` (§4.2.2, §4.4);
3. a client sending no Sec-WebSocket-Key gets 400 Bad Request (§4.2.1).
Clients 2 and 3 write their requests by hand (no library sends such heads).
Each connection is closed by the server after its answer. No WebSocket frame
is sent in the whole capture.
"""
import asyncio
import sys

from websockets.asyncio.client import connect
from websockets.asyncio.server import serve
from websockets.exceptions import InvalidStatus

ALLOWED = "http://127.0.0.1:8080"


async def echo(ws) -> None:
    async for message in ws:
        await ws.send(message)


async def raw_request(host: str, port: int, head: str) -> str:
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(head.encode())
    await writer.drain()
    answer = await reader.read()        # until the server closes
    writer.close()
    await writer.wait_closed()
    return answer.decode(errors="replace").split("\r\n", 1)[0]


async def main(host: str, port: int) -> None:
    async with serve(echo, host, port, origins=[ALLOWED], ping_interval=None):
        uri = f"ws://{host}:{port}/ws"
        try:
            async with connect(uri, origin="http://attacker.example", ping_interval=None):
                sys.exit("the server accepted a foreign origin")
        except InvalidStatus as e:
            print("origin refused:", e.response.status_code, file=sys.stderr)
        await asyncio.sleep(0.1)
        old = raw_request(host, port,
                          f"GET /ws HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
                          "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                          f"Origin: {ALLOWED}\r\nSec-WebSocket-Version: 8\r\n\r\n")
        print("version 8:", await old, file=sys.stderr)
        await asyncio.sleep(0.1)
        nokey = raw_request(host, port,
                            f"GET /ws HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
                            f"Connection: Upgrade\r\nOrigin: {ALLOWED}\r\n"
                            "Sec-WebSocket-Version: 13\r\n\r\n")
        print("no key:", await nokey, file=sys.stderr)
        await asyncio.sleep(0.2)


if __name__ == "__main__":
    args = sys.argv[1:]
    asyncio.run(main(args[0] if args else "127.0.0.1", int(args[1]) if len(args) > 1 else 8080))
