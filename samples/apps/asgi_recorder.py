"""ASGI wrapper around the FastAPI echo app that records every WebSocket message.

Run with:  WSDISSECT_EXPECT=out.expect.json uvicorn asgi_recorder:app --ws websockets ...

Used by the TLS browser sample (generate_tls.sh): the browser's JavaScript sends, the
app echoes, and this wrapper writes what crossed the ASGI interface, per WebSocket
connection, in the format of samples/NAME.expect.json (see apps/wss_websockets.py):
client messages as the app received them (after permessage-deflate, if any, was
undone), server messages as the app sent them, and the close handshake. The file is
rewritten after every message, so it is complete when the connection closes.
"""
import base64
import json
import os

from fastapi_echo import app as echo_app

OUT = os.environ["WSDISSECT_EXPECT"]
DOC = {"program": "headless Chromium (apps/page.html) and the FastAPI echo app on uvicorn "
                  "(apps/fastapi_echo.py, recorded by apps/asgi_recorder.py)",
       "mode": "browser", "permessage_deflate": None, "connections": []}


def entry(side, opcode, text=None, data=None, **extra):
    e = {"from": side, "opcode": opcode}
    if text is not None:
        e["text"] = text
    elif data is not None:
        e["base64"] = base64.b64encode(data).decode()
    e.update(extra)
    return e


def save():
    lines = ["{"]
    for k in ("program", "mode", "permessage_deflate"):
        lines.append(f" {json.dumps(k)}: {json.dumps(DOC[k])},")
    lines.append(' "connections": [')
    conns = []
    for c in DOC["connections"]:
        msgs = ",\n".join("    " + json.dumps(m, ensure_ascii=False) for m in c["messages"])
        conns.append('  {\n   "messages": [\n' + msgs + "\n   ]\n  }")
    lines.append(",\n".join(conns))
    lines.append(" ]")
    lines.append("}")
    with open(OUT, "w") as f:
        f.write("\n".join(lines) + "\n")


async def app(scope, receive, send):
    if scope["type"] != "websocket":
        return await echo_app(scope, receive, send)
    conn = {"messages": []}
    DOC["connections"].append(conn)
    # uvicorn (ws_per_message_deflate=True, its default) accepts an offered permessage-deflate
    offer = dict(scope["headers"]).get(b"sec-websocket-extensions", b"")
    DOC["permessage_deflate"] = b"permessage-deflate" in offer
    msgs = conn["messages"]

    async def recording_receive():
        m = await receive()
        if m["type"] == "websocket.receive":
            msgs.append(entry("client", 1 if m.get("text") is not None else 2,
                              m.get("text"), m.get("bytes")))
        elif m["type"] == "websocket.disconnect":
            code, reason = m.get("code", 1005), m.get("reason") or ""
            # the client closed; uvicorn's websockets protocol echoes its close frame
            msgs.append(entry("client", 8, close_code=code, close_reason=reason))
            msgs.append(entry("server", 8, close_code=code, close_reason=reason, auto=True))
        save()
        return m

    async def recording_send(m):
        if m["type"] == "websocket.send":
            msgs.append(entry("server", 1 if m.get("text") is not None else 2,
                              m.get("text"), m.get("bytes")))
        save()
        await send(m)

    await echo_app(scope, recording_receive, recording_send)
