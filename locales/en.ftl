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
