# wsdissect's English messages of the terminal UI's packet details tree
# (labels and explanations of each layer's fields). Every id here must exist
# in the other language's file of this area (tests/i18n.rs). Terms: docs/glossary.md.

## The tree's frame

tree-packet-missing = [Packet { $no } is not in the capture's packet records]
tree-nothing-selected = Nothing selected yet.

## Label pieces shared with the list, the frame and the views (labels.rs)

tree-dir-client-to-server = client → server
tree-dir-server-to-client = server → client
# A key-log line: the file's name and the line number.
tree-key-log-line = { $file } line { $line }
tree-press-message = press { $key } for the message
tree-press-unmask = press { $key } to see the unmasking
tree-press-read = press { $key } to read it
tree-press-handshake = press { $key } for the step-by-step view
tree-press-notes = press { $key } for all notes
tree-press-summary = Press { $key } for the connection: what the key log is and what it decrypted
tree-missing = (missing)

## Frame, link and IP layers (packet.rs)

tree-frame = Frame { $no }: { $wire } bytes on wire ({ $bits } bits), { $captured } bytes captured
tree-frame-time = Arrival time: { $ts } s since the epoch
tree-frame-rel = Time since the first packet: { $secs } s
tree-frame-no = Frame number: { $no }
tree-frame-cut = [The snaplen cut { $n } bytes off this packet]
tree-link = Link layer: { $link }, { $n } bytes of header
tree-ip = Internet Protocol Version { $version }, Src: { $src }, Dst: { $dst }
tree-ip-version = Version: { $version }
tree-header-length = Header length: { $n } bytes
tree-ip-ttl = Time to live: { $n }
tree-ip-hop-limit = Hop limit: { $n }
tree-ip-src = Source address: { $addr }
tree-ip-dst = Destination address: { $addr }

## TCP (packet.rs)

tree-tcp = Transmission Control Protocol, Src Port: { $sport }, Dst Port: { $dport }, Seq: { $seq }, Ack: { $ack }, Len: { $len }
tree-tcp-srcport = Source port: { $port }
tree-tcp-dstport = Destination port: { $port }
tree-tcp-stream = [Stream index: { $stream }, { $dir }]
tree-tcp-seq = Sequence number: { $rel } (relative; raw { $raw })
tree-tcp-nxtseq = [Next sequence number: { $n } (relative)]
tree-tcp-ack = Acknowledgment number: { $rel } (relative; raw { $raw })
tree-tcp-ack-unused = Acknowledgment number: (ACK not set, unused; raw { $raw })
tree-tcp-flags = Flags: { $flags }
tree-tcp-window = Window: { $n }
tree-tcp-payload-len = TCP payload: { $n } bytes
tree-tcp-window-size = [Calculated window size: { $n }]
tree-tcp-window-scale = [Window size scaling factor: { $factor }]
tree-tcp-window-scale-unknown = [Window size scaling factor: { $factor } (unknown: the handshake was not captured)]
tree-tcp-window-scale-none = [Window size scaling factor: { $factor } (no window scaling used)]

## TCP options (packet.rs), named as Wireshark names them

tree-opt-eol = End of Option List (EOL)
tree-opt-nop = No-Operation (NOP)
tree-opt-mss = Maximum segment size
tree-opt-wscale = Window scale
tree-opt-sack-perm = SACK permitted
tree-opt-sack = SACK
tree-opt-timestamps = Timestamps
tree-opt-unknown = Unknown
tree-opt-malformed = Malformed
tree-tcp-options = Options: ({ $n } bytes), { $names }
tree-tcp-option = TCP Option - { $name }
tree-tcp-option-mss = TCP Option - Maximum segment size: { $mss } bytes
tree-tcp-option-wscale = TCP Option - Window scale: { $shift } (multiply by { $mult })
tree-tcp-option-sack = TCP Option - SACK{ $blocks }
tree-tcp-option-ts = TCP Option - Timestamps: TSval { $tsval }, TSecr { $tsecr }
tree-tcp-option-unknown = TCP Option - Unknown kind { $kind } ({ $n } bytes of data)
tree-tcp-option-bad-len = TCP Option - kind { $kind }: bad length { $len }, the options cannot be read further
tree-tcp-option-no-len = TCP Option - kind { $kind }: no length byte, the options cannot be read further
tree-tcp-option-kind = Kind: { $name } ({ $kind })
tree-tcp-option-len = Length: { $n }
tree-tcp-option-mss-value = MSS Value: { $n }
tree-tcp-option-shift = Shift count: { $shift } (multiplier { $mult })
tree-tcp-option-sack-le = left edge = { $n } (relative)
tree-tcp-option-sack-re = right edge = { $n } (relative)
tree-tcp-option-tsval = Timestamp value: { $n }
tree-tcp-option-tsecr = Timestamp echo reply: { $n }

## TCP sequence analysis (packet.rs): Wireshark's expert-info sentences

tree-tcp-analysis = [SEQ/ACK analysis: { $labels }]
tree-tcp-dup-num = [Duplicate ACK #: { $n }]
tree-tcp-dup-of = [Duplicate to the ACK in frame: { $frame }]
tree-tcp-rto = [RTO based on delta from frame: { $frame }]
tree-tcp-analysis-flags = [TCP Analysis Flags]
tree-tcp-flag = [{ $text } (tcp.analysis.{ $name })]
tree-flag-retransmission = This frame is a (suspected) retransmission
tree-flag-fast-retransmission = This frame is a (suspected) fast retransmission
tree-flag-spurious-retransmission = This frame is a (suspected) spurious retransmission
tree-flag-out-of-order = This frame is a (suspected) out-of-order segment
tree-flag-lost-segment = Previous segment(s) not captured (common at capture start)
tree-flag-ack-lost-segment = ACKed segment that wasn't captured (common at capture start)
tree-flag-duplicate-ack = Duplicate ACK
tree-flag-zero-window = TCP Zero Window segment
tree-flag-zero-window-probe = TCP Zero Window Probe
tree-flag-window-full = TCP window specified by the receiver is now completely full
tree-flag-window-update = TCP window update
tree-flag-keep-alive = TCP keep-alive segment
tree-flag-keep-alive-ack = ACK to a TCP keep-alive segment
tree-flag-zero-window-probe-ack = TCP Zero Window Probe Ack
tree-flag-other = TCP analysis flag

## Reassembly and a packet's payload (packet.rs)

tree-reasm = [{ $count } Reassembled TCP Segments ({ $bytes } bytes): { $list }]
tree-reasm-more-inline = … { $n } more
tree-reasm-more = … { $n } more segments
tree-reasm-segment = Frame { $frame }: bytes { $first }–{ $last } ({ $len } bytes)
tree-not-decoded = Not decoded: { $reason }
tree-payload = TCP payload: { $size }
tree-bytes-human = { $n ->
    [one] 1 byte
   *[other] { $n } bytes
}
tree-bytes-kib = { $kib } KiB ({ $n } bytes)
tree-bytes-mib = { $mib } MiB ({ $n } bytes)
tree-part-of-http = the HTTP head that ends in frame { $frame }
tree-part-of-frame = WebSocket frame #{ $index } ({ $op }), which ends in frame { $frame } — select that row to see it whole
tree-segment-tls = [This packet completes a TLS record that carries part of { $what }]
tree-segment = [This segment carries part of { $what }]

## WebSocket frame (websocket.rs)

tree-ws = WebSocket, { $op } frame #{ $index } ({ $dir }), { $hlen } bytes of header + { $plen } bytes of payload
tree-ws-fin-last = { $bits } = Fin: { $on } (last frame of the message)
tree-ws-fin-more = { $bits } = Fin: { $on } (more frames follow)
tree-ws-rsv = { $bits } = Reserved ({ $name }): { $on }
tree-ws-rsv-continues = { $bits } = Reserved ({ $name }): { $on } (set only on the first frame of a compressed message: this continues one)
tree-ws-rsv-compressed = { $bits } = Reserved ({ $name }): { $on } (permessage-deflate: compressed)
tree-ws-rsv-not-here = { $bits } = Reserved ({ $name }): { $on } (not allowed on this frame: see the note)
tree-ws-rsv-undefined = { $bits } = Reserved ({ $name }): { $on } (no extension defines it!)
tree-ws-opcode = { $bits } = Opcode: { $op }
tree-ws-mask-on = { $bits } = Mask: { $on } (payload XORed with the key)
tree-ws-mask-off = { $bits } = Mask: { $on } (payload sent as is)
tree-ws-len7-16 = { $bits } = Payload length: { $n } (a 16-bit length follows)
tree-ws-len7-64 = { $bits } = Payload length: { $n } (a 64-bit length follows)
tree-ws-len7 = { $bits } = Payload length: { $n } (the length itself)
tree-ws-ext-len = Extended payload length ({ $bits } bits): { $n }
tree-ws-key = Masking-Key: { $key }
tree-ws-message = [Message #{ $index }: { $op }, { $bytes } bytes, { $frames ->
    [one] 1 frame
   *[other] { $frames } frames
}{ $compressed ->
    [yes] , compressed
   *[no] {""}
} — { $press }]
tree-ws-pong = [Answers the ping in frame { $ping }: round trip { $ms } ms]
tree-ws-omitted = [{ $n } payload bytes not kept (over the payload cap) or not captured]
tree-ws-incomplete = [Incomplete: the capture does not hold all of this frame]
tree-ws-guessed = [No handshake in the capture: decoded as WebSocket by guess]
tree-ws-where = [Stream { $stream }, byte { $offset } of the { $dir } stream]

## WebSocket payload (websocket.rs)

tree-ws-masked = Masked payload: { $n } bytes (as on the wire)
tree-ws-unmasked = Unmasked payload: { $n } bytes — { $press }
tree-ws-payload = Payload: { $n } bytes
tree-ws-empty = [Empty payload]
tree-ws-close-code = Status code: { $code } ({ $name })
tree-ws-close-unknown = unknown
tree-ws-close-reason = Reason: "{ $reason }"
tree-ws-close-data = Close payload: { $hex }
tree-ws-app-data = Application data: { $hex } ({ $text })
tree-ws-deflate = DEFLATE data (permessage-deflate, RFC 7692): { $n } bytes
tree-ws-decompressed = Decompressed message #{ $index }: { $n } bytes
tree-ws-decompressed-all = Decompressed message #{ $index }: { $n } bytes (all its frames)
tree-ws-text = Text: { $shown }
tree-ws-data = Data: { $shown }
tree-ws-text-continued = Text (continued): { $shown }
tree-ws-data-continued = Data (continued): { $shown }

## HTTP head and body (http.rs)

tree-http-request = Hypertext Transfer Protocol (request, { $n } bytes of head)
tree-http-response = Hypertext Transfer Protocol (response, { $n } bytes of head)
tree-http-method = Request method: { $method }
tree-http-target = Request target: { $target }
tree-http-status = Status code: { $status }
tree-http-status-101 = Status code: { $status } (Switching Protocols: the upgrade is accepted)
tree-http-end = \r\n (blank line: end of the head)
tree-http-body-announced = [Body: { $n } bytes announced, none captured]
tree-http-body = Body: { $n } bytes{ $how }{ $ctype } — { $press }
tree-http-body-coded = , { $codings } on the wire
tree-http-body-wire = On the wire: { $n } bytes
tree-http-body-chunked = Transfer-Encoding: chunked (chunk sizes removed, RFC 9112 §7.1)
tree-http-body-encoding = Content-Encoding: { $encoding } (undone, RFC 9110 §8.4.1)
tree-http-body-decoded = Decoded: { $n } bytes
tree-http-body-decoded-omitted = Decoded: { $n } bytes (+{ $omitted } not kept)
tree-http-body-complete = Complete: ✓
tree-http-body-incomplete = Incomplete: { $why }
tree-http-body-missing = bytes are missing

## The opening handshake (http.rs)

tree-hs-request = WebSocket opening handshake (request) — { $press }
tree-hs-response = WebSocket opening handshake (response) — { $press }
tree-hs-key-ok = Sec-WebSocket-Key: { $key } ✓ base64 of 16 random bytes
tree-hs-key-bad = Sec-WebSocket-Key: { $key } ✗ not base64 of 16 bytes (§4.1)
tree-hs-key-missing = ✗ No Sec-WebSocket-Key header (§4.1)
tree-hs-version-ok = Sec-WebSocket-Version: { $version } ✓
tree-hs-version-bad = Sec-WebSocket-Version: { $version } ✗ must be 13 (§4.1)
tree-hs-protocols = Subprotocols offered: { $list }
tree-hs-extensions = Extensions offered: { $list }
tree-hs-accept-ok = Sec-WebSocket-Accept: { $accept } ✓ = base64(SHA-1(key + GUID))
tree-hs-accept-bad = Sec-WebSocket-Accept: { $accept } ✗ expected { $expected }
tree-hs-accept-missing = No Sec-WebSocket-Accept header
tree-hs-accept-unchecked = Sec-WebSocket-Accept not checked (no usable key)
tree-hs-upgraded = The connection switched to WebSocket
tree-hs-not-upgraded = The connection did not switch to WebSocket (status { $status })
tree-hs-protocol = Subprotocol chosen: { $protocol }
tree-hs-deflate = permessage-deflate in effect (RFC 7692)
tree-hs-deflate-params = permessage-deflate in effect (RFC 7692): { $params }

## Notes (notes.rs)

tree-notes = Notes ({ $n }) — { $press }
tree-severity-error = Error
tree-severity-warning = Warning
tree-severity-info = Info

## TLS (tls.rs)

tree-tls = Transport Layer Security ({ $version })
tree-tls-from = Transport Layer Security ({ $version }): decrypted from { $what }, { $where }
tree-tls-from-record = record #{ $record }
tree-tls-from-records = { $n } records, #{ $first }–#{ $last }
tree-tls-completed-in = completed in frame { $frame }
tree-tls-completed-in-several = completed in several frames
tree-tls-conn-decrypted = Transport Layer Security ({ $version }): records of a connection decrypted with the key log
tree-tls-conn-not-decrypted = Transport Layer Security ({ $version }): records of a connection not decrypted
tree-tls-conn-not-decrypted-why = Transport Layer Security ({ $version }): records of a connection not decrypted ({ $why })
tree-tls-pending = [The connection's TLS summary (version, keys) arrives when the connection is over]
tree-tls-rows = [What the records decrypt to is on the HTTP and WebSocket rows of this connection]
tree-tls-view = [{ $press }]
tree-tls-sent-as = { $inner } (sent as { $outer })
tree-tls-state-plaintext = in clear
tree-tls-state-decrypted = decrypted, tag verified
tree-tls-state-not-decrypted = encrypted, not decrypted
tree-tls-state-bad-tag = its tag does not verify
tree-tls-state-early-data = 0-RTT early data, not decrypted
tree-tls-state-ccs = compatibility change_cipher_spec, skipped
tree-tls-secret-handshake = , handshake traffic secret
tree-tls-secret-master = , keys from the master secret (CLIENT_RANDOM)
tree-tls-secret-master-renegotiated = , keys from the master secret (CLIENT_RANDOM) after renegotiation
tree-tls-secret-traffic = , traffic secret { $n }
tree-tls-secret-early = , early traffic secret
tree-tls-in-frames = , in frames { $first }–{ $last }
tree-tls-layer = TLS Record Layer #{ $record } ({ $dir }): { $kind }, version 0x{ $version }, length { $len }{ $where } — { $state }{ $secret }
tree-tls-record-more = … { $n } more records
tree-tls-record = [Decrypted from TLS record #{ $record } ({ $dir }), completed in frame { $frame }: bytes { $first }–{ $last } ({ $len } bytes)]
tree-tls-plain = [{ $n ->
    [one] The packet carries
   *[other] The packets carry
} these bytes encrypted: the Decrypted TLS tab shows them as sent]
tree-tls-version = Version: { $name } (0x{ $hex })
tree-tls-version-hex = Version: 0x{ $hex }
tree-tls-version-unknown = Version: unknown (no ServerHello in the capture)
tree-tls-suite = Cipher suite: { $name } (0x{ $hex })
tree-tls-suite-hex = Cipher suite: 0x{ $hex }
tree-tls-suite-unknown = Cipher suite: unknown
tree-tls-sni = Server name (SNI, sent in clear): { $sni }
tree-tls-sni-none = Server name (SNI): none sent
tree-tls-alpn-none = ALPN: none offered
tree-tls-alpn-none-chosen = ALPN: none offered, { $chosen } chosen
tree-tls-alpn = ALPN: offered { $offered }; chosen: { $chosen }
tree-tls-alpn-unchosen = ALPN: offered { $offered }; chosen: none
tree-tls-resumed = Handshake: resumed (abbreviated, reusing an earlier session)
tree-tls-full = Handshake: full
tree-tls-hrr = [The server asked for a second ClientHello (HelloRetryRequest)]
tree-tls-keys = ✓ Decrypted with { $n ->
    [one] 1 key-log line
   *[other] { $n } key-log lines
}
tree-tls-why = ✗ Not decrypted: { $why }
tree-tls-advice = What to do: { $advice }
tree-tls-why-none = Not decrypted: no record needed it yet
tree-tls-records = Records: { $c2s } client → server ({ $c2s_decrypted } decrypted), { $s2c } server → client ({ $s2c_decrypted } decrypted)
tree-tls-bad = ✗ Records that failed to authenticate: { $c2s } client → server, { $s2c } server → client
