"""Python `websockets` server and client over TLS (wss://), in one process.

Usage: python wss_websockets.py MODE --cert CERT --key KEY --keylog KEYS --expect JSON
                                [--host 127.0.0.1] [--port 443] [--want-cipher NAME]

Both sides use an ssl.SSLContext; the client trusts the self-signed CERT (made by
generate_tls.sh, with subjectAltName DNS:localhost and IP:127.0.0.1). The client
connects to HOST but names the server "localhost" (SNI and Host header). Only the
client's context writes the NSS key log (SSLContext.keylog_filename = KEYS), as a
browser would with SSLKEYLOGFILE.

MODE
  tls13              TLS 1.3, no compression. The TLS 1.3 cipher suite cannot be chosen
                     from Python (set_ciphers() only covers TLS 1.2): generate_tls.sh
                     picks it with an OpenSSL config file (OPENSSL_CONF, Ciphersuites =).
  tls13-deflate      TLS 1.3 with permessage-deflate (websockets' default compression).
  tls12              TLS 1.2 (maximum_version), no compression; --tls12-cipher chooses the
                     suite with set_ciphers() on the client (e.g. ECDHE-RSA-AES128-GCM-SHA256).
  tls12-resume-id    TLS 1.2, two connections; the second resumes the first's session by
                     session ID (the server sends no tickets: OP_NO_TICKET).
  tls12-resume-ticket
                     TLS 1.2, two connections; the second resumes with the session ticket
                     (RFC 5077) the server gave the first.

The exchange on every connection (the client waits for each answer before going on):
  server -> client   a text greeting and a 6-byte binary message
  client -> server   text, JSON text, 16-byte binary, 300-byte text (16-bit length),
                     each echoed by the server
  client -> server   17,000-byte binary (longer than one 16,384-byte TLS record);
                     the server answers with a short text
  client -> server   a text message in 3 fragments (websockets adds an empty final
                     frame: 4 frames); the server echoes it the same way
  server -> client   a ping with a payload (the client's library answers with a pong)
  client -> server   a ping with a payload (the server's library answers with a pong)
  client -> server   close 1000 with a reason, echoed by the server
The second connection of the resume modes only sends a text, a binary and the close.

Every frame sent is recorded in JSON (--expect): per connection, in sending order,
{"from": "client"|"server", "opcode", "text" or "base64" (or "close_code" and
"close_reason"; or "length" and "sha256" for a binary payload over 1 KiB),
"frames" when the message was sent in more than one frame,
"auto": true for frames the library sends by itself (pongs, the close echo)}, plus the
TLS version, cipher suite and whether the session was resumed, as the client saw them.
"""
import argparse
import asyncio
import base64
import hashlib
import json
import ssl
import sys

from websockets.asyncio.client import connect
from websockets.asyncio.server import serve
from websockets.exceptions import ConnectionClosed

GREETING = "welcome to the wss:// sample"
SERVER_BYTES = bytes([0xca, 0xfe, 0xba, 0xbe, 0x00, 0xff])
JSON_TEXT = json.dumps({"type": "greeting", "course": "networks", "lab": 4, "tls": True})
LONG_TEXT = ("The quick brown fox jumps over the lazy dog. " * 8)[:300]
FRAGMENTS = ["fragment one, ", "fragment two, ", "fragment three"]
SERVER_PING = b"server ping"
CLIENT_PING = b"client ping"
CLOSE_REASON = "wss sample done"
BIG_SIZE = 17000


def big_binary() -> bytes:
    # deterministic but incompressible: it stays longer than one TLS record
    # even when permessage-deflate is on
    out = bytearray()
    i = 0
    while len(out) < BIG_SIZE:
        out += hashlib.sha256(b"wsdissect %d" % i).digest()
        i += 1
    return bytes(out[:BIG_SIZE])


class Recorder:
    """What each side sends, per connection, in the format of NAME.expect.json."""

    def __init__(self):
        self.connections = []

    def new_connection(self):
        self.connections.append({"messages": []})
        return len(self.connections) - 1

    def add(self, conn, side, opcode, payload, **extra):
        entry = {"from": side, "opcode": opcode}
        if opcode == 8:
            entry["close_code"], entry["close_reason"] = payload
        elif opcode == 1:
            entry["text"] = payload
        elif len(payload) > 1024:
            # keeps the file small: the 17,000-byte message by its length and hash
            entry["length"] = len(payload)
            entry["sha256"] = hashlib.sha256(payload).hexdigest()
        else:
            entry["base64"] = base64.b64encode(payload).decode()
        entry.update(extra)
        self.connections[conn]["messages"].append(entry)


REC = Recorder()


async def server_handler(ws) -> None:
    conn = REC.new_connection()

    async def send(message):
        await ws.send(message)
        if isinstance(message, list):
            # websockets ends a fragmented message with an empty final frame
            REC.add(conn, "server", 1, "".join(message), frames=len(message) + 1)
        else:
            REC.add(conn, "server", 1 if isinstance(message, str) else 2, message)

    await send(GREETING)
    await send(SERVER_BYTES)
    while True:
        try:
            fragments = [f async for f in ws.recv_streaming()]
        except ConnectionClosed:
            break
        whole = "".join(fragments) if isinstance(fragments[0], str) else b"".join(fragments)
        if len(fragments) > 1:
            # echo with the same fragmentation (without the empty final frame,
            # which send() adds again)
            await send([f for f in fragments if f])
            pong = await ws.ping(SERVER_PING)
            REC.add(conn, "server", 9, SERVER_PING)
            await pong
        elif isinstance(whole, bytes) and len(whole) > 16384:
            await send(f"received {len(whole)} bytes, sha256 {hashlib.sha256(whole).hexdigest()[:16]}")
        else:
            await send(whole)


async def client_exchange(ws, conn, short=False) -> None:
    async def send(message):
        await ws.send(message)
        if isinstance(message, list):
            REC.add(conn, "client", 1, "".join(message), frames=len(message) + 1)
        else:
            REC.add(conn, "client", 1 if isinstance(message, str) else 2, message)

    assert await ws.recv() == GREETING
    assert await ws.recv() == SERVER_BYTES
    plan = [JSON_TEXT if short else "hello over TLS", bytes(range(16))]
    if not short:
        plan += [JSON_TEXT, LONG_TEXT]
    for message in plan:
        await send(message)
        assert await ws.recv() == message
    if not short:
        big = big_binary()
        await send(big)
        assert (await ws.recv()).startswith(f"received {len(big)} bytes")
        await send(FRAGMENTS)
        assert await ws.recv() == "".join(FRAGMENTS)
        # the server pings after echoing the fragmented message; the client's
        # library answers: record that pong after the server's ping
        await asyncio.sleep(0.2)
        REC.add(conn, "client", 10, SERVER_PING, auto=True)
        pong = await ws.ping(CLIENT_PING)
        REC.add(conn, "client", 9, CLIENT_PING)
        await pong
        REC.add(conn, "server", 10, CLIENT_PING, auto=True)
    await ws.close(1000, CLOSE_REASON)
    REC.add(conn, "client", 8, (1000, CLOSE_REASON))
    REC.add(conn, "server", 8, (1000, CLOSE_REASON), auto=True)


def server_context(a, mode):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(a.cert, a.key)
    if mode == "tls12-resume-id":
        ctx.options |= ssl.OP_NO_TICKET      # resumption by session ID only
    return ctx


class ResumingContext(ssl.SSLContext):
    """A client context whose next connection offers `session` (asyncio's SSL
    transport calls wrap_bio without one)."""
    session = None

    def wrap_bio(self, incoming, outgoing, server_side=False, server_hostname=None, session=None):
        return super().wrap_bio(incoming, outgoing, server_side, server_hostname,
                                session or self.session)


def client_context(a, mode):
    ctx = ResumingContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.load_verify_locations(a.cert)
    ctx.keylog_filename = a.keylog
    if mode.startswith("tls12"):
        ctx.maximum_version = ssl.TLSVersion.TLSv1_2
        if a.tls12_cipher:
            ctx.set_ciphers(a.tls12_cipher)
    else:
        ctx.minimum_version = ssl.TLSVersion.TLSv1_3
    return ctx


def expect_json(doc) -> str:
    """NAME.expect.json: indented, but one line per frame (and for the TLS facts)."""
    def dump(value, indent):
        pad = " " * indent
        if isinstance(value, dict) and any(isinstance(v, (dict, list)) for v in value.values()):
            items = [f'{pad} {json.dumps(k)}: {dump(v, indent + 1)}' for k, v in value.items()]
            return "{\n" + ",\n".join(items) + f"\n{pad}}}"
        if isinstance(value, list) and value and isinstance(value[0], dict):
            items = [f"{pad} {dump(v, indent + 1)}" for v in value]
            return "[\n" + ",\n".join(items) + f"\n{pad}]"
        return json.dumps(value, ensure_ascii=False)
    return dump(doc, 0) + "\n"


def tls_info(ws):
    obj = ws.transport.get_extra_info("ssl_object")
    return {"version": obj.version(), "cipher": obj.cipher()[0],
            "resumed": obj.session_reused}, obj


async def main(a) -> None:
    mode = a.mode
    compression = "deflate" if mode == "tls13-deflate" else None
    sctx, cctx = server_context(a, mode), client_context(a, mode)
    uri = f"wss://localhost:{a.port}/wss"
    kw = dict(ssl=cctx, host=a.host, port=a.port, server_hostname="localhost",
              compression=compression, ping_interval=None, proxy=None)
    tls = []
    async with serve(server_handler, a.host, a.port, ssl=sctx, ping_interval=None,
                     compression=compression):
        async with connect(uri, **kw) as ws:
            info, obj = tls_info(ws)
            tls.append(info)
            await client_exchange(ws, 0)
            session = obj.session
        if mode.startswith("tls12-resume"):
            await asyncio.sleep(0.2)
            cctx.session = session
            async with connect(uri, **kw) as ws:
                info, _ = tls_info(ws)
                tls.append(info)
                await client_exchange(ws, 1, short=True)
            if not info["resumed"]:
                raise SystemExit(f"{mode}: the second connection was not resumed")
    for conn, info in zip(REC.connections, tls):
        conn["tls"] = info
        if a.want_cipher and info["cipher"] != a.want_cipher:
            raise SystemExit(f"{mode}: negotiated {info['cipher']}, wanted {a.want_cipher}")
    doc = {"program": "Python websockets client and server (samples/apps/wss_websockets.py)",
           "mode": mode, "permessage_deflate": compression is not None,
           "connections": REC.connections}
    with open(a.expect, "w") as f:
        f.write(expect_json(doc))
    print(f"{mode}: done, {[(i['version'], i['cipher'], i['resumed']) for i in tls]}",
          file=sys.stderr)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["tls13", "tls13-deflate", "tls12", "tls12-resume-id",
                                     "tls12-resume-ticket"])
    ap.add_argument("--cert", required=True)
    ap.add_argument("--key", required=True)
    ap.add_argument("--keylog", required=True)
    ap.add_argument("--expect", required=True)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=443)
    ap.add_argument("--tls12-cipher")
    ap.add_argument("--want-cipher")
    asyncio.run(main(ap.parse_args()))
