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
note-hs-version-refusal = the { $status } answer refuses version { $asked } without a Sec-WebSocket-Version header listing the versions the server understands (e.g. 426 Upgrade Required with Sec-WebSocket-Version: 13), so the client cannot know what to retry with
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

## Notes found in captures (a note's `message`; its rule id stays English)

side-client = client
side-server = server
ended-reset = the connection was reset (RST)
ended-fin = the connection was closed (FIN)
ended-capture = the capture ends
gap-not-captured = the capture missed these bytes (later bytes were seen)
gap-truncated = the snaplen cut the packet short
gap-budget = too many out-of-order bytes were waiting for this hole
note-sync-lost-gap = a gap in the { $dir } stream hides where the next WebSocket frame starts; looking for a plausible frame header to continue
note-resync = frame boundaries found again at stream offset { $at } after skipping { $skipped } undecodable bytes; the frames that follow are a best guess
note-data-after-close = the { $sender } sent a data frame after its own close frame
note-control-after-close = the { $sender } sent a { $op } after its own close frame; allowed, but nothing needs it any more
note-payload-cap = the payload is { $len } bytes; only the first { $kept } are kept (--max-payload)
note-close-code-never-sent = close code { $code } ({ $name }) is reserved for reporting and must never be sent in a close frame
note-close-code-reserved = close code { $code } is not a valid code to send ({ $name })
note-close-reason-utf8 = the close reason is not valid UTF-8
note-close-one-byte = the close payload is one byte long: it must be empty or start with a 2-byte status code
note-unsolicited-pong = a pong that answers no ping in the capture (allowed as a unidirectional heartbeat)
note-data-inside-fragmented = a new { $op } frame starts while message { $index } is still unfinished (its last frame must have FIN set first)
note-continuation-without-start = a continuation frame arrives but no fragmented message is in progress
note-utf8-stops = text message { $index } stops being valid UTF-8 at byte { $at } (in this frame); a receiver must fail the connection now
note-utf8-invalid = text message { $index } is not valid UTF-8; a receiver must fail the connection
note-decompress-incomplete = message { $index } is compressed but not all of its bytes were captured, so it cannot be decompressed
note-decompress-cap = message { $index } inflates to more than { $cap } bytes; decompression stopped there (a decompression bomb cannot exhaust memory)
note-decompress-context-lost = message { $index } uses the compression context of earlier messages, which a gap or error made unknown; it cannot be decompressed
note-decompress-failed = message { $index } does not decompress: { $error }
note-sync-lost-bytes = { $n } bytes after a gap could not be matched to WebSocket frames and are not decoded
note-incomplete-header = { $ended } { $n } bytes into a WebSocket frame header ({ $op } frame, first byte { $byte })
note-incomplete-payload = { $ended } inside a WebSocket frame: { $got } of its { $len } payload bytes were seen
note-incomplete-message = message { $index } never got its final frame (FIN): { $ended }
note-http-chunked-malformed = a chunked HTTP body is malformed ({ $error }); the rest of this direction is not decoded
note-http-head-too-long = an HTTP head longer than { $max } bytes has no end; the rest of this direction is not decoded
note-http-head-bad = an HTTP head does not parse ({ $error }); the rest of this direction is not decoded
note-http-bytes-missing = HTTP bytes are missing, so the rest of this direction cannot be parsed
note-upgrade-unanswered = the upgrade request has no response in the capture
note-upgrade-client-kept-sending = the client kept sending after its upgrade request but no answer came; its bytes are not decoded
note-tcp-gap = { $len } bytes missing from the { $dir } stream at offset { $offset }: { $reason }
note-mid-stream = the capture starts in the middle of the { $dir } stream: its first bytes were not captured
note-tcp-conflict = a retransmission carries different bytes at offset { $offset } than the first copy; the first copy is used
note-tcp-budget = too many out-of-order bytes waited for a missing segment; the hole is declared a gap
note-http2-alpn = the TLS connection negotiated HTTP/2 (ALPN h2): WebSocket over HTTP/2 (RFC 8441) is shown as HTTP/2 data and not decoded
note-http2-preface = the client speaks HTTP/2 (its connection preface): a WebSocket over HTTP/2 (RFC 8441) is inside HTTP/2 DATA frames, which wsdissect does not decode
note-guessed = no WebSocket handshake in the capture; decoded as WebSocket because { $why }
guess-why-port = its port was given with --ws-port
guess-why-frames = its bytes parse as a run of valid frames
note-unsupported-link = { $count } packets use a link type wsdissect does not decode and were passed over

## Notes on TLS

tls-level-fatal = fatal
tls-level-warning = warning
note-tls-alert = TLS alert { $name } ({ $code }, { $level })
note-tls-undecryptable = TLS traffic that cannot be decrypted: { $reason }; { $advice }
tls-why-no-handshake = the capture does not contain this connection's handshake
tls-why-no-keylog = no key log
tls-why-no-keys = no key-log line for client random { $random }
tls-why-missing-secret = the key log has no { $label } for this session
tls-why-version = { $version } is not decrypted
tls-why-suite = { $name } ({ $id }): { $why }
tls-why-suite-unknown = unknown suite
tls-suite-not-aead = CBC/stream ciphers are not decrypted
tls-suite-other-aead = only AES-GCM and ChaCha20-Poly1305 are decrypted
tls-suite-wrong-version = suite does not belong to the negotiated version
tls-suite-unknown = not in the IANA registry
tls-why-key-mismatch = { $label } from { $source } does not decrypt the first { $side } record
tls-why-secret-length = { $label } at { $source } is { $got } bytes, the suite needs { $want }
tls-advice-no-handshake = start the capture before the connection opens (reload the page while capturing)
tls-advice-no-keylog = run the browser with SSLKEYLOGFILE=/path/keys.log and pass that file with --keylog
tls-advice-no-keys = the key log was not written by the program that made this connection, or is from another session: capture and log keys at the same time
tls-advice-missing-secret = the key log is incomplete (cut short or filtered): use the whole file written during the capture
tls-advice-version = only TLS 1.2 and TLS 1.3 are decrypted: configure the client or server for TLS 1.2 or later
tls-advice-suite = only AES-GCM and ChaCha20-Poly1305 suites are decrypted: configure the server to prefer an AEAD suite
tls-advice-key-mismatch = the key-log line does not fit this capture: make sure the key log and the capture come from the same session
tls-advice-secret-length = the key-log secret has the wrong length for this suite: the line was probably edited or comes from another session
note-tls-not-record = the bytes are not a TLS record ({ $error }): this direction's record boundaries are lost
note-tls-decrypt = a TLS record does not decrypt ({ $error }); it is not shown as data
note-tls-handshake = a TLS handshake message does not parse: { $error }
note-tls-reassembly = TLS handshake reassembly stopped: { $error }
note-tls-empty-inner = a TLS 1.3 record decrypts to nothing but padding: it has no content type (RFC 8446 §5.4)
note-tls-too-long = a TLS record decrypts to { $len } bytes, more than 2^14 (record_overflow, RFC 8446 §5.4)
note-tls-bad-alert = a TLS alert record whose length is not a multiple of 2
note-tls-gap = { $len } bytes of TLS are missing: record boundaries and sequence numbers are lost, so the rest of this direction cannot be decrypted
note-tls-resynced = TLS record boundaries found again after skipping { $skipped } bytes
note-tls-resync-failed = after a gap no sequence number the missing bytes allow ({ $tried } tried) authenticates the next TLS record: the rest of this direction cannot be decrypted
note-tls-truncated = the connection ends { $pending } bytes into a TLS record
note-tls-also-undecryptable = this direction cannot be decrypted either: { $reason }; { $advice }

## dump --format text (Wireshark's Info-column words — opcode names, [FIN], len=, TCP flags — stay as Wireshark writes them)

dumptext-handshake = Handshake
dumptext-refused = refused ({ $status })
dumptext-accept-ok = Accept ✓
dumptext-accept-bad = Accept ✗ (got { $got }, expected { $expected })
dumptext-no-response = no response
dumptext-subprotocol = { " " }subprotocol={ $name }
dumptext-close-reason = { " " }reason={ $reason }
dumptext-pong = { " " }(answers ping in frame { $frame }, rtt { $rtt } ms)
dumptext-incomplete = { " " }[INCOMPLETE]
dumptext-bytes = { $n } bytes
dumptext-content-unknown = (content unknown)
dumptext-message = message #{ $index } { $op } { $len } bytes
dumptext-compressed-ratio = { " " }(compressed { $wire } on the wire, { $ratio })
dumptext-compressed = { " " }(compressed { $wire } on the wire)
dumptext-severity-error = Error
dumptext-severity-warning = Warning
dumptext-severity-info = Info
dumptext-summary = { $packets } packets, { $streams } TCP streams, { $handshakes } handshakes, { $frames } WebSocket frames, { $messages } messages, notes: { $info } info / { $warning } warning / { $error } error
ratio-added = { $ratio }×, compression added { $added } { $added ->
        [one] byte
       *[other] bytes
    }
ratio-nothing = 1.0×, compression saved nothing

## wsdissect streams (the table's header; values are the model's)

streams-col-stream = stream
streams-col-client = client
streams-col-server = server
streams-col-first = first
streams-col-last = last
streams-col-packets-out = pkts→
streams-col-packets-in = pkts←
streams-col-bytes-out = bytes→
streams-col-bytes-in = bytes←
streams-col-gaps = gaps
streams-col-protocol = protocol
streams-col-tls = tls
streams-col-first-payload = first payload

# The first payload column (JSON keeps the English)
first-payload-tls-client-hello = TLS ClientHello
first-payload-tls-handshake = TLS handshake
first-payload-ssh-banner = SSH banner
first-payload-other = other ({ $hex } …)

## wsdissect follow (text and hex headers)

follow-title = Follow { $proto } stream { $stream }: client { $client } → server { $server }
follow-roles-guessed = { " " }(roles guessed: no SYN seen)
follow-dir-client = client → server
follow-dir-server = server → client
follow-dir-header = === { $dir } (frame { $frame }) ===
follow-hex-header = { $dir } frame { $frame }
follow-gap = { $len } bytes missing from { $dir } at offset { $offset }
follow-tls-why = { $reason }; { $advice }
follow-tls-undecryptable = TCP stream { $stream }: TLS that cannot be decrypted: { $why }

## The CLI's own messages (after "wsdissect: ")

cli-cannot-write = cannot write output: { $error }
cli-no-stream = no TCP stream { $stream } in { $file } (it has { $count }, numbered from 0)

## Capture errors (the CLI's errors and the capture-damaged note)

capture-error-file = { $file }: { $error }
capture-error-at = { $file }: frame { $frame }, byte offset { $offset }: { $error }
capture-cannot-read = cannot read: { $error }
capture-empty = the file is empty
capture-not-a-capture = not a pcap or pcapng file (magic { $magic })
capture-truncated = the file ends in the middle of a record (truncated capture?)
capture-record-too-large = record too large to be a packet ({ $n } bytes declared)
capture-corrupt = corrupt record: { $what }
capture-unknown-interface = packet refers to interface { $interface }, which the section never described
capture-block-unparsable = corrupt record: block does not parse ({ $kind })
capture-header-not-recognized = corrupt record: header not recognized
capture-unreadable-block = corrupt record: unreadable block
io-not-found = { $os }
io-permission-denied = { $os }
io-is-a-directory = { $os }
io-other = { $os }
cli-cannot-read-keylog = cannot read key log { $file }: { $error }
cli-keylog-warning = warning: key log { $warning }
cli-no-tui = this build has no terminal UI (it was built without the `tui` cargo feature); `dump`, `streams` and `follow` work, or rebuild with the default features

## Key log warnings (a line of an SSLKEYLOGFILE that cannot be used)

keylog-missing-fields = { $label } needs a client random and a secret
keylog-extra-fields = { $label } line has more than three fields
keylog-bad-hex = { $label }: { $field } is not hex
keylog-random-length = { $label }: client random is { $len } bytes, expected { $want }
keylog-secret-length = { $label }: secret is { $len } bytes, expected { $want }
keylog-want-48 = 48
keylog-want-32-or-48 = 32 or 48
keylog-not-text = line is not text
keylog-conflict = { $label } for this client random was already given with another secret at { $kept }; that one is kept
keylog-field-secret = secret

## Display filter errors (-Y)

cli-bad-filter = bad filter: { $error }
filter-at-column = column { $column }: { $error }
filter-expected-expression = expected a field name, `!` or `(`
filter-unknown-field = unknown field `{ $field }` (docs/filters.md lists the fields wsdissect knows)
filter-expected-value = expected a value
filter-unclosed-string = this string is never closed with `"`
filter-unclosed-paren = this `(` is never closed
filter-unclosed-set = expected `,` or `{ "}" }` in the set
filter-bad-value = { $field } { $expected }, not `{ $got }`
filter-bad-operator = { $field } cannot be used with `{ $op }`: { $why }
filter-bad-regex = bad regular expression: { $error }
filter-trailing = expected `&&`, `||` or the end of the filter
filter-any-operator = an operator
filter-is-bytes = is bytes, like 12:34:56:78
filter-is-bool = is a boolean (1, 0, true, false)
filter-is-number = is a number
filter-is-ipv6 = is an IPv6 address (::1, fe80::/10)
filter-is-ipv4 = is an IPv4 address (127.0.0.1, 10.0.0.0/8)
filter-is-protocol = is a protocol
filter-why-protocol = it names a protocol, which is only tested for presence
filter-why-bool = a boolean is only compared with == and !=
filter-why-contains = only text and bytes contain something
filter-why-matches = only text fields match a regular expression
