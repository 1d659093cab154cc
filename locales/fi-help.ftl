# The command line in Finnish: --help, usage and clap's errors (src/cli/help.rs).
# English is clap's own text (the doc comments of src/cli); tests/cli_help.rs
# checks that every id src/cli/help.rs can look up is here and nothing else.

## clap's own words

help-word-usage = Käyttö:
help-word-commands = Komennot
help-word-arguments = Argumentit
help-word-options = Valitsimet
help-word-options-placeholder = [VALITSIMET]
help-word-default = oletus
help-word-values = arvot
help-word-help = Näytä ohje (--help näyttää enemmän)
help-word-help-long = Näytä ohje (-h näyttää tiivistelmän)
help-word-help-command = Näytä tämä ohje tai annettujen komentojen ohje
help-word-version = Näytä versio
help-valname-command = KOMENTO

## Value names (the placeholders in usage and --help)

help-valname-bytes = TAVUT
help-valname-capture = KAAPPAUS
help-valname-code = KOODI
help-valname-color = VÄRI
help-valname-direction = SUUNTA
help-valname-expr = LAUSEKE
help-valname-file = TIEDOSTO
help-valname-format = MUOTO
help-valname-hex = HEKSA
help-valname-key = AVAIN
help-valname-lang = KIELI
help-valname-opcode = OPCODE
help-valname-payloads = PAYLOADIT
help-valname-port = PORTTI
help-valname-reason = SYY
help-valname-shell = KUORI
help-valname-stream = VIRTA
help-valname-text = TEKSTI
help-valname-value = ARVO

## Commands

help-cmd-wsdissect = Avaa pakettikaappauksia ja opi WebSocket (RFC 6455) tavu tavulta
help-cmd-tui = Käy kättely ja jokainen kehys läpi pääteliittymässä
help-cmd-dump = Tulosta jokainen kättely, kehys, viesti ja huomio JSON-, NDJSON- tai tekstimuodossa
help-cmd-streams = Listaa TCP-yhteydet: päätepisteet, kehykset, tavut, aukot ja mitä niissä kulkee
help-cmd-follow = Wiresharkin "Follow TCP Stream" (Seuraa TCP-virtaa): yhden yhteyden kootut tavut
help-cmd-accept = Laske Sec-WebSocket-Accept Sec-WebSocket-Keystä vaihe vaiheelta ja vertaa annettuun vastaukseen
help-cmd-handshake = Tarkista tekstinä liitetty avauskättely (pyyntö, sitten vastaus) kaikilla säännöillä, joilla kaappauskin tarkistetaan
help-cmd-frame = Rakenna WebSocket-kehys tai pura kehyksiä heksasta ja selitä headerin jokainen bitti
help-cmd-frame-build = Rakenna kehys valitsimista (esim. --text Hello --mask 37fa213d)
help-cmd-frame-decode = Pura ja selitä yksi tai useampi heksana annettu kehys (välilyönnit sallittu)
help-cmd-exercise = Tarkista kurssin harjoitus kaappauksesta: kättely, Accept, maskaus, teksti molempiin suuntiin, sulkemiskättely ja kokovertailu
help-cmd-completions = Tulosta komentotulkin täydennysskripti (bash, zsh, fish, powershell, elvish)
help-cmd-man = Tulosta man-sivu (roff), esim. tiedostoon ~/.local/share/man/man1/wsdissect.1
help-cmd-schema = Tulosta dumpin tulosteen JSON Schema (docs/schema/, docs/json.md)

## Arguments shared by several commands

help-arg-lang = Kieli: fi tai en (oletus: LC_ALL, LC_MESSAGES, LANG; fi* on suomi)
help-arg-color = Väritä `dump --format text`-, `streams`- ja `follow --format text` -tuloste: auto (kun tuloste menee päätteelle eikä NO_COLOR ole asetettu), always, never
help-arg-keylog = NSS-avainloki (SSLKEYLOGFILE), jolla TLS puretaan (voi toistaa); pcapng-tiedoston Decryption Secrets -lohkojen avaimia käytetään ilmankin
help-arg-ws-port = Pura tämän portin yhteydet WebSocketina, vaikka kaappauksessa ei ole kättelyä (voi toistaa)
help-arg-no-guess = Älä arvaa WebSocketia yhteyksiin, joilla ei ole kättelyä
help-arg-max-payload = Payloadin tavuja, jotka säilytetään kehystä ja viestiä kohden
help-arg-max-out-of-order = Epäjärjestyksessä saapuneita tavuja, joita pidetään TCP-suuntaa kohden puuttuvaa segmenttiä odotellessa; sen jälkeen kohta julistetaan aukoksi

## dump

help-arg-dump-captures = pcap- tai pcapng-tiedostot, tai - vakiosyötteelle. Jos niitä on useita, NDJSON-tietueissa on `file`
help-arg-filter = Vain niiden pakettien tietueet, jotka tämä Wiresharkin näyttösuodatin valitsee, esim. 'websocket.opcode == 1 && tcp.stream == 0' (docs/filters.md)
help-arg-dump-format = Tulosteen muoto
help-val-dump-format-json = Yksi JSON-dokumentti
help-val-dump-format-ndjson = Yksi JSON-tietue riviä kohden, kirjoitettuna heti kun se on valmis
help-val-dump-format-text = Yksi rivi kehystä kohden, kuten Wiresharkin Info-sarake
help-arg-dump-stream = Vain tämä TCP-virta (Wiresharkin tcp.stream)
help-arg-packets = Lisäksi yksi tietue pakettia kohden
help-arg-payloads = Mitkä payloadin tavut JSON sisältää: kehysten payloadit (payload_base64), viestien sisällöt (text, data_base64), molemmat tai ei mitään. Kaikki tietueet ja muut kentät kirjoitetaan silti
help-val-dump-payloads-all = Molemmat (oletus: tuloste kuten aina ennenkin)
help-val-dump-payloads-frames = Kehysten payloadit (`payload_base64`) sellaisina kuin ne kulkivat; viestit ilman `text`- ja `data_base64`-kenttiä
help-val-dump-payloads-messages = Viestien sisällöt (`text`, `data_base64`) purettuina; kehykset ilman `payload_base64`-kenttää
help-val-dump-payloads-none = Ei payloadin tavuja: kehykset ilman `payload_base64`-kenttää, viestit ilman `text`- ja `data_base64`-kenttiä

## streams

help-arg-streams-captures = pcap- tai pcapng-tiedostot, tai - vakiosyötteelle
help-arg-json = JSON taulukon sijaan

## follow

help-arg-follow-capture = pcap- tai pcapng-tiedosto, tai - vakiosyötteelle
help-arg-follow-stream = TCP-virran numero (Wiresharkin tcp.stream)
help-arg-direction = Kumman puolen tavut
help-val-follow-direction-both = Molemmat, kaappauksen järjestyksessä
help-val-follow-direction-client = Asiakkaalta palvelimelle
help-val-follow-direction-server = Palvelimelta asiakkaalle
help-arg-follow-format = raw: tavut sellaisinaan; hex: heksavedos; text: tulostettava teksti
help-val-follow-format-hex = Kohta, heksa ja ASCII
help-val-follow-format-raw = Tavut sellaisinaan
help-val-follow-format-text = Tulostettava teksti, muut tavut '.'-merkkeinä
help-arg-tls = Purettu TLS-virta (Wiresharkin "Follow TLS Stream") TCP-tavujen sijaan; tarvitsee avaimet (--keylog tai pcapng, jossa ne ovat)

## tui

help-arg-tui-capture = pcap- tai pcapng-tiedosto, tai - vakiosyötteelle

## accept, handshake

help-arg-key = Asiakkaan Sec-WebSocket-Key
help-arg-accept = Sec-WebSocket-Accept, jota verrataan avaimeen
help-arg-file = Tekstitiedosto, jossa on pyyntö ja vastaus, tai - vakiosyötteelle

## frame build, frame decode

help-arg-text = Tekstikehys, jonka payload on tämä (UTF-8)
help-arg-binary = Binäärikehys, jonka payload on tämä heksana (välilyönnit sallittu)
help-arg-close = Sulkemiskehys tällä sulkemiskoodilla (1000 = normaali sulkeminen)
help-arg-reason = Sulkemiskehyksen syy tekstinä (--close-valitsimen kanssa)
help-arg-zeros = Näin monen nollatavun payload (16- ja 64-bittisten pituuksien näkemiseksi), enintään 16 MiB: kehys rakennetaan muistissa
help-arg-ping = Ping-kehys (payload, jos on, --text- tai --binary-valitsimesta)
help-arg-pong = Pong-kehys (payload, jos on, --text- tai --binary-valitsimesta)
help-arg-opcode = Opcode: 0–15 tai continuation, text, binary, close, ping, pong
help-arg-mask = Maskaa payload tällä 4 tavun maskausavaimella (8 heksanumeroa), kuten asiakkaan on tehtävä
help-arg-no-fin = Nollaa FIN: viestin osia tulee vielä lisää
help-arg-rsv1 = Aseta RSV1 (permessage-deflaten "pakattu"-bitti)
help-arg-hex = Tavut heksana, esim. 81 85 37 fa 21 3d 7f 9f 4d 51 58

## exercise

help-arg-exercise-capture = pcap- tai pcapng-tiedostot (useampi: kukin tarkistetaan erikseen), tai - vakiosyötteelle
help-arg-exercise-format = Tulosteen muoto
help-val-exercise-format-json = Tarkistuslista JSONina (avaimet ja tunnisteet englanniksi)
help-val-exercise-format-text = Lauseina, valitulla kielellä
help-arg-exercise-stream = Arvioi tämä TCP-virta (Wiresharkin tcp.stream) parhaan sijaan

## completions, schema

help-arg-shell = Komentotulkki
help-arg-schema-format = ndjson: yksi rivi, mikä tahansa tietue (`dump`in oletus); json: `dump --format json` -dokumentti
help-val-schema-format-json = `dump --format json` -tulosteen yksi dokumentti
help-val-schema-format-ndjson = Yksi NDJSON-rivi: mikä tahansa tietue (`dump --format ndjson`)

## Global values

help-val-wsdissect-color-always = Aina (myös putkeen: `| less -R`)
help-val-wsdissect-color-auto = Kun tuloste menee päätteelle eikä NO_COLOR ole asetettu
help-val-wsdissect-color-never = Ei koskaan
help-val-wsdissect-lang-en = Englanti
help-val-wsdissect-lang-fi = Suomi, kurssin kieli

## clap's usage errors

help-error-argument-conflict = virhe: valitsinta '{ $arg }' ei voi käyttää yhdessä valitsimen '{ $prior }' kanssa
help-error-invalid-subcommand = virhe: tuntematon komento '{ $value }'
help-error-invalid-utf8 = virhe: argumentti ei ole kelvollista UTF-8:aa
help-error-invalid-value = virhe: arvo '{ $value }' ei kelpaa valitsimelle '{ $arg }'
help-error-missing-required-argument = virhe: seuraavat pakolliset argumentit puuttuvat: { $arg }
help-error-missing-subcommand = virhe: '{ $value }' tarvitsee komennon, mutta sitä ei annettu
help-error-no-equals = virhe: valitsimelle '{ $arg }' annetaan arvo yhtäsuuruusmerkillä (=)
help-error-too-few-values = virhe: valitsimelle '{ $arg }' annettiin liian vähän arvoja ({ $actual }, tarvitaan { $expected })
help-error-too-many-values = virhe: ylimääräinen arvo '{ $value }' valitsimelle '{ $arg }'
help-error-unknown-argument = virhe: tuntematon argumentti '{ $arg }'
help-error-value-validation = virhe: arvo '{ $value }' ei kelpaa valitsimelle '{ $arg }'
help-error-wrong-number-of-values = virhe: valitsimelle '{ $arg }' annettiin { $actual } arvoa, tarvitaan { $expected }
help-error-word-possible = mahdolliset arvot
help-error-word-tip = vihje: samankaltainen on olemassa
help-error-word-usage-tip = Lisätietoja: '--help'.
