// Node `ws` server and client in one process, talking over loopback.
// Usage: node ws_demo.js [HOST] [PORT]       (default 127.0.0.1 8080)
//
// The client sends: a text message, a binary message, a text message fragmented
// over three frames (send(data, {fin: false})), a ping with a payload (the
// server's ws answers with a pong), an unsolicited pong with a payload, and
// finally closes with code 4000 and a reason. The server echoes every message.
// Compression: the ws client offers permessage-deflate by default, the ws server
// declines by default (perMessageDeflate is off on servers since ws 8), so all
// frames are plain.
"use strict";
const { WebSocketServer, WebSocket } = require("ws");

const host = process.argv[2] || "127.0.0.1";
const port = Number(process.argv[3] || 8080);

const wss = new WebSocketServer({ host, port });
wss.on("connection", (sock) => {
  sock.on("message", (data, isBinary) => sock.send(data, { binary: isBinary }));
});

wss.on("listening", () => {
  const hostPart = host.includes(":") ? `[${host}]` : host;
  const ws = new WebSocket(`ws://${hostPart}:${port}/chat`);
  const steps = [
    () => ws.send("hello from node ws"),
    () => ws.send(Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00, 0x01, 0x02, 0x03])),
    () => {
      ws.send("fragment one, ", { fin: false });
      ws.send("fragment two, ", { fin: false });
      ws.send("fragment three", { fin: true });
    },
  ];
  let step = 0;
  ws.on("open", () => steps[step++]());
  ws.on("message", () => {
    if (step < steps.length) {
      steps[step++]();
    } else {
      ws.ping("ping payload");
    }
  });
  ws.on("pong", () => {
    ws.pong("unsolicited pong");
    setTimeout(() => ws.close(4000, "custom close: sample finished"), 50);
  });
  ws.on("close", (code, reason) => {
    console.error(`node ws client closed: ${code} ${reason}`);
    wss.close();
  });
});
