# wsdissect's English messages of the terminal UI's frame: title bar, tab bar,
# packet list, hex pane, footer, help, filter bar, search and their errors.
# Every id here must exist in the other language's file of this area
# (tests/i18n.rs). Terms: docs/glossary.md.

## Title line

tui-too-small = Too small: wsdissect needs { $width }×{ $height } at least. q quits.
tui-title-reading = ⟳ reading { $progress }
tui-title-damaged = ✗ capture damaged
tui-title-filter = filter:
tui-title-packets = +packets
tui-title-counts = { $packets } pkts · { $connections } conn · { $frames } frames · { $messages } msgs
tui-title-no-notes = no notes

## Packet list: column headers and the empty list

tui-list-no = No.
tui-list-stream = Str
tui-list-protocol = Proto
tui-list-length = Length
tui-list-info = Info
tui-time-header-start = Δ start
tui-time-header-previous = Δ prev
tui-time-header-clock = UTC time
tui-time-name-start = seconds since the first packet
tui-time-name-previous = seconds since the previous row shown
tui-time-name-clock = wall-clock time of day (UTC)
tui-empty-reading = Reading the capture…
tui-empty-connection = This connection has no HTTP head or WebSocket frame: press a to see its TCP packets (s: another connection).
tui-empty-filtered = No row matches the filter: press f to change it.
tui-empty-capture = This capture holds no packet.
tui-empty-no-websocket = No HTTP or WebSocket in this capture: press a to list every packet.
tui-empty-tls = No HTTP or WebSocket row: this capture's connections are TLS whose records could not be decrypted ({ $reason }). Press 5 for what that means and what to do, a to list every packet.
tui-tls-none-decrypted = no record decrypted

## Details pane and bytes pane

tui-details = Details
tui-bytes-title = Bytes
tui-bytes-none = no bytes
tui-tab-frame = Frame { $frame }
tui-tab-reassembled = Reassembled
tui-tab-decrypted = Decrypted TLS
tui-tab-unmasked = Unmasked
tui-tab-decompressed = Decompressed
# A tab's title with its size; $tab is its short title, $kind one of
# frame, reassembled, decrypted, unmasked, decompressed.
tui-tab-with-size =
    { $kind ->
        [unmasked] Unmasked payload
       *[other] { $tab }
    } ({ $bytes } bytes)

## Footer: key hints (the full ones, and short ones for a narrow terminal)

tui-help-tag = ? help
tui-hints-list = q quit · ? help · ↑↓ rows · n/p frame · ]/[ msg · Tab pane · 1-9 views · f filter · s conn · / search · a pkts
tui-hints-tree = q quit · ? help · ↑↓ items · ←/→ close/open · e/E all · Tab pane · t bytes tab · 1-9 views
tui-hints-hex = q quit · ? help · ↑↓ scroll · ←/→ or t bytes tab · Tab pane · 1-9 views
tui-hints-view = Esc back · ↑↓ PgUp/PgDn scroll · n/p frame · ]/[ message · 1-9 views · ? help
tui-hints-flow = Esc/Enter select the arrow's row · ↑↓ PgUp/PgDn arrows · m per packet/frame · ? help
tui-hints-follow = Esc back · ↑↓ PgUp/PgDn g/G scroll · m mode: TCP, TLS, chat · ? help
tui-hints-short-list = ? help · q quit · ↑↓ rows · n/p frame · 1-9 views · f filter · s conn · a pkts
tui-hints-short-tree = ? help · q quit · ↑↓ items · ←/→ close/open · Tab pane · t bytes tab · 1-9
tui-hints-short-hex = ? help · q quit · ↑↓ scroll · ←/→ or t bytes tab · Tab pane · 1-9 views
tui-hints-short-view = ? help · Esc back · ↑↓ PgUp/PgDn scroll · n/p frame · ]/[ message · 1-9 views
tui-hints-short-flow = ? help · Esc/Enter select the arrow's row · ↑↓ arrows · m packet/frame
tui-hints-short-follow = ? help · Esc back · ↑↓ PgUp/PgDn scroll · m mode: TCP, TLS, chat

## Search

tui-search-prompt = search payload text: { $text }
tui-search-keys = Enter find · Esc cancel
tui-search-nothing = Nothing to search yet.
tui-search-found = Found "{ $text }" in frame { $frame } (/ then Enter: next match).
tui-search-not-found = "{ $text }" is in no payload of the rows shown.
tui-search-searching = Searching for "{ $text }"…
tui-filtering = Filtering: { $percent }% of the rows read…

## Status messages

tui-status-no-frame =
    { $forward ->
        [next] No next WebSocket frame in the list.
       *[previous] No previous WebSocket frame in the list.
    }
tui-status-no-message =
    { $forward ->
        [next] No next message in the list.
       *[previous] No previous message in the list.
    }
tui-status-all-packets = Showing every packet (a to hide the ones without HTTP or WebSocket).
tui-status-ws-rows = Showing HTTP heads and WebSocket frames only.
tui-status-time = Time: { $format } (T: next format).
tui-status-one-tab = This row has only one bytes tab.
tui-status-packets-for = Showing every packet to select packet { $frame } (a hides them again).
tui-status-filter-cleared-for = The filter hid frame { $frame }: it is cleared (f sets it again).
tui-status-no-row = Frame { $frame } has no row in the list.
tui-status-note-whole-capture = This note is about the whole capture, not one row.
tui-status-filter-cleared = Filter cleared: every row is shown (? help).
tui-status-no-match = No row matches the filter · f change it · x in the form clears it · ? help
tui-status-connection-empty = Connection { $stream } has no HTTP head or WebSocket frame: press a to see its TCP packets.

## Filter form

tui-filter-title = Filter (all parts must hold)
tui-filter-stream = Stream
tui-filter-stream-n = stream { $stream }
tui-filter-all-streams = all streams
tui-filter-direction = Direction
tui-filter-both-directions = both directions
tui-filter-show = Show
tui-show-any = everything
tui-show-http = HTTP heads
tui-show-ws = WebSocket frames
tui-show-data = data frames (text, binary, continuation)
tui-show-text = text frames (opcode 1)
tui-show-binary = binary frames (opcode 2)
tui-show-continuation = continuation frames (opcode 0)
tui-show-control = control frames (close, ping, pong)
tui-show-ping-pong = ping and pong
tui-show-close = close frames
tui-show-notes = rows with notes
tui-filter-expression = Display filter
tui-filter-expression-syntax = (Wireshark syntax, as dump -Y)
tui-filter-empty = empty: no display filter
tui-filter-valid = ✓ valid: Enter applies it
tui-filter-further-left = ^ (further left)
tui-filter-fix-to-apply = — fix it to apply
tui-filter-hints-expression = type · Tab field · ↑/↓ earlier · Enter apply · F1 help · Esc cancel
tui-filter-hints = ←/→ value · ↑/↓ field · Enter apply · x clear · ? help · Esc cancel

## Connection picker

tui-conn-title = Connections — Enter shows one, Esc cancels
tui-conn-stream = Str
tui-conn-ends = Client → server
tui-conn-what = What
tui-conn-frames = Frames
tui-conn-all = all connections
tui-conn-tls-decrypted = TLS (decrypted)
tui-proto-websocket = WebSocket
tui-proto-websocket-guessed = WebSocket (guessed)
tui-proto-http = HTTP
tui-proto-tls = TLS (encrypted)
tui-proto-http2 = HTTP/2
tui-proto-other = other
tui-proto-empty = no payload

## Help overlay

tui-help-title = Keys ({ $first }–{ $last } of { $total }; ↑↓ PgUp/PgDn g/G scroll, Esc closes)
tui-help-main = Main screen (any pane)
tui-help-list = Packet list
tui-help-tree = Details tree
tui-help-hex = Bytes pane
tui-help-view = Teaching views (1-9)
tui-help-notes = Notes view
tui-help-flow = Flow view (8; ↑↓ select an arrow)
tui-help-follow = Follow view (9)
tui-help-help = This help
tui-help-filter = Filter form (f)
tui-help-filter-expression = Filter form: display filter field (type; Ctrl-u clears)
tui-help-connections = Connection picker (s)
tui-help-search = Search prompt (/)
tui-help-mouse = Mouse
tui-mouse-click = click
tui-mouse-click-help = select a row, a tree item or a bytes tab
tui-mouse-click-arrow = click ▸/▾
tui-mouse-click-arrow-help = open/close a tree item
tui-mouse-wheel = wheel
tui-mouse-wheel-help = scroll the pane under the pointer

## Help overlay: what each key does (one per binding in src/tui/keys.rs)

tui-key-main-quit = quit
tui-key-main-force-quit = quit at once
tui-key-main-help = this help
tui-key-main-next-pane = next pane: list → details → bytes
tui-key-main-prev-pane = previous pane
tui-key-main-up = up (row, tree item, bytes line)
tui-key-main-down = down
tui-key-main-page-up = page up
tui-key-main-page-down = page down
tui-key-main-top = first
tui-key-main-bottom = last
tui-key-main-next-frame = next WebSocket frame
tui-key-main-prev-frame = previous WebSocket frame
tui-key-main-next-message = next message (its first frame)
tui-key-main-prev-message = previous message
tui-key-main-search = search payload text (/ then Enter again: next match)
tui-key-main-filter = filter by stream, direction, opcode, display filter
tui-key-main-connections = pick a connection
tui-key-main-toggle-packets = show/hide the other TCP packets
tui-key-main-next-tab = next bytes tab (Frame, Reassembled, Unmasked…)
tui-key-main-cycle-time = time format: since start / previous row / UTC clock
tui-key-main-expand-all = expand the whole tree
tui-key-main-collapse-all = collapse the whole tree
tui-key-main-view-handshake = view: handshake and the Accept, step by step
tui-key-main-view-header = view: frame header, bit by bit
tui-key-main-view-unmask = view: unmasking, byte by byte
tui-key-main-view-message = view: the whole message (JSON pretty-printed)
tui-key-main-view-summary = view: connection summary, bytes per layer
tui-key-main-view-notes = view: notes (RFC violations, capture problems)
tui-key-main-view-exercise = view: the course exercise's checklist
tui-key-main-view-flow = view: flow graph of the connection
tui-key-main-view-follow = view: follow the connection (TCP, TLS, chat)
tui-key-list-next-pane = go to the details of the row
tui-key-tree-enter = open/close the tree item
tui-key-tree-expand = open the tree item
tui-key-tree-collapse = close the tree item (or go to its parent)
tui-key-hex-next-tab = next bytes tab
tui-key-hex-prev-tab = previous bytes tab
tui-key-view-close = close the view
tui-key-view-force-quit = quit at once
tui-key-view-help = help
tui-key-notes-enter = go to the row of the selected note
tui-key-flow-enter = select the arrow's row (closing does too)
tui-key-flow-mode = arrows per packet / per HTTP head or frame
tui-key-follow-mode = next mode: TCP, decrypted TLS, chat
tui-key-view-up = scroll up (notes: previous note)
tui-key-view-down = scroll down (notes: next note)
tui-key-view-page-up = page up
tui-key-view-page-down = page down
tui-key-view-top = top
tui-key-view-bottom = bottom
tui-key-view-next-frame = next frame (the view follows)
tui-key-view-prev-frame = previous frame
tui-key-view-next-message = next message
tui-key-view-prev-message = previous message
tui-key-view-view-handshake = handshake view
tui-key-view-view-header = frame header view
tui-key-view-view-unmask = unmasking view
tui-key-view-view-message = message view
tui-key-view-view-summary = connection summary view
tui-key-view-view-notes = notes view
tui-key-view-view-exercise = exercise checklist view
tui-key-view-view-flow = flow view
tui-key-view-view-follow = follow view
tui-key-help-close = close the help
tui-key-help-up = scroll up
tui-key-help-down = scroll down
tui-key-help-page-up = page up
tui-key-help-page-down = page down
tui-key-help-top = to the top
tui-key-help-bottom = to the end
tui-key-filter-close = cancel
tui-key-filter-enter = apply the filter
tui-key-filter-field-up = previous field
tui-key-filter-field-down = next field
tui-key-filter-value-prev = previous value
tui-key-filter-value-next = next value
tui-key-filter-reset = clear the whole filter (at once)
tui-key-filter-help = help
tui-key-filter-expr-close = cancel
tui-key-filter-expr-enter = apply (only a valid, green expression)
tui-key-filter-expr-field-up = previous field
tui-key-filter-expr-field-down = next field
tui-key-filter-expr-up = earlier expression (none yet: previous field)
tui-key-filter-expr-down = later expression (none yet: next field)
tui-key-filter-expr-help = help
tui-key-connections-close = cancel
tui-key-connections-enter = show only this connection
tui-key-connections-up = previous connection
tui-key-connections-down = next connection
tui-key-connections-top = first
tui-key-connections-bottom = last
tui-key-search-enter = search from the selected row on (wraps around)
tui-key-search-close = cancel

## Errors when starting or reading

tui-no-terminal = cannot use the terminal: { $error }. Without a terminal (a pipe, a script, CI), `wsdissect dump --format text { $capture }` prints the same rows as text
tui-terminal-error = terminal error: { $error }
tui-internal-error = reading the capture stopped on an internal error: { $error }
tui-loader-died = reading the capture stopped on an internal error

## The list's Info column: wsdissect's additions to Wireshark's words

tui-info-pong = (answers ping in frame { $frame }, rtt { $rtt } ms)
tui-info-inflated = → { $bytes } bytes
tui-info-incomplete = [INCOMPLETE]
tui-info-upgrade-refused = (upgrade refused)
tui-info-upgrade = (WebSocket upgrade)
tui-info-head-size = [head { $bytes } B]
tui-info-frame-size = [frame { $bytes } B]
