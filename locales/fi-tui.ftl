# wsdissect's Finnish messages of the terminal UI's frame: title bar, tab bar,
# packet list, hex pane, footer, help, filter bar, search and their errors.
# Every id here must exist in the other language's file of this area
# (tests/i18n.rs). Terms: docs/glossary.md.

## Otsikkorivi

tui-too-small = Liian pieni: wsdissect tarvitsee vähintään { $width }×{ $height }. q lopettaa.
tui-title-reading = ⟳ luetaan { $progress }
tui-title-damaged = ✗ kaappaus on vioittunut
tui-title-filter = suodatin:
tui-title-packets = +paketit
tui-title-counts =
    { $packets } pak. · { $connections } yht. · { $frames ->
        [one] { $frames } kehys
       *[other] { $frames } kehystä
    } · { $messages ->
        [one] { $messages } viesti
       *[other] { $messages } viestiä
    }
tui-title-no-notes = ei huomioita

## Pakettilista: sarakkeiden otsikot ja tyhjä lista

tui-list-no = Nro
tui-list-stream = Virta
tui-list-protocol = Prot.
tui-list-length = Pituus
tui-list-info = Info
tui-time-header-start = Δ alusta
tui-time-header-previous = Δ edell.
tui-time-header-clock = UTC-aika
tui-time-name-start = sekunteja ensimmäisestä paketista
tui-time-name-previous = sekunteja edellisestä näytetystä rivistä
tui-time-name-clock = kellonaika (UTC)
tui-empty-reading = Luetaan kaappausta…
tui-empty-connection = Tässä yhteydessä ei ole HTTP-headeria eikä WebSocket-kehystä: a näyttää sen TCP-paketit (s: toinen yhteys).
tui-empty-filtered = Mikään rivi ei täytä suodatinta: f muuttaa sitä.
tui-empty-capture = Tässä kaappauksessa ei ole yhtään pakettia.
tui-empty-no-websocket = Tässä kaappauksessa ei ole HTTP:tä eikä WebSocketia: a luettelee kaikki paketit.
tui-empty-tls = Ei HTTP- eikä WebSocket-rivejä: kaappauksen yhteydet ovat TLS:ää, jonka tietueita ei voitu purkaa ({ $reason }). 5 kertoo, mitä se tarkoittaa ja mitä tehdä; a luettelee kaikki paketit.
tui-tls-none-decrypted = yhtään tietuetta ei purettu

## Tiedot- ja tavuruutu

tui-details = Tiedot
tui-bytes-title = Tavut
tui-bytes-none = ei tavuja
tui-tab-frame = Kehys { $frame }
tui-tab-reassembled = Koottu
tui-tab-decrypted = Purettu TLS
tui-tab-unmasked = Maskaus purettu
tui-tab-decompressed = Pakkaus purettu
# Välilehden otsikko kokoineen; $tab on lyhyt otsikko, $kind jokin näistä:
# frame, reassembled, decrypted, unmasked, decompressed.
tui-tab-with-size =
    { $kind ->
        [unmasked] Payload, maskaus purettuna
       *[other] { $tab }
    } ({ $bytes ->
        [one] { $bytes } tavu
       *[other] { $bytes } tavua
    })

## Alarivi: näppäinvihjeet (täydet ja kapean päätteen lyhyet)

tui-help-tag = ? ohje
tui-hints-list = q lopeta · ? ohje · ↑↓ rivit · n/p kehys · ]/[ viesti · Tab ruutu · 1-9 näkymät · f suodatin · s yhteys · / haku
tui-hints-tree = q lopeta · ? ohje · ↑↓ kohdat · ←/→ sulje/avaa · e/E kaikki · Tab ruutu · t tavuvälilehti · 1-9 näkymät
tui-hints-hex = q lopeta · ? ohje · ↑↓ vieritä · ←/→ tai t tavuvälilehti · Tab ruutu · 1-9 näkymät
tui-hints-view = Esc takaisin · ↑↓ PgUp/PgDn vieritä · n/p kehys · ]/[ viesti · 1-9 näkymät · ? ohje
tui-hints-flow = Esc/Enter valitse nuolen rivi · ↑↓ PgUp/PgDn nuolet · m paketeittain/kehyksittäin · ? ohje
tui-hints-follow = Esc takaisin · ↑↓ PgUp/PgDn g/G vieritä · m tila: TCP, TLS, chat · ? ohje
tui-hints-short-list = ? ohje · q lopeta · ↑↓ rivit · n/p kehys · 1-9 näkymät · f suodatin · s yhteys
tui-hints-short-tree = ? ohje · q lopeta · ↑↓ kohdat · ←/→ sulje/avaa · Tab ruutu · t tavut · 1-9
tui-hints-short-hex = ? ohje · q lopeta · ↑↓ vieritä · ←/→ tai t tavuvälilehti · Tab ruutu · 1-9
tui-hints-short-view = ? ohje · Esc takaisin · ↑↓ vieritä · n/p kehys · ]/[ viesti · 1-9 näkymät
tui-hints-short-flow = ? ohje · Esc/Enter valitse nuolen rivi · ↑↓ nuolet · m paketti/kehys
tui-hints-short-follow = ? ohje · Esc takaisin · ↑↓ PgUp/PgDn vieritä · m tila: TCP, TLS, chat

## Haku

tui-search-prompt = hae payloadin tekstiä: { $text }
tui-search-keys = Enter etsi · Esc peru
tui-search-nothing = Vielä ei ole mitään haettavaa.
tui-search-found = "{ $text }" löytyi kehyksestä { $frame } (/ ja Enter: seuraava osuma).
tui-search-not-found = "{ $text }" ei ole näytettyjen rivien yhdessäkään payloadissa.
tui-search-searching = Haetaan "{ $text }"…
tui-filtering = Suodatetaan: { $percent } % riveistä luettu…

## Tilaviestit

tui-status-no-frame =
    { $forward ->
        [next] Listassa ei ole seuraavaa WebSocket-kehystä.
       *[previous] Listassa ei ole edellistä WebSocket-kehystä.
    }
tui-status-no-message =
    { $forward ->
        [next] Listassa ei ole seuraavaa viestiä.
       *[previous] Listassa ei ole edellistä viestiä.
    }
tui-status-all-packets = Kaikki paketit näytetään (a piilottaa ne, joissa ei ole HTTP:tä eikä WebSocketia).
tui-status-ws-rows = Vain HTTP-headerit ja WebSocket-kehykset näytetään.
tui-status-time = Aika: { $format } (T: seuraava muoto).
tui-status-one-tab = Tällä rivillä on vain yksi tavuvälilehti.
tui-status-packets-for = Kaikki paketit näytetään, jotta paketti { $frame } voidaan valita (a piilottaa ne taas).
tui-status-filter-cleared-for = Suodatin piilotti kehyksen { $frame }, joten se tyhjennettiin (f asettaa sen uudelleen).
tui-status-no-row = Kehyksellä { $frame } ei ole riviä listassa.
tui-status-note-whole-capture = Tämä huomio koskee koko kaappausta eikä yhtä riviä.
tui-status-filter-cleared = Suodatin tyhjennetty: kaikki rivit näytetään (? ohje).
tui-status-no-match = Mikään rivi ei täytä suodatinta · f muuta · x lomakkeessa tyhjentää · ? ohje
tui-status-connection-empty = Yhteydessä { $stream } ei ole HTTP-headeria eikä WebSocket-kehystä: a näyttää sen TCP-paketit.

## Suodatinlomake

tui-filter-title = Suodatin (kaikkien osien on toteuduttava)
tui-filter-stream = Virta
tui-filter-stream-n = virta { $stream }
tui-filter-all-streams = kaikki virrat
tui-filter-direction = Suunta
tui-filter-both-directions = molemmat suunnat
tui-filter-show = Näytä
tui-show-any = kaikki
tui-show-http = HTTP-headerit
tui-show-ws = WebSocket-kehykset
tui-show-data = datakehykset (teksti, binääri, jatko)
tui-show-text = tekstikehykset (opcode 1)
tui-show-binary = binäärikehykset (opcode 2)
tui-show-continuation = jatkokehykset (opcode 0)
tui-show-control = ohjauskehykset (close, ping, pong)
tui-show-ping-pong = ping ja pong
tui-show-close = close-kehykset
tui-show-notes = rivit, joilla on huomioita
tui-filter-expression = Näyttösuodatin
tui-filter-expression-syntax = (Wiresharkin syntaksi, kuten dump -Y)
tui-filter-empty = tyhjä: ei näyttösuodatinta
tui-filter-valid = ✓ kelvollinen: Enter ottaa sen käyttöön
tui-filter-further-left = ^ (vasemmalla, näkyvän osan ulkopuolella)
tui-filter-fix-to-apply = — korjaa se, jotta sen voi ottaa käyttöön
tui-filter-hints-expression = kirjoita · Tab kenttä · ↑/↓ aiemmat · Enter käytä · F1 ohje · Esc peru
tui-filter-hints = ←/→ arvo · ↑/↓ kenttä · Enter käytä · x tyhjennä · ? ohje · Esc peru

## Yhteyden valinta

tui-conn-title = Yhteydet — Enter näyttää yhden, Esc peruu
tui-conn-stream = Virta
tui-conn-ends = Asiakas → palvelin
tui-conn-what = Mitä
tui-conn-frames = Kehyksiä
tui-conn-all = kaikki yhteydet
tui-conn-tls-decrypted = TLS (purettu)
tui-proto-websocket = WebSocket
tui-proto-websocket-guessed = WebSocket (arvattu)
tui-proto-http = HTTP
tui-proto-tls = TLS (salattu)
tui-proto-http2 = HTTP/2
tui-proto-other = muu
tui-proto-empty = ei payloadia

## Ohje

tui-help-title = Näppäimet ({ $first }–{ $last } / { $total }; ↑↓ PgUp/PgDn g/G vierittää, Esc sulkee)
tui-help-main = Päänäkymä (mikä tahansa ruutu)
tui-help-list = Pakettilista
tui-help-tree = Tiedot-puu
tui-help-hex = Tavuruutu
tui-help-view = Opetusnäkymät (1-9)
tui-help-notes = Huomiot-näkymä
tui-help-flow = Kulku-näkymä (8; ↑↓ valitsee nuolen)
tui-help-follow = Seuraa-näkymä (9)
tui-help-help = Tämä ohje
tui-help-filter = Suodatinlomake (f)
tui-help-filter-expression = Suodatinlomake: näyttösuodatinkenttä (kirjoita; Ctrl-u tyhjentää)
tui-help-connections = Yhteyden valinta (s)
tui-help-search = Hakukenttä (/)
tui-help-mouse = Hiiri
tui-mouse-click = klikkaus
tui-mouse-click-help = valitsee rivin, puun kohdan tai tavuvälilehden
tui-mouse-click-arrow = klikkaus ▸/▾
tui-mouse-click-arrow-help = avaa/sulkee puun kohdan
tui-mouse-wheel = rulla
tui-mouse-wheel-help = vierittää osoittimen alla olevaa ruutua

## Ohje: mitä kukin näppäin tekee (yksi kutakin src/tui/keys.rs:n sidontaa kohden)

tui-key-main-quit = lopeta
tui-key-main-force-quit = lopeta heti
tui-key-main-help = tämä ohje
tui-key-main-next-pane = seuraava ruutu: lista → tiedot → tavut
tui-key-main-prev-pane = edellinen ruutu
tui-key-main-up = ylös (rivi, puun kohta, tavurivi)
tui-key-main-down = alas
tui-key-main-page-up = sivu ylös
tui-key-main-page-down = sivu alas
tui-key-main-top = ensimmäinen
tui-key-main-bottom = viimeinen
tui-key-main-next-frame = seuraava WebSocket-kehys
tui-key-main-prev-frame = edellinen WebSocket-kehys
tui-key-main-next-message = seuraava viesti (sen ensimmäinen kehys)
tui-key-main-prev-message = edellinen viesti
tui-key-main-search = hae payloadin tekstiä (/ ja taas Enter: seuraava osuma)
tui-key-main-filter = suodata: virta, suunta, opcode, näyttösuodatin
tui-key-main-connections = valitse yhteys
tui-key-main-toggle-packets = näytä/piilota muut TCP-paketit
tui-key-main-next-tab = seuraava tavuvälilehti (Kehys, Koottu, Maskaus purettu…)
tui-key-main-cycle-time = ajan muoto: alusta / edellisestä rivistä / UTC-kello
tui-key-main-expand-all = avaa koko puu
tui-key-main-collapse-all = sulje koko puu
tui-key-main-view-handshake = näkymä: kättely ja Accept vaihe vaiheelta
tui-key-main-view-header = näkymä: kehyksen header bitti bitiltä
tui-key-main-view-unmask = näkymä: maskauksen purku tavu tavulta
tui-key-main-view-message = näkymä: koko viesti (JSON siististi muotoiltuna)
tui-key-main-view-summary = näkymä: yhteyden yhteenveto, tavut kerroksittain
tui-key-main-view-notes = näkymä: huomiot (RFC-rikkeet, kaappauksen ongelmat)
tui-key-main-view-exercise = näkymä: kurssin harjoituksen tarkistuslista
tui-key-main-view-flow = näkymä: yhteyden kulkukaavio
tui-key-main-view-follow = näkymä: seuraa yhteyttä (TCP, TLS, chat)
tui-key-list-next-pane = siirry rivin tietoihin
tui-key-tree-enter = avaa/sulje puun kohta
tui-key-tree-expand = avaa puun kohta
tui-key-tree-collapse = sulje puun kohta (tai siirry sen yläkohtaan)
tui-key-hex-next-tab = seuraava tavuvälilehti
tui-key-hex-prev-tab = edellinen tavuvälilehti
tui-key-view-close = sulje näkymä
tui-key-view-force-quit = lopeta heti
tui-key-view-help = ohje
tui-key-notes-enter = siirry valitun huomion riville
tui-key-flow-enter = valitse nuolen rivi (myös sulkeminen valitsee)
tui-key-flow-mode = nuolet paketeittain / HTTP-headerit ja kehykset
tui-key-follow-mode = seuraava tila: TCP, purettu TLS, chat
tui-key-view-up = vieritä ylös (huomiot: edellinen huomio)
tui-key-view-down = vieritä alas (huomiot: seuraava huomio)
tui-key-view-page-up = sivu ylös
tui-key-view-page-down = sivu alas
tui-key-view-top = alkuun
tui-key-view-bottom = loppuun
tui-key-view-next-frame = seuraava kehys (näkymä seuraa)
tui-key-view-prev-frame = edellinen kehys
tui-key-view-next-message = seuraava viesti
tui-key-view-prev-message = edellinen viesti
tui-key-view-view-handshake = kättely-näkymä
tui-key-view-view-header = kehyksen header -näkymä
tui-key-view-view-unmask = maskauksen purku -näkymä
tui-key-view-view-message = viesti-näkymä
tui-key-view-view-summary = yhteyden yhteenveto -näkymä
tui-key-view-view-notes = huomiot-näkymä
tui-key-view-view-exercise = harjoituksen tarkistuslista -näkymä
tui-key-view-view-flow = kulku-näkymä
tui-key-view-view-follow = seuraa-näkymä
tui-key-help-close = sulje ohje
tui-key-help-up = vieritä ylös
tui-key-help-down = vieritä alas
tui-key-help-page-up = sivu ylös
tui-key-help-page-down = sivu alas
tui-key-help-top = alkuun
tui-key-help-bottom = loppuun
tui-key-filter-close = peru
tui-key-filter-enter = ota suodatin käyttöön
tui-key-filter-field-up = edellinen kenttä
tui-key-filter-field-down = seuraava kenttä
tui-key-filter-value-prev = edellinen arvo
tui-key-filter-value-next = seuraava arvo
tui-key-filter-reset = tyhjennä koko suodatin (heti)
tui-key-filter-help = ohje
tui-key-filter-expr-close = peru
tui-key-filter-expr-enter = ota käyttöön (vain kelvollinen, vihreä lauseke)
tui-key-filter-expr-field-up = edellinen kenttä
tui-key-filter-expr-field-down = seuraava kenttä
tui-key-filter-expr-up = aiempi lauseke (jos ei ole: edellinen kenttä)
tui-key-filter-expr-down = myöhempi lauseke (jos ei ole: seuraava kenttä)
tui-key-filter-expr-help = ohje
tui-key-connections-close = peru
tui-key-connections-enter = näytä vain tämä yhteys
tui-key-connections-up = edellinen yhteys
tui-key-connections-down = seuraava yhteys
tui-key-connections-top = ensimmäinen
tui-key-connections-bottom = viimeinen
tui-key-search-enter = hae valitusta rivistä eteenpäin (jatkaa alusta)
tui-key-search-close = peru

## Virheet käynnistettäessä tai luettaessa

tui-no-terminal = päätettä ei voi käyttää: { $error }. Ilman päätettä (putki, skripti, CI) `wsdissect dump --format text { $capture }` tulostaa samat rivit tekstinä
tui-terminal-error = päätteen virhe: { $error }
tui-internal-error = kaappauksen lukeminen pysähtyi sisäiseen virheeseen: { $error }
tui-loader-died = kaappauksen lukeminen pysähtyi sisäiseen virheeseen

## The list's Info column: wsdissect's additions to Wireshark's words

tui-info-pong = (vastaa pingiin kehyksessä { $frame }, viive { $rtt } ms)
tui-info-inflated = → { $bytes ->
    [one] { $bytes } tavu
   *[other] { $bytes } tavua
}
tui-info-incomplete = [KESKEN]
tui-info-upgrade-refused = (päivitys hylätty)
tui-info-upgrade = (WebSocket-päivitys)
tui-info-head-size = [headerosa { $bytes } B]
tui-info-frame-size = [kehys { $bytes } B]
