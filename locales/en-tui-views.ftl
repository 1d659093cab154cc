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

view-dir-client-to-server = client → server
view-dir-server-to-client = server → client
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
