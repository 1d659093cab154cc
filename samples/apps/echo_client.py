"""Python `websockets` client for the FastAPI echo endpoint (the course exercise).

Usage: python echo_client.py ws://127.0.0.1:8080/ws

Sends, waiting for each echo before the next:
  1. a short text message
  2. a JSON text message
  3. a binary message
  4. a 300-byte text message           (16-bit extended payload length)
  5. a 65600-byte text message         (64-bit extended payload length)
  6. a ping with a payload             (the server's WebSocket library answers with a pong)
then closes with code 1000 and a reason. Compression is disabled, so every frame is plain.
"""
import asyncio
import json
import sys

from websockets.asyncio.client import connect


async def main(uri: str) -> None:
    long_text = ("The quick brown fox jumps over the lazy dog. " * 8)[:300]
    huge_text = "".join(chr(ord("a") + i % 26) for i in range(65600))
    async with connect(uri, compression=None, ping_interval=None, max_size=2**20) as ws:
        messages = [
            "Hello, WebSocket!",
            json.dumps({"type": "greeting", "course": "networks", "lab": 3, "ok": True}),
            bytes(range(16)),
            long_text,
            huge_text,
        ]
        for message in messages:
            await ws.send(message)
            echo = await ws.recv()
            assert echo == message, "echo differs"
        pong_waiter = await ws.ping(b"are you there?")
        await pong_waiter
        await ws.close(code=1000, reason="exercise finished")
    print("echo client done", file=sys.stderr)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
