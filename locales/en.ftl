# wsdissect's English messages. Every id here must exist in fi.ftl too
# (tests/i18n.rs). Terms: docs/glossary.md.

## Common words

severity-error = error
severity-warning = warning
severity-info = info
dir-client-to-server = client→server
dir-server-to-client = server→client
ok-mark = ✓
bad-mark = ✗
cannot-read = cannot read { $file }: { $error }

## wsdissect accept

accept-title = Sec-WebSocket-Accept step by step (RFC 6455 §4.2.2)
accept-step-key = 1. The key the client sent (Sec-WebSocket-Key): { $key }
accept-key-ok = base64 of { $len } bytes, as it must be (16 random bytes, RFC 6455 §4.1): { $hex }
accept-key-wrong-len = ✗ base64 of { $len } bytes; a key must be the base64 of 16 random bytes (RFC 6455 §4.1), so a server must refuse it
accept-key-not-base64 = ✗ not valid base64 ({ $error }); a key must be the base64 of 16 random bytes (RFC 6455 §4.1), so a server must refuse it
accept-step-glue = 2. The key and the GUID glued together (the key's text, not its decoded bytes):
accept-step-sha1 = 3. SHA-1 of that text (20 bytes) in hex:
accept-step-base64 = 4. Those 20 bytes in base64, the value the server answers with:
accept-answer = Sec-WebSocket-Accept: { $accept }
accept-given = Given (--accept): { $given }
accept-equal = ✓ equal: this answer proves the server read this key
accept-different = ✗ different from character { $pos }: expected { $expected_char }, given { $given_char }
accept-different-length = ✗ different: the given value is { $given_len } characters, the expected one { $expected_len }; they agree up to character { $pos }
accept-expected-line = expected: { $value }
accept-given-line = given:    { $value }
accept-client-fails = A client that gets this answer must fail the connection (RFC 6455 §4.1); a browser's WebSocket fires `error`, then `close` with code 1006.

## wsdissect handshake

handshake-no-request = { $file }: no HTTP request found (the text should start with a request line such as "GET /chat HTTP/1.1")
handshake-bad-request = { $file }, line { $line }: the request does not parse: { $error }
handshake-bad-response = { $file }, line { $line }: the response does not parse: { $error }
handshake-title = Opening handshake (RFC 6455 §4) from { $file }
handshake-request = Request (line { $line }): { $start }
handshake-response = Response (line { $line }): { $start }
handshake-no-response = No response in the text: only the request is checked.
handshake-key = Sec-WebSocket-Key: { $key }
handshake-key-valid = base64 of 16 bytes ✓
handshake-key-invalid = not the base64 of 16 bytes ✗
handshake-version = Sec-WebSocket-Version: { $version }
handshake-expected-accept = The Accept this key needs: { $accept }  (wsdissect accept { $key } shows the steps)
handshake-accept = Sec-WebSocket-Accept given: { $accept }
handshake-subprotocol = Subprotocol chosen: { $name }
handshake-extensions = Extensions accepted: { $list }
handshake-notes = Notes ({ $count }):
handshake-clean = ✓ Every check of RFC 6455 §4.1 and §4.2 passes: a browser would open this connection.
handshake-clean-request = ✓ The request passes every check of RFC 6455 §4.1.
handshake-not-upgraded = ✗ The connection would not become WebSocket.

## Notes on the opening handshake (the same sentences as in captures)

note-browser-fails = a browser fails the connection here (its WebSocket fires `error`, then `close` with 1006); wsdissect still decodes what follows
note-hs-not-get = the upgrade request uses { $method }; the opening handshake must be a GET, so a server must refuse it
note-hs-http-version = the upgrade request is { $version }; the opening handshake needs HTTP/1.1 or later, so a server must refuse it
note-hs-request-missing = the upgrade request has no { $header }
note-hs-response-missing = the 101 response has no { $header }
note-hs-repeated = { $header } appears { $count } times; it must appear only once
note-hs-bad-key = Sec-WebSocket-Key { $key } is not the base64 encoding of 16 random bytes
note-hs-wrong-version = Sec-WebSocket-Version is { $value }; RFC 6455 requires 13
note-hs-ext-malformed-request = Sec-WebSocket-Extensions in the request does not parse: { $error }
note-hs-ext-malformed-response = Sec-WebSocket-Extensions in the response does not parse: { $error }
note-hs-refused = the server answered the upgrade request with status { $status } instead of 101, so the connection stays HTTP
note-hs-accept-on-refusal = the { $status } answer carries Sec-WebSocket-Accept, which only means something in a 101 Switching Protocols
note-hs-accept-mismatch = Sec-WebSocket-Accept is { $got } but base64(SHA-1(key + GUID)) is { $expected }
note-hs-accept-no-key = Sec-WebSocket-Accept is { $got } but the request had no key it could prove
note-hs-subprotocol = the server chose subprotocol { $chosen }, which the client did not offer
note-hs-extension = the server accepted extension { $name }, which the client did not offer
note-hs-deflate = permessage-deflate was accepted with invalid parameters: { $error }

## Notes on frame headers (the same sentences as in captures)

note-frame-client-unmasked = a client frame is not masked: every frame from client to server must be (this protects proxies from cache poisoning)
note-frame-server-masked = a server frame is masked: servers must never mask their frames
note-frame-rsv1 = RSV1 is set but no extension that defines it (such as permessage-deflate) was negotiated
note-frame-rsv-other = { $bit } is set but no negotiated extension defines this bit
note-frame-rsv1-control = RSV1 is set on a control frame; permessage-deflate never compresses control frames
note-frame-rsv1-continuation = RSV1 is set on a continuation frame; only a message's first frame says whether it is compressed
note-frame-reserved-opcode = opcode { $code } is reserved for future use; a receiver must fail the connection
note-frame-non-minimal = the length { $len } is encoded in more bytes than needed (7-bit field { $len7 }); the minimal encoding is required
note-frame-non-minimal-unknown = the payload length is encoded in more bytes than needed; the minimal encoding is required
note-frame-top-bit = the 64-bit length has its most significant bit set, which is not allowed
note-frame-control-too-long = a { $op } frame carries { $len } bytes; control frames may carry at most 125
note-frame-control-fragmented = a { $op } frame has FIN clear; control frames must not be fragmented

## wsdissect frame build / decode

frame-bad-hex = not hexadecimal: { $what } at character { $pos }
frame-odd-hex = an odd number of hex digits ({ $count }): every byte is two digits
frame-bad-mask = a masking key is 4 bytes, 8 hex digits (such as 37fa213d): { $given }
frame-bad-opcode = unknown opcode { $given }: give 0–15 or continuation, text, binary, close, ping, pong
frame-no-input = no bytes given: paste the frame in hex (spaces allowed), e.g. 81 85 37 fa 21 3d 7f 9f 4d 51 58
frame-reason-needs-close = --reason needs --close CODE
frame-title = Frame { $n }: { $len } bytes
frame-title-at = Frame { $n } (at byte { $offset }): { $len } bytes
frame-bytes-more = … ({ $len } bytes in all)
frame-intro = Every WebSocket frame starts with 2 fixed bytes, then 0, 2 or 8 bytes of extended length, then a 4-byte masking key if MASK is set: 2 to 14 bytes in all (RFC 6455 §5.2).
frame-byte0 = Byte 0 = { $hex } = { $bits }
frame-byte1 = Byte 1 = { $hex } = { $bits }
frame-fin-1 = FIN = 1: this is the last frame of its message (a whole message if it is also the first).
frame-fin-0 = FIN = 0: more frames of this message follow (fragmentation, §5.4).
frame-rsv-clear = RSV1–3 = 0: reserved for extensions; permessage-deflate sets RSV1 on compressed messages.
frame-rsv1-set = RSV1 = 1: with permessage-deflate this means "this message is compressed" (RFC 7692 §6); without an extension that defines it, a receiver MUST fail the connection.
frame-rsv-other-set = { $bit } = 1: no extension defines it: a protocol error (§5.2).
frame-opcode = opcode = { $code }: { $meaning }
op-continuation = continuation: more of the message the previous frame started
op-text = text: a UTF-8 text message (or its first fragment)
op-binary = binary: a binary message (or its first fragment)
op-close = close: starts or answers the closing handshake (§5.5.1)
op-ping = ping: the other side must answer with a pong (§5.5.2)
op-pong = pong: answers a ping (§5.5.3)
op-reserved-data = reserved for future data frames: a receiver MUST fail the connection
op-reserved-control = reserved for future control frames: a receiver MUST fail the connection
frame-mask-1 = MASK = 1: the payload is XORed with the 4-byte masking key. Every frame from a client MUST be masked (§5.3, §10.3).
frame-mask-0 = MASK = 0: the payload is sent as it is. A server MUST NOT mask its frames; a client MUST mask every frame (§5.1).
frame-len7 = payload len = { $len7 }: values 0–125 are the length itself, so the payload is { $len } bytes and no extended length follows (126 would mean "a 16-bit length follows", 127 "a 64-bit length follows").
frame-len16 = payload len = 126: the real length did not fit in 0–125, so it follows in the next 2 bytes as a 16-bit unsigned number (network byte order).
frame-len64 = payload len = 127: the real length follows in the next 8 bytes as a 64-bit unsigned number whose most significant bit MUST be 0.
frame-ext-len = Bytes { $from }–{ $to }: extended payload length ({ $bits } bits)
frame-ext-len-value = { $hex }  =  { $len } bytes
frame-ext-minimal = ✓ The shortest encoding for this length, as required.
frame-ext-not-minimal = ✗ This length would have fit in a shorter encoding: the RFC requires the minimal number of bytes (§5.2).
frame-ext-top-bit = ✗ The most significant bit of a 64-bit length MUST be 0 (§5.2).
frame-mask-key = Bytes { $from }–{ $to }: masking key
frame-mask-key-text = Payload byte i is XORed with key[i mod 4]. A fresh, unpredictable key for every frame (§5.3); it is in the clear: masking is not encryption.
frame-payload = Payload: { $len } bytes
frame-payload-wire = on the wire:
frame-payload-unmasked = unmasked:
frame-payload-text = text (UTF-8): { $text }
frame-payload-not-utf8 = ✗ not valid UTF-8, which a text message must be (§8.1)
frame-close-code = close code { $code } ({ $name }), reason { $reason }
frame-close-empty = no close code (an empty close payload is allowed, §5.5.1)
frame-close-one-byte = ✗ a close payload of 1 byte: a code needs 2 (§5.5.1)
frame-total = Header { $header } bytes + payload { $payload } bytes = { $total } bytes on the wire.
frame-problems = Rules this frame breaks:
frame-error-at = frame { $n } at byte { $offset }: { $error }
frame-missing-header = the frame header needs { $needed } bytes but only { $have } are given; missing: { $part }
frame-missing-payload = the payload is { $needed } bytes but only { $have } are given: { $missing } bytes missing
part-byte0 = byte 0 (FIN, RSV1–3, opcode)
part-byte1 = byte 1 (MASK, payload len)
part-ext-len = the extended payload length
part-mask-key = the masking key

## wsdissect exercise

exercise-title = Course exercise: a browser and a local WebSocket server, studied in the capture
exercise-capture = Capture: { $file }
exercise-stream = Connection: stream { $stream }, { $client } → { $server }
exercise-no-stream = No WebSocket connection in the capture.
exercise-other-streams = Other WebSocket connections: { $list } (choose one with --stream N)
exercise-frames = frames { $list }
exercise-key = TUI key { $key }
exercise-item-upgrade = Upgrade request and its 101 answer
exercise-item-accept = Sec-WebSocket-Accept proves the key
exercise-item-client-masked = Client→server frames are masked
exercise-item-server-unmasked = Server→client frames are not masked
exercise-item-text-client-to-server = A text message from the client to the server
exercise-item-text-server-to-client = A text message from the server to the client
exercise-item-close = The closing handshake
exercise-item-size = The size argument: frame headers against HTTP heads
exercise-upgrade-seen = request in frame { $request }, answer { $status } in frame { $response }
exercise-upgrade-request-only = request in frame { $request }, no 101 answer in the capture
exercise-accept-ok = { $accept } = base64(SHA-1(key + GUID))
exercise-accept-wrong = the server sent { $accept }, the key needs { $expected }
exercise-masking = { $masked } of { $frames } frames masked
exercise-text = { $count ->
    [one] 1 text message
   *[other] { $count } text messages
}
exercise-close-answered = the { $who } closed with { $code } ({ $name }), reason { $reason }; the { $other } answered
exercise-close-unanswered = the { $who } closed with { $code } ({ $name }), reason { $reason }; the { $other } never answered in the capture
exercise-close-no-code = the { $who } closed without a code; the { $other } { $answered ->
    [yes] answered
   *[no] never answered in the capture
}
exercise-who-client = client
exercise-who-server = server
exercise-size-seen = see below
exercise-missing = not found
exercise-hint-upgrade = Start the capture before the page opens its WebSocket (reload the page while capturing), on the interface the traffic uses (loopback: lo or lo0).
exercise-hint-accept = The server's Sec-WebSocket-Accept does not prove the key: wsdissect accept KEY shows what it should be; a browser refuses such a server.
exercise-hint-client-masked = Every client frame must be masked; a browser always masks, so an unmasked client frame means a client that breaks RFC 6455 §5.1 (or no client frames were captured: send a message from the page).
exercise-hint-server-unmasked = A server must never mask (RFC 6455 §5.1); if there are no server frames, let the server answer (an echo endpoint does) before stopping the capture.
exercise-hint-text-client-to-server = Send a text message from the page (ws.send("hello")) while capturing.
exercise-hint-text-server-to-client = Let the server send text (an echo endpoint answers every message) while capturing.
exercise-hint-close = Close the connection while capturing (ws.close(1000, "done") in the page, or close the tab) and stop the capture only after the answer.
exercise-hint-size = Needs the handshake (request and 101 answer) and at least one message in the capture.
exercise-size-title = The size argument (docs/exercise.md)
exercise-size-framing = { $messages } messages ({ $payload } bytes of payload) in { $frames } frames: { $framing } bytes of frame headers, { $per } bytes per message.
exercise-size-polling = As HTTP polling, each message one exchange with this capture's heads (request { $request } + response { $response } = { $each } bytes): { $messages } × { $each } = { $polling } bytes, { $ratio } times the frame headers.
exercise-size-once = WebSocket paid those { $each } bytes of heads once, for the handshake.
exercise-tls = TLS not decrypted (stream { $streams }): for a wss:// exercise give the key log with --keylog FILE (a browser writes one when SSLKEYLOGFILE names a file; see docs/tls.md).
exercise-complete = All { $count } items found.
exercise-incomplete = { $missing } of { $count } items not found.
exercise-bad-stream = stream { $stream } carries no WebSocket in this capture
