// Node `ws` over `https` (wss://), server and client in one process, on loopback.
// Usage: node wss_demo.js CERT KEY KEYLOG EXPECT [HOST] [PORT]   (default 127.0.0.1 443)
//
// TLS 1.3 only, with the one cipher suite TLS_CHACHA20_POLY1305_SHA256 (the `ciphers`
// option takes TLS 1.3 suite names too). The client trusts the self-signed CERT and
// names the server "localhost" (SNI, Host header) while connecting to HOST.
// The key log is written from the server's 'keylog' event (tls.Server, inherited
// by https.Server): one NSS key log line per event, appended to KEYLOG.
//
// The exchange: the server greets with a text message; the client sends a text,
// a binary, a text message fragmented over three frames (send(d, {fin: false})),
// a ping with a payload (the server's ws answers with a pong), an unsolicited pong
// with a payload, then closes with 1000 and a reason. The server echoes every
// message. The ws client offers permessage-deflate, the ws server declines it, so
// every frame is plain. Every frame sent is recorded in EXPECT (see
// samples/apps/wss_websockets.py for the format).
"use strict";
const fs = require("fs");
const https = require("https");
const tls = require("tls");
const { WebSocketServer, WebSocket } = require("ws");

const [certFile, keyFile, keylogFile, expectFile] = process.argv.slice(2, 6);
const host = process.argv[6] || "127.0.0.1";
const port = Number(process.argv[7] || 443);
const SUITE = "TLS_CHACHA20_POLY1305_SHA256";
const CLOSE_REASON = "node wss sample done";

const messages = [];
function record(from, opcode, payload, extra) {
  const entry = { from, opcode };
  if (opcode === 8) {
    entry.close_code = payload[0];
    entry.close_reason = payload[1];
  } else if (opcode === 1) {
    entry.text = payload.toString();
  } else {
    entry.base64 = Buffer.from(payload).toString("base64");
  }
  messages.push(Object.assign(entry, extra || {}));
}

fs.writeFileSync(keylogFile, "");
const cert = fs.readFileSync(certFile);
const server = https.createServer({
  key: fs.readFileSync(keyFile),
  cert,
  minVersion: "TLSv1.3",
  ciphers: SUITE,
});
server.on("keylog", (line) => fs.appendFileSync(keylogFile, line));

const wss = new WebSocketServer({ server });
wss.on("connection", (sock) => {
  const greeting = "hello from a node wss server";
  sock.send(greeting);
  record("server", 1, greeting);
  sock.on("message", (data, isBinary) => {
    sock.send(data, { binary: isBinary });
    record("server", isBinary ? 2 : 1, data);
  });
  sock.on("ping", (data) => record("server", 10, data, { auto: true }));
});

server.listen(port, host, () => {
  const ws = new WebSocket(`wss://localhost:${port}/chat`, {
    ca: cert,
    ciphers: SUITE,
    minVersion: "TLSv1.3",
    createConnection: (opts) => tls.connect({ ...opts, host, servername: "localhost" }),
  });
  const binary = Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00, 0x01, 0x02, 0x03]);
  const steps = [
    () => { ws.send("hello from node ws over TLS"); record("client", 1, "hello from node ws over TLS"); },
    () => { ws.send(binary); record("client", 2, binary); },
    () => {
      ws.send("fragment one, ", { fin: false });
      ws.send("fragment two, ", { fin: false });
      ws.send("fragment three", { fin: true });
      record("client", 1, "fragment one, fragment two, fragment three", { frames: 3 });
    },
  ];
  let step = 0;
  let tlsInfo = null;
  ws.on("upgrade", (res) => {
    const s = res.socket;
    tlsInfo = { version: s.getProtocol(), cipher: s.getCipher().standardName, resumed: s.isSessionReused() };
  });
  ws.on("message", () => {
    if (step < steps.length) {
      steps[step++]();
    } else {
      ws.ping("ping payload");
      record("client", 9, "ping payload");
    }
  });
  ws.on("pong", () => {
    ws.pong("unsolicited pong");
    record("client", 10, "unsolicited pong");
    setTimeout(() => {
      ws.close(1000, CLOSE_REASON);
      record("client", 8, [1000, CLOSE_REASON]);
      record("server", 8, [1000, CLOSE_REASON], { auto: true });
    }, 50);
  });
  ws.on("close", (code, reason) => {
    console.error(`node wss client closed: ${code} ${reason}; ${JSON.stringify(tlsInfo)}`);
    if (!tlsInfo || tlsInfo.cipher !== SUITE) {
      console.error(`negotiated ${JSON.stringify(tlsInfo)}, wanted ${SUITE}`);
      process.exitCode = 1;
    }
    // one frame per line, spaced like Python's json.dumps (the values are scalars)
    const line = (m) => "{" + Object.entries(m).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(", ") + "}";
    const lines = messages.map((m) => "    " + line(m)).join(",\n");
    fs.writeFileSync(expectFile, [
      "{",
      ' "program": "Node ws client and server over https (samples/apps/node-ws/wss_demo.js)",',
      ' "mode": "tls13-chacha20",',
      ' "permessage_deflate": false,',
      ' "connections": [',
      "  {",
      '   "messages": [',
      lines,
      "   ],",
      `   "tls": ${line(tlsInfo)}`,
      "  }",
      " ]",
      "}",
      "",
    ].join("\n"));
    wss.close();
    server.close();
  });
});
