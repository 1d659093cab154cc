# wsdissect's English messages of the terminal UI's teaching views (keys 1-9:
# titles and explanations). Every id here must exist in the other language's
# file of this area (tests/i18n.rs). Terms: docs/glossary.md.

## The views' names (the title bar of an open view)

view-name-handshake = Handshake
view-name-header = Frame header
view-name-unmask = Unmasking
view-name-message = Message
view-name-summary = Connection
view-name-notes = Notes
view-name-exercise = Exercise
view-name-flow = Flow
view-name-follow = Follow

## Shared by the views

view-bytes = { $n } bytes
view-frame-title = frame #{ $index } in stream { $stream }, { $dir }, packet { $frame }
view-select-frame = select a WebSocket frame
view-not-a-frame-http = The selected row (frame { $no }) is an HTTP head, not a WebSocket frame. Press n to select the next WebSocket frame (the view follows the selection), or Esc to go back to the list.
view-not-a-frame-packet = The selected row (frame { $no }) is a TCP packet, not a WebSocket frame. Press n to select the next WebSocket frame (the view follows the selection), or Esc to go back to the list.
view-no-frames = This capture holds no WebSocket frame. If the connection runs on a port without its handshake in the capture, open it with --ws-port PORT.
view-nothing-selected = Nothing is selected: press Esc and pick a row.

## 1 Handshake

view-hs-none-title = no handshake for this row
view-hs-none-anywhere = Stream { $stream } has no WebSocket opening handshake in this capture, and no other stream has one either. When a capture starts after the connection opened, the handshake is missing: wsdissect then decodes the frames by guess.
view-hs-none-here = Stream { $stream } has no WebSocket opening handshake in this capture. Handshakes are in stream(s) { $streams }: press Esc, then s to pick one.
view-hs-select-row = Select a row of a WebSocket connection first (HTTP upgrade or frame): the handshake shown is the one of the selected row's connection.
view-hs-verdict-refused = refused
view-hs-verdict-ok = Accept ✓
view-hs-verdict-wrong = Accept ✗
view-hs-verdict-unchecked = Accept not checked
view-hs-no-answer = no answer
view-hs-title = stream { $stream }: GET { $path } → { $status }, { $verdict }
view-hs-intro = The client asks, in plain HTTP/1.1, to turn this TCP connection into a WebSocket (RFC 6455 §4). A server that accepts answers 101 Switching Protocols and proves it understood by answering the client's key; any other answer refuses. ★ marks the headers WebSocket uses.
view-hs-status = status { $status }
view-hs-refused = This server refused: it answered { $line }, not 101 Switching Protocols. The connection stays plain HTTP and no WebSocket frame follows; the client handles the answer as HTTP (§4.1, §4.2.2).
view-hs-request = Request — frame { $frame }{ $ends }, { $len } bytes
view-hs-request-at = Request — frame { $frame }
view-hs-request-missing = (the request's head is not in the model)
view-hs-later = , { $ms } ms later
view-hs-response = Response — frame { $frame }, { $len } bytes{ $later }
view-hs-response-at = Response — frame { $frame }
view-hs-response-missing = (the response's head is not in the model)
view-hs-response-none-title = Response
view-hs-response-none = The capture holds no answer to this request: the server did not answer, or the capture stopped too early.
view-hs-negotiated = Negotiated
view-hs-subprotocol = Subprotocol
view-hs-extension = Extension
view-hs-deflate = permessage-deflate: data frames whose RSV1 bit is set carry DEFLATE-compressed messages (RFC 7692). Press 4 on such a frame to see a message decompressed.
view-hs-refusal-body = Why, in the server's words (its { $len }-byte body; 4 shows it all)

## 1 Handshake: what each WebSocket header says

view-hs-upgrade-request = asks to switch this TCP connection to WebSocket (§4.1)
view-hs-upgrade-response = confirms the switch to WebSocket (§4.2.2)
view-hs-upgrade-other = names another protocol than "websocket": no WebSocket upgrade (§4.1)
view-hs-connection-upgrade = "Upgrade" says the Upgrade header is meant for this hop (§4.1)
view-hs-connection-close = "close": the sender closes the TCP connection after this message (RFC 9112 §9.6); no switch of protocol
view-hs-connection-keep-alive = "keep-alive": the TCP connection stays open for more HTTP requests; no switch of protocol
view-hs-connection-other = hop-by-hop options; without "Upgrade" there is no switch of protocol (§4.1)
view-hs-key = 16 random bytes in base64: the server must prove it read them (§4.1)
view-hs-version-response = the versions the server speaks, sent when it refuses another one (§4.2.2, §4.4)
view-hs-version = the protocol version: 13, the only one RFC 6455 defines (§4.1)
view-hs-version-wrong = ✗ version "{ $value }": RFC 6455 requires 13; a server MUST refuse and name the versions it speaks (§4.1, §4.2.2)
view-hs-accept-wrong = ✗ not base64(SHA-1(key + GUID)) of this key: worked out below (§4.2.2)
view-hs-accept = the proof: base64(SHA-1(key + GUID)), worked out below (§4.2.2)
view-hs-protocol-request = application subprotocols the client speaks (§1.9)
view-hs-protocol-response = the one subprotocol the server picked (§4.2.2)
view-hs-extensions-request = extensions offered, e.g. permessage-deflate compression (§9, RFC 7692)
view-hs-extensions-response = the extensions in effect from now on (§9.1)
view-hs-origin = the web page's origin: servers check it against cross-site use (§10.2)

## 1 Handshake: the Accept step by step (the course's steps, as `wsdissect accept` numbers them)

view-accept-title = The Accept, step by step (RFC 6455 §4.2.2)
view-accept-title-refused = The Accept the server would have sent (RFC 6455 §4.2.2)
view-accept-no-key = The request has no usable Sec-WebSocket-Key, so there is nothing to compute: a server MUST refuse such a request (§4.2.1).
view-accept-no-key-refused = This one did: { $answer }.
view-accept-step-key = 1. The key the client sent:
view-accept-key-bytes = (base64 of { $len } random bytes: { $hex }; the server does not decode it, it hashes the text)
view-accept-step-glue = 2. Append the fixed GUID every server knows:
view-accept-step-sha1 = 3. SHA-1 of that text gives 20 bytes, here in hex:
view-accept-step-base64 = 4. base64 of those 20 bytes (of the bytes, not of the hex text):
view-accept-step-compare = 5. Compare with the server's Sec-WebSocket-Accept:
view-accept-refused = Nothing to compare: the server refused with { $answer } instead of 101, and a refusal carries no Accept. No WebSocket connection was opened (§4.2.2).
view-accept-on-refusal = ! Yet it sent Sec-WebSocket-Accept: { $accept } — an Accept belongs only in a 101 (see the note).
view-accept-missing = ✗ The response has no Sec-WebSocket-Accept header: the client MUST fail the connection (§4.1).
view-accept-match = ✓ They match: the server read the key, so it really speaks WebSocket.
view-accept-differ = ✗ They differ (from character { $pos }): a client MUST fail the connection (§4.1). Expected { $expected }.

## 2 Frame header (the rest is worded as `wsdissect frame` words it: `frame-*`, `op-*`)

view-header-rsv-other-set = { $bit } = 1: no negotiated extension defines it: a protocol error (§5.2).
view-header-rsv1-continuation = RSV1 = 0, yet this frame is compressed: permessage-deflate sets RSV1 only on the first frame of a compressed message (RFC 7692 §6.1). This continuation carries more DEFLATE data of that message; the payloads of all its frames are joined, then inflated (press 3 for the steps).
view-header-opcode = opcode = { $label } = { $hex }: { $meaning }.
view-header-mask-1 = MASK = 1: the payload is XORed with the 4-byte masking key below. Every frame from a client MUST be masked, so that a browser cannot be made to send chosen bytes to a proxy (§5.3, §10.3). Press 3 to see the unmasking.
view-header-len7 = payload len = { $len7 }: values 0–125 are the length itself, so the payload is { $len } bytes and no extended length follows. 126 would mean "a 16-bit length follows", 127 "a 64-bit length follows".
view-header-in-all = In all
view-header-header = header:
view-header-totals = payload: { $payload } bytes — { $wire } bytes on the wire, of which the header is { $share }.

## 3 Unmasking

view-unmask-server = This frame goes from the server to the client, and servers never mask: MASK is 0 and the payload bytes on the wire are the data itself (RFC 6455 §5.1).
view-unmask-client-unmasked = ✗ This client frame is not masked. A client MUST mask every frame it sends, and a server MUST close the connection when it receives an unmasked frame (§5.1).
view-unmask-why = Masking exists so that a script in a browser cannot make the bytes on the wire predictable and trick a proxy that does not understand WebSocket (§10.3). Select a client → server frame (arrow →) to see a masked payload.
view-unmask-as-sent = Payload bytes as sent
view-unmask-intro = A client masks every frame: each payload byte i is XORed with byte i mod 4 of the masking key from the header (RFC 6455 §5.3). XOR twice with the same key gives back the original, so the receiver runs the very same operation to unmask.
view-unmask-tls = This frame travelled inside TLS (wss://): "on the wire" below means inside the decrypted TLS records. Masking is required over TLS too, although no proxy can read the bytes there (§5.1, §10.3).
view-unmask-key = Masking key
view-unmask-empty = This frame has no payload: there is nothing to unmask (the key is still sent).
view-unmask-not-captured = The payload bytes of this frame are not in the capture, so they cannot be shown.
view-unmask-byte0 = Byte 0, bit by bit
view-unmask-byte0-wire = byte 0 as on the wire
view-unmask-xor-rule = (1 where the bits differ)
view-unmask-table = Byte by byte ({ $shown } of { $len } payload bytes)
view-unmask-col-wire = wire
view-unmask-col-payload = payload
view-unmask-col-char = char
view-unmask-rest = … and the remaining { $rest } bytes the same way, the key repeating every 4 bytes.

## 3 Unmasking, then inflating (permessage-deflate)

view-inflate-title = Then: inflate (permessage-deflate, RFC 7692 §7.2.2)
view-inflate-first = { $masked ->
    [yes] The unmasked bytes
   *[no] The payload bytes
} are DEFLATE data, not text yet: RSV1 is set on the first frame of a compressed message (RFC 7692 §6.1).
view-inflate-continuation = { $masked ->
    [yes] The unmasked bytes
   *[no] The payload bytes
} are DEFLATE data, not text yet: this continuation belongs to a compressed message, and RSV1 is set only on the message's first frame (RFC 7692 §6.1).
view-inflate-incomplete = The message this frame starts is not complete in the capture, so it is not inflated.
view-inflate-step-one = 1. This frame's payload, { $len } bytes:
view-inflate-this-one = {" "}(this one)
view-inflate-step-join = 1. Join the payloads of the message's { $frames } frames, { $len } bytes in all:
view-inflate-this-frames = this frame's: { $hex }
view-inflate-step-tail = 2. Append 00 00 ff ff, which the sender removed (§7.2.1):
view-inflate-tail-why = (the end of an empty stored DEFLATE block: it ends the message on a byte boundary)
view-inflate-step-inflate = 3. Inflate, with the window of this direction's earlier messages unless
view-inflate-step-inflate-2 = no_context_takeover was agreed:
view-inflate-step-message = 4. The message:
view-inflate-press-4 = (press 4 for the whole message)
view-inflate-failed = ✗ It did not inflate: the notes (6) say why (a gap, or a context that was lost).

## 6 Notes

view-notes-title = { $notes } notes: { $errors } error, { $warnings } warning, { $infos } info
view-notes-none = No notes: wsdissect found no RFC 6455 violation and no capture problem (gap, retransmission that differs, capture started mid-connection) in this capture.
view-notes-markers = Rows with notes get a marker in the first column of the list: ✗ error, ! warning, i info.
view-notes-keys = ↑/↓ select a note, Enter goes to its row. Rows with notes are marked in the list: ✗ error, ! warning, i info.
view-notes-error = Error
view-notes-warning = Warning
view-notes-info = Info
view-notes-at-frame-stream = frame { $frame }, stream { $stream }
view-notes-at-frame = frame { $frame }
view-notes-at-stream = stream { $stream }
view-notes-at-capture = capture

## 7 Exercise (its checklist is worded by `wsdissect exercise`: `exercise-*` in the main file)

view-exercise-title = { $found }/{ $items } · stream { $stream }

## 4 Message: a control frame, or a frame without a message

view-msg-frame-title = frame #{ $index } ({ $opcode }) in stream { $stream }
view-msg-control = This is a control frame: control frames are never part of a message. They may arrive between the fragments of a message, carry at most 125 bytes and are never fragmented (RFC 6455 §5.5).
view-msg-its-payload = Its payload
view-msg-close-code = Status code
view-msg-close-reason = Reason
view-msg-close-empty = No status code: the close frame is empty (allowed).
view-msg-empty = Empty.
view-msg-bytes = Bytes
view-msg-text = Text
view-msg-ping = The other side must answer with a pong carrying the same bytes (§5.5.2).
view-msg-pong = Answers the ping in frame { $frame }, { $ms } ms later.
view-msg-no-message = This data frame is not part of a complete message in the capture (a fragment whose start or end is missing, or data after a gap).

## 4 Message

view-msg-title = #{ $index } { $opcode }, { $dir }, stream { $stream }
view-msg-made-of = Made of { $frames } { $frames ->
    [one] frame
   *[other] frames
}
view-msg-more-frames = … { $more } more frames
view-msg-packet = packet
view-msg-fragments = The first frame has the opcode (text or binary) and FIN = 0; continuation frames (opcode 0) follow; the last one has FIN = 1 (§5.4). The payloads are joined in order.
view-msg-size = Size
view-msg-on-the-wire = On the wire
view-msg-wire-deflate = { $len } bytes (DEFLATE data, RSV1 set)
view-msg-decompressed = Decompressed
view-msg-ratio = Ratio
view-msg-ratio-value = { $ratio } — the wire carries { $share } of the content
view-msg-deflate = permessage-deflate (RFC 7692) compresses each message; the sender drops the final 00 00 ff ff of the DEFLATE block and the receiver adds it back before inflating.
view-msg-context-takeover = So few bytes for so much text: the compressor refers back to earlier messages it sent on this connection ("context takeover"), so a repeated message costs only a few bytes.
view-msg-payload = Payload
view-msg-utf8-valid = ✓ valid
view-msg-utf8-invalid = ✗ not valid UTF-8: a receiver MUST fail the connection (§8.1)
view-msg-incomplete = ! Incomplete: bytes are missing (a gap in the capture, a cap on stored payload, or a decompression error); what is shown is what could be recovered.

## 4 Message: an HTTP head and its body

view-http-title = { $line }, { $dir }, stream { $stream }
view-http-head = Head
view-http-start-line = Start line
view-http-head-value = { $len } bytes, { $headers } { $headers ->
    [one] header
   *[other] headers
}, in { $packets ->
    [one] packet
   *[other] packets
} { $frames }
view-http-body = Body
view-http-no-body-request = This request has no body (a GET carries none): the head is the whole message.
view-http-no-body-response = This response has no body: the head is the whole message.
view-http-not-given = (not given)
view-http-unchunked = chunked transfer coding removed (RFC 9112 §7.1)
view-http-decoded-encoding = Content-Encoding: { $encoding } undone (RFC 9110 §8.4.1)
view-http-decoded = Decoded
view-http-sent-as-is = { $len } bytes (sent as is)
view-http-decoded-steps = { $len } bytes: { $steps }
view-http-not-kept = Not kept
view-http-not-kept-value = { $len } more bytes (over --max-payload)
view-http-complete = Complete
view-http-whole-body = ✓ the whole body
view-http-bytes-missing = bytes are missing
view-http-incomplete = ! Incomplete: { $problem }; what is shown is what could be recovered.

## 4 Message: the content

view-content = Content
view-content-json = Content (JSON, pretty-printed; key order as sent)
view-content-cut-lines = … (cut: the view shows the first lines)
view-content-typed-text = Content ({ $kind }, as text)
view-content-text = Content (text)
view-content-cut-bytes = … (cut: { $len } bytes in all)
view-content-empty = (empty, or not recovered)
view-content-binary = Content ({ $len } bytes of binary data, hex and ASCII)
view-content-more-bytes = … { $more } more bytes

## 5 Connection

view-sum-no-connection = This capture holds no TCP connection (or none has been read yet), so there is nothing to sum up.
view-sum-proto-guessed = WebSocket (guessed, no handshake)
view-sum-proto-tls-decrypted = TLS (decrypted)
view-sum-proto-http2 = HTTP/2 (not decoded)
view-sum-proto-tls = TLS (encrypted)
view-sum-proto-other = other
view-sum-proto-empty = no payload
view-sum-proto-loading = (still loading)
view-sum-over-tls = {" "}over TLS (decrypted)
view-sum-title = stream { $stream }: { $client } → { $server }, { $proto }
view-sum-title-no-ends = stream { $stream }, { $proto }
view-sum-loading = (The capture is still being read: the connection's totals appear when it is over.)
view-sum-by-layer = Bytes by layer
view-sum-col-client-to-server = client→server
view-sum-col-server-to-client = server→client
view-sum-col-total = total
view-sum-row-http = HTTP heads (handshake)
view-sum-row-ws-headers = WebSocket frame headers
view-sum-row-ws-payload = WebSocket payload (wire)
view-sum-row-tcp-payload = TCP payload (reassembled)
view-sum-row-tls-records = TLS records
view-sum-row-tls-decrypted = decrypted
view-sum-row-tcp-packets = TCP packets
view-sum-row-ws-frames = WebSocket frames
view-sum-row-messages = Data messages
view-sum-row-compressed = compressed messages
view-sum-row-compressed-wire = their bytes on the wire
view-sum-row-decompressed = their bytes decompressed
view-sum-row-gaps = Bytes missing (gaps)
view-sum-row-retransmissions = Retransmissions

## 5 Connection: its TLS and the key log

view-tls-decrypted-title = TLS: decrypted with the key log
view-tls-encrypted-title = TLS: encrypted, not decrypted
view-tls-version = Version
view-tls-cipher-suite = Cipher suite
view-tls-server-name = Server name
view-tls-handshake = Handshake
view-tls-records = Records
view-tls-version-unknown = unknown (no ServerHello in the capture)
view-tls-unknown = unknown
view-tls-sni = { $name } (SNI: sent in clear in the ClientHello)
view-tls-no-sni = none sent (no SNI)
view-tls-alpn-none = none offered
view-tls-alpn-chosen-only = none offered, { $chosen } chosen
view-tls-alpn = offered { $offered }; chosen: { $chosen }
view-tls-alpn-nothing = none
view-tls-resumed = resumed: the keys come from an earlier session
view-tls-full = full
view-tls-records-value = client { $client } ({ $client_decrypted } decrypted), server { $server } ({ $server_decrypted } decrypted)
view-tls-bad-records = ✗ { $client } record(s) client→server and { $server } server→client failed to authenticate: their bytes are missing from what follows (see the notes, 6).
view-tls-key-log = The key log is a text file of secrets: with SSLKEYLOGFILE set, the browser (or any program using the same TLS library) writes one line per secret it agrees on, each tagged with the random number its ClientHello sent. wsdissect found this connection's random in the file and, as Wireshark does, derived the keys of both directions from these lines:
view-tls-without-keys = Without them you would see only encrypted TLS records: their sizes and their timing, but no HTTP head and no WebSocket frame. Everything this connection's rows show, and every number below, is the decrypted content. Anyone who holds the key log can read the traffic: keep it as secret as a password.
view-tls-not-decrypted = ✗ Not decrypted: { $reason }.
view-tls-what-to-do = What to do: { $advice }.
view-tls-nothing-to-decrypt = No record of this connection needed decrypting.
view-tls-encrypted = All there is to see, then, are encrypted TLS records: their sizes and their timing. What they carry (for wss://, the HTTP upgrade and the WebSocket frames) is inside them, which is why this connection has no HTTP or WebSocket row. A key log is the file of secrets a browser writes when SSLKEYLOGFILE names one; given with --keylog (or inside a pcapng), it lets wsdissect, like Wireshark, decrypt the records.

## 5 Connection: the course's overhead argument with this connection's numbers

view-arg-title = HTTP headers can be kilobytes, frame headers are 2–14 bytes
view-arg-no-frames = No WebSocket frame on this connection, so there is nothing to compare: pick a WebSocket connection with s.
view-arg-frame-headers = Frame headers: { $hdr } bytes for { $frames } frames, { $avg } bytes per frame on average, { $share } of everything WebSocket sent ({ $payload } bytes of payload).
view-arg-response-head = , response { $len } bytes
view-arg-heads = The handshake's HTTP heads: request { $request } bytes{ $response }. They are sent once; every message after them costs only a frame header.
view-arg-with-responses = ; with a response head each, { $msgs } × { $both } = { $total } bytes ({ $ratio })
view-arg-as-requests = Had each of the { $msgs } messages been its own HTTP request with a head like this one, the heads alone would cost { $msgs } × { $request } = { $total } bytes ({ $ratio } the { $hdr } bytes of frame headers){ $with_responses }.
view-arg-other-heads = {" "}({ $len } bytes of other HTTP heads)
view-arg-no-handshake = No handshake in the capture for this connection{ $other }; a typical browser request head is 400–2000 bytes, cookies included.

## 5 Connection: ping and pong

view-ping-title = Ping and pong
view-ping-counts = { $pings } ping(s) (client { $client }, server { $server }), { $pongs } pong(s). A pong echoes its ping's data; the time between them is a round trip (§5.5.2).
view-ping-no-pong = No pong in the capture answers a ping.
view-ping-round-trips = Round trips
view-ping-rtt = { $count }: min { $min } ms, average { $avg } ms, max { $max } ms
view-ping-pong-in = pong in frame { $frame }: { $ms } ms
view-ping-more = … { $more } more

## 5 Connection: how it closed

view-close-title = How it closed
view-close-no-code = no status code
view-close-first = { $who ->
    [client] The client
   *[server] The server
} sent the first close frame (frame { $frame }): { $code } "{ $reason }".
view-close-answered = ✓ { $who ->
    [client] The client
   *[server] The server
} answered with its own close frame (frame { $frame }): a clean closing handshake (§7.1.2).
view-close-unanswered = ✗ { $who ->
    [client] The client
   *[server] The server
} never answered with a close frame in the capture.
view-close-none = No close frame: the connection ended without a WebSocket closing handshake (or the capture stopped before it).
view-close-tcp-reset = TCP: the connection was reset (RST).
view-close-tcp-both-fin = TCP: both sides sent FIN: an orderly close.
view-close-tcp-client-fin = TCP: only the client sent FIN in the capture.
view-close-tcp-server-fin = TCP: only the server sent FIN in the capture.
view-close-tcp-open = TCP: no FIN in the capture: the connection was still open.

## 8 Flow (the arrows' labels keep Wireshark's words: opcode names, TCP flags, Len=)

view-no-connection-title = no connection
view-flow-no-connection = Select a row of a TCP connection first (Esc, then pick a row): the flow shows that row's connection.
view-flow-per-unit = one arrow per HTTP head / WebSocket frame
view-flow-per-packet = one arrow per packet
view-flow-title = stream { $stream }: { $mode } · arrow { $arrow }/{ $arrows } · m switches, Enter selects
view-flow-client = client
view-flow-server = server
view-flow-time = Time
view-flow-no-units = This connection has no HTTP head or WebSocket frame: press m for its packets.
view-flow-no-packets = No packet of this connection is loaded yet.
view-flow-text-compressed = Text { $len } B compressed
view-flow-no-fin = (no FIN)
view-flow-not-tcp = not TCP
view-flow-segment-of = segment of { $unit }
view-flow-no-flags = no flags

## 9 Follow

view-follow-mode-tcp = TCP stream
view-follow-mode-tls = decrypted TLS stream
view-follow-mode-chat = chat transcript
view-follow-title = stream { $stream }: { $mode } · m: next mode (TCP, decrypted TLS, chat)
view-follow-no-connection = Select a row of a TCP connection first (Esc, then pick a row): Follow shows that row's connection.
view-follow-legend-tcp = what TCP delivered, in order; not printable: .
view-follow-legend-tls = what each side wrote inside TLS
view-follow-legend-chat = one entry per message; control frames small
view-follow-empty-tcp = No byte of payload in this connection (yet).
view-follow-empty-tls = Stream { $stream } has no bytes decrypted from TLS: either it is not TLS (its TCP stream, m, is the plaintext) or there were no keys for it (open the capture with --keylog; 5 says why).
view-follow-empty-chat = Stream { $stream } has no WebSocket message or HTTP head.
view-follow-gap = [{ $len } bytes missing from { $dir } at offset { $offset }: not in the capture]
view-follow-frame = frame { $frame }
view-follow-frames = frames { $first }–{ $last }
view-follow-run = { $frames }, { $len } bytes at offset { $offset }
view-follow-unit = frame { $frame }, { $len } bytes
view-follow-chat-client = client →
view-follow-chat-server = ← server
view-follow-compressed = (compressed, { $len } B on the wire)
view-follow-incomplete = (incomplete)
