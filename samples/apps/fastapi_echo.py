"""The course exercise: a FastAPI WebSocket echo endpoint.

Run with:  uvicorn fastapi_echo:app --ws websockets --host 127.0.0.1 --port 8080
GET /      serves page.html (used by the headless-browser sample)
WS  /ws    echoes every text and binary message back unchanged
"""
import sys
from pathlib import Path

from fastapi import FastAPI, WebSocket, WebSocketDisconnect
from fastapi.responses import HTMLResponse

app = FastAPI()
PAGE = Path(__file__).with_name("page.html")


@app.get("/")
async def index() -> HTMLResponse:
    return HTMLResponse(PAGE.read_text())


@app.websocket("/ws")
async def echo(websocket: WebSocket) -> None:
    await websocket.accept()
    try:
        while True:
            message = await websocket.receive()
            if message["type"] == "websocket.disconnect":
                # generate.sh waits for this line before it stops the browser.
                print(f"wsdissect-sample: websocket closed, code {message.get('code')}",
                      file=sys.stderr, flush=True)
                break
            if message.get("text") is not None:
                await websocket.send_text(message["text"])
            elif message.get("bytes") is not None:
                await websocket.send_bytes(message["bytes"])
    except WebSocketDisconnect:
        pass
