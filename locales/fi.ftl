# wsdissectin suomenkieliset viestit. Jokaisen tunnisteen on oltava myös
# en.ftl:ssä (tests/i18n.rs). Termit: docs/glossary.md (kurssin termit).

## Yleiset sanat

severity-error = virhe
severity-warning = varoitus
severity-info = tieto
dir-client-to-server = asiakas→palvelin
dir-server-to-client = palvelin→asiakas
ok-mark = ✓
bad-mark = ✗
cannot-read = tiedostoa { $file } ei voi lukea: { $error }

## wsdissect accept

accept-title = Sec-WebSocket-Accept vaihe vaiheelta (RFC 6455 §4.2.2)
accept-step-key = 1. Asiakkaan lähettämä avain (Sec-WebSocket-Key): { $key }
accept-key-ok = { $len } tavun base64, kuten pitää (16 satunnaista tavua, RFC 6455 §4.1): { $hex }
accept-key-wrong-len = ✗ { $len } tavun base64; avaimen on oltava 16 satunnaisen tavun base64 (RFC 6455 §4.1), joten palvelimen on hylättävä se
accept-key-not-base64 = ✗ ei kelvollista base64:ää ({ $error }); avaimen on oltava 16 satunnaisen tavun base64 (RFC 6455 §4.1), joten palvelimen on hylättävä se
accept-step-glue = 2. Avain ja GUID liimattuna yhteen (avaimen teksti, ei sen dekoodattuja tavuja):
accept-step-sha1 = 3. Tämän tekstin SHA1-hash (20 tavua) heksana:
accept-step-base64 = 4. Nämä 20 tavua base64-enkoodattuna: arvo, jolla palvelin vastaa:
accept-answer = Sec-WebSocket-Accept: { $accept }
accept-given = Annettu (--accept): { $given }
accept-equal = ✓ sama: tämä vastaus todistaa, että palvelin luki tämän avaimen
accept-different = ✗ eroaa merkistä { $pos } alkaen: odotettu { $expected_char }, annettu { $given_char }
accept-different-length = ✗ eroaa: annettu arvo on { $given_len } merkkiä, odotettu { $expected_len }; ne ovat samat merkkiin { $pos } asti
accept-expected-line = odotettu: { $value }
accept-given-line = annettu:  { $value }
accept-client-fails = Asiakkaan, joka saa tämän vastauksen, on katkaistava yhteys (RFC 6455 §4.1); selaimen WebSocket laukaisee `error`-tapahtuman ja sitten `close`-tapahtuman koodilla 1006.

## wsdissect handshake

handshake-no-request = { $file }: HTTP-pyyntöä ei löydy (tekstin pitäisi alkaa pyyntörivillä, kuten "GET /chat HTTP/1.1")
handshake-bad-request = { $file }, rivi { $line }: pyyntöä ei voi jäsentää: { $error }
handshake-bad-response = { $file }, rivi { $line }: vastausta ei voi jäsentää: { $error }
handshake-title = Kättely (RFC 6455 §4) tiedostosta { $file }
handshake-request = Pyyntö (rivi { $line }): { $start }
handshake-response = Vastaus (rivi { $line }): { $start }
handshake-no-response = Tekstissä ei ole vastausta: vain pyyntö tarkistetaan.
handshake-key = Sec-WebSocket-Key: { $key }
handshake-key-valid = 16 tavun base64 ✓
handshake-key-invalid = ei 16 tavun base64 ✗
handshake-version = Sec-WebSocket-Version: { $version }
handshake-expected-accept = Tämän avaimen vaatima Accept: { $accept }  (wsdissect accept { $key } näyttää vaiheet)
handshake-accept = Annettu Sec-WebSocket-Accept: { $accept }
handshake-subprotocol = Valittu aliprotokolla: { $name }
handshake-extensions = Hyväksytyt laajennukset: { $list }
handshake-notes = Huomiot ({ $count }):
handshake-clean = ✓ Kaikki RFC 6455:n §4.1:n ja §4.2:n tarkistukset menevät läpi: selain avaisi tämän yhteyden.
handshake-clean-request = ✓ Pyyntö läpäisee kaikki RFC 6455:n §4.1:n tarkistukset.
handshake-not-upgraded = ✗ Yhteydestä ei tulisi WebSocket-yhteyttä.

## Kättelyn huomiot (samat lauseet kuin kaappauksissa)

note-browser-fails = selain katkaisee yhteyden tässä (sen WebSocket laukaisee `error`-tapahtuman ja sitten `close`-tapahtuman koodilla 1006); wsdissect dekoodaa silti sen, mitä tulee perässä
note-hs-not-get = päivityspyyntö käyttää metodia { $method }; kättelyn on oltava GET, joten palvelimen on hylättävä se
note-hs-http-version = päivityspyyntö on { $version }; kättely vaatii HTTP/1.1:n tai uudemman, joten palvelimen on hylättävä se
note-hs-request-missing = päivityspyynnöstä puuttuu { $header }
note-hs-response-missing = 101-vastauksesta puuttuu { $header }
note-hs-repeated = { $header } esiintyy { $count } kertaa; sen saa esiintyä vain kerran
note-hs-bad-key = Sec-WebSocket-Key { $key } ei ole 16 satunnaisen tavun base64-enkoodaus
note-hs-wrong-version = Sec-WebSocket-Version on { $value }; RFC 6455 vaatii arvon 13
note-hs-ext-malformed-request = pyynnön Sec-WebSocket-Extensions ei jäsenny: { $error }
note-hs-ext-malformed-response = vastauksen Sec-WebSocket-Extensions ei jäsenny: { $error }
note-hs-refused = palvelin vastasi päivityspyyntöön statuskoodilla { $status } eikä 101, joten yhteys jää HTTP:ksi
note-hs-accept-on-refusal = vastauksessa { $status } on Sec-WebSocket-Accept, jolla on merkitystä vain 101 Switching Protocols -vastauksessa
note-hs-version-refusal = vastaus { $status } hylkää version { $asked } ilman Sec-WebSocket-Version-otsaketta, joka kertoisi palvelimen ymmärtämät versiot (esim. 426 Upgrade Required ja Sec-WebSocket-Version: 13), joten asiakas ei tiedä, millä versiolla yrittää uudelleen
note-hs-accept-mismatch = Sec-WebSocket-Accept on { $got }, mutta base64(SHA1(avain + GUID)) on { $expected }
note-hs-accept-no-key = Sec-WebSocket-Accept on { $got }, mutta pyynnössä ei ollut avainta, jonka se voisi todistaa
note-hs-subprotocol = palvelin valitsi aliprotokollan { $chosen }, jota asiakas ei tarjonnut
note-hs-extension = palvelin hyväksyi laajennuksen { $name }, jota asiakas ei tarjonnut
note-hs-deflate = permessage-deflate hyväksyttiin virheellisin parametrein: { $error }

## Kehyksen headerin huomiot (samat lauseet kuin kaappauksissa)

note-frame-client-unmasked = asiakkaan kehystä ei ole maskattu: jokainen kehys asiakkaalta palvelimelle on maskattava (tämä suojaa välityspalvelimia välimuistin myrkyttämiseltä)
note-frame-server-masked = palvelimen kehys on maskattu: palvelin ei saa koskaan maskata kehyksiään
note-frame-rsv1 = RSV1 on asetettu, mutta mitään sen määrittelevää laajennusta (kuten permessage-deflate) ei ole sovittu
note-frame-rsv-other = { $bit } on asetettu, mutta mikään sovittu laajennus ei määrittele tätä bittiä
note-frame-rsv1-control = RSV1 on asetettu ohjauskehyksessä; permessage-deflate ei koskaan pakkaa ohjauskehyksiä
note-frame-rsv1-continuation = RSV1 on asetettu jatkokehyksessä; vain viestin ensimmäinen kehys kertoo, onko viesti pakattu
note-frame-reserved-opcode = opcode { $code } on varattu tulevaan käyttöön; vastaanottajan on katkaistava yhteys
note-frame-non-minimal = pituus { $len } on koodattu useampaan tavuun kuin tarvitaan (7-bittinen kenttä { $len7 }); lyhin koodaus vaaditaan
note-frame-non-minimal-unknown = payloadin pituus on koodattu useampaan tavuun kuin tarvitaan; lyhin koodaus vaaditaan
note-frame-top-bit = 64-bittisen pituuden eniten merkitsevä bitti on asetettu, mikä ei ole sallittua
note-frame-control-too-long = { $op }-kehyksessä on { $len } tavua; ohjauskehyksessä saa olla enintään 125
note-frame-control-fragmented = { $op }-kehyksen FIN on 0; ohjauskehyksiä ei saa pilkkoa osiin

## wsdissect frame build / decode

frame-bad-hex = ei heksadesimaalia: { $what } merkin { $pos } kohdalla
frame-odd-hex = pariton määrä heksanumeroita ({ $count }): jokainen tavu on kaksi numeroa
frame-bad-mask = maskausavain on 4 tavua eli 8 heksanumeroa (kuten 37fa213d): { $given }
frame-bad-opcode = tuntematon opcode { $given }: anna 0–15 tai continuation, text, binary, close, ping, pong
frame-no-input = tavuja ei annettu: liitä kehys heksana (välilyönnit sallittu), esim. 81 85 37 fa 21 3d 7f 9f 4d 51 58
frame-reason-needs-close = --reason vaatii valitsimen --close KOODI
frame-title = Kehys { $n }: { $len } tavua
frame-title-at = Kehys { $n } (tavusta { $offset }): { $len } tavua
frame-bytes-more = … (yhteensä { $len } tavua)
frame-intro = Jokainen WebSocket-kehys alkaa 2 kiinteällä tavulla, sitten tulee 0, 2 tai 8 tavua lisäpituutta ja 4 tavun maskausavain, jos MASK on asetettu: yhteensä 2–14 tavua (RFC 6455 §5.2).
frame-byte0 = Tavu 0 = { $hex } = { $bits }
frame-byte1 = Tavu 1 = { $hex } = { $bits }
frame-fin-1 = FIN = 1: tämä on viestinsä viimeinen kehys (koko viesti, jos se on myös ensimmäinen).
frame-fin-0 = FIN = 0: tämän viestin kehyksiä tulee lisää (pilkkominen, §5.4).
frame-rsv-clear = RSV1–3 = 0: varattu laajennuksille; permessage-deflate asettaa RSV1:n pakatuissa viesteissä.
frame-rsv1-set = RSV1 = 1: permessage-deflaten kanssa se tarkoittaa "tämä viesti on pakattu" (RFC 7692 §6); ilman sen määrittelevää laajennusta vastaanottajan ON katkaistava yhteys.
frame-rsv-other-set = { $bit } = 1: mikään laajennus ei määrittele sitä: protokollavirhe (§5.2).
frame-opcode = opcode = { $code }: { $meaning }
op-continuation = continuation (jatko): lisää edellisen kehyksen aloittamaa viestiä
op-text = text (teksti): UTF-8-tekstiviesti (tai sen ensimmäinen osa)
op-binary = binary (binääri): binääriviesti (tai sen ensimmäinen osa)
op-close = close (sulkeminen): aloittaa sulkemiskättelyn tai vastaa siihen (§5.5.1)
op-ping = ping: toisen osapuolen on vastattava pongilla (§5.5.2)
op-pong = pong: vastaus pingiin (§5.5.3)
op-reserved-data = varattu tuleville datakehyksille: vastaanottajan ON katkaistava yhteys
op-reserved-control = varattu tuleville ohjauskehyksille: vastaanottajan ON katkaistava yhteys
frame-mask-1 = MASK = 1: payload on XOR-attu 4 tavun maskausavaimella. Jokainen asiakkaan kehys ON maskattava (§5.3, §10.3).
frame-mask-0 = MASK = 0: payload lähetetään sellaisenaan. Palvelin EI SAA maskata kehyksiään; asiakkaan ON maskattava jokainen kehys (§5.1).
frame-len7 = payload len = { $len7 }: arvot 0–125 ovat itse pituus, joten payload on { $len } tavua eikä lisäpituutta tule (126 tarkoittaisi "16-bittinen pituus seuraa", 127 "64-bittinen pituus seuraa").
frame-len16 = payload len = 126: oikea pituus ei mahtunut välille 0–125, joten se tulee seuraavissa 2 tavussa 16-bittisenä etumerkittömänä lukuna (verkkotavujärjestyksessä).
frame-len64 = payload len = 127: oikea pituus tulee seuraavissa 8 tavussa 64-bittisenä etumerkittömänä lukuna, jonka eniten merkitsevän bitin ON oltava 0.
frame-ext-len = Tavut { $from }–{ $to }: lisäpituus ({ $bits } bittiä)
frame-ext-len-value = { $hex }  =  { $len } tavua
frame-ext-minimal = ✓ Lyhin koodaus tälle pituudelle, kuten vaaditaan.
frame-ext-not-minimal = ✗ Tämä pituus olisi mahtunut lyhyempään koodaukseen: RFC vaatii pienimmän määrän tavuja (§5.2).
frame-ext-top-bit = ✗ 64-bittisen pituuden eniten merkitsevän bitin ON oltava 0 (§5.2).
frame-mask-key = Tavut { $from }–{ $to }: maskausavain
frame-mask-key-text = Payloadin tavu i XOR-ataan avaimen tavulla key[i mod 4]. Uusi, ennalta arvaamaton avain jokaiselle kehykselle (§5.3); se kulkee selväkielisenä: maskaus ei ole salausta.
frame-payload = Payload: { $len } tavua
frame-payload-wire = linjalla:
frame-payload-unmasked = maskaus purettuna:
frame-payload-text = teksti (UTF-8): { $text }
frame-payload-not-utf8 = ✗ ei kelvollista UTF-8:aa, jota tekstiviestin on oltava (§8.1)
frame-close-code = sulkemiskoodi { $code } ({ $name }), syy { $reason }
frame-close-empty = ei sulkemiskoodia (tyhjä close-payload on sallittu, §5.5.1)
frame-close-one-byte = ✗ 1 tavun close-payload: koodi vaatii 2 tavua (§5.5.1)
frame-total = Header { $header } tavua + payload { $payload } tavua = { $total } tavua linjalla.
frame-problems = Säännöt, joita tämä kehys rikkoo:
frame-error-at = kehys { $n } tavusta { $offset }: { $error }
frame-missing-header = kehyksen header tarvitsee { $needed } tavua, mutta vain { $have } on annettu; puuttuu: { $part }
frame-missing-payload = payload on { $needed } tavua, mutta vain { $have } on annettu: { $missing } tavua puuttuu
part-byte0 = tavu 0 (FIN, RSV1–3, opcode)
part-byte1 = tavu 1 (MASK, payload len)
part-ext-len = lisäpituus
part-mask-key = maskausavain

## wsdissect exercise

exercise-title = Kurssin tehtävä: selain ja paikallinen WebSocket-palvelin kaappauksessa
exercise-capture = Kaappaus: { $file }
exercise-stream = Yhteys: TCP-virta { $stream }, { $client } → { $server }
exercise-no-stream = Kaappauksessa ei ole WebSocket-yhteyttä.
exercise-other-streams = Muut WebSocket-yhteydet: { $list } (valitse valitsimella --stream N)
exercise-frames = kehykset { $list }
exercise-key = TUI-näppäin { $key }
exercise-item-upgrade = Päivityspyyntö ja siihen vastaus 101
exercise-item-accept = Sec-WebSocket-Accept todistaa avaimen
exercise-item-client-masked = Asiakkaan kehykset palvelimelle on maskattu
exercise-item-server-unmasked = Palvelimen kehyksiä asiakkaalle ei ole maskattu
exercise-item-text-client-to-server = Tekstiviesti asiakkaalta palvelimelle
exercise-item-text-server-to-client = Tekstiviesti palvelimelta asiakkaalle
exercise-item-close = Sulkemiskättely
exercise-item-size = Kokovertailu: kehysten headerit vastaan HTTP-headerit
exercise-upgrade-seen = pyyntö kehyksessä { $request }, vastaus { $status } kehyksessä { $response }
exercise-upgrade-request-only = pyyntö kehyksessä { $request }, kaappauksessa ei ole vastausta 101
exercise-accept-ok = { $accept } = base64(SHA1(avain + GUID))
exercise-accept-wrong = palvelin lähetti arvon { $accept }, avain vaatii arvon { $expected }
exercise-masking = { $masked }/{ $frames } kehystä maskattu
exercise-text = { $count ->
    [one] 1 tekstiviesti
   *[other] { $count } tekstiviestiä
}
exercise-close-answered = { $who } sulki koodilla { $code } ({ $name }), syy { $reason }; { $other } vastasi
exercise-close-unanswered = { $who } sulki koodilla { $code } ({ $name }), syy { $reason }; { $other } ei vastannut kaappauksen aikana
exercise-close-no-code = { $who } sulki ilman koodia; { $other } { $answered ->
    [yes] vastasi
   *[no] ei vastannut kaappauksen aikana
}
exercise-who-client = asiakas
exercise-who-server = palvelin
exercise-size-seen = ks. alla
exercise-missing = ei löytynyt
exercise-hint-upgrade = Aloita kaappaus ennen kuin sivu avaa WebSocket-yhteytensä (lataa sivu uudelleen kaappauksen aikana) liitännässä, jota liikenne käyttää (loopback: lo tai lo0).
exercise-hint-accept = Palvelimen Sec-WebSocket-Accept ei todista avainta: wsdissect accept AVAIN näyttää, mikä sen pitäisi olla; selain hylkää tällaisen palvelimen.
exercise-hint-client-masked = Jokainen asiakkaan kehys on maskattava; selain maskaa aina, joten maskaamaton asiakkaan kehys tarkoittaa asiakasta, joka rikkoo RFC 6455:n §5.1:tä (tai asiakkaan kehyksiä ei kaapattu: lähetä viesti sivulta).
exercise-hint-server-unmasked = Palvelin ei saa koskaan maskata (RFC 6455 §5.1); jos palvelimen kehyksiä ei ole, anna palvelimen vastata (kaikupalvelin vastaa) ennen kuin lopetat kaappauksen.
exercise-hint-text-client-to-server = Lähetä sivulta tekstiviesti (ws.send("hei")) kaappauksen aikana.
exercise-hint-text-server-to-client = Anna palvelimen lähettää tekstiä (kaikupalvelin vastaa jokaiseen viestiin) kaappauksen aikana.
exercise-hint-close = Sulje yhteys kaappauksen aikana (sivulla ws.close(1000, "valmis") tai sulje välilehti) ja lopeta kaappaus vasta vastauksen jälkeen.
exercise-hint-size = Vaatii kättelyn (pyyntö ja vastaus 101) ja vähintään yhden viestin kaappauksessa.
exercise-size-title = Kokovertailu (docs/exercise.fi.md)
exercise-size-framing = { $messages } viestiä ({ $payload } tavua payloadia) { $frames } kehyksessä: { $framing } tavua kehysten headereita, { $per } tavua viestiä kohden.
exercise-size-polling = HTTP-pollauksena, jokainen viesti yksi pyyntö ja vastaus tämän kaappauksen headereilla (pyyntö { $request } + vastaus { $response } = { $each } tavua): { $messages } × { $each } = { $polling } tavua, { $ratio } kertaa kehysten headerit.
exercise-size-once = WebSocket maksoi nämä { $each } tavua headereita kerran, kättelyssä.
exercise-tls = TLS:ää ei purettu (TCP-virta { $streams }): wss://-tehtävää varten anna avainloki valitsimella --keylog TIEDOSTO (selain kirjoittaa sen, kun SSLKEYLOGFILE nimeää tiedoston; ks. docs/tls.md).
exercise-complete = Kaikki { $count } kohtaa löytyivät.
exercise-incomplete = { $missing }/{ $count } kohtaa ei löytynyt.
exercise-bad-stream = TCP-virta { $stream } ei kuljeta WebSocketia tässä kaappauksessa

## Kaappausten huomiot (huomion `message`; säännön tunniste pysyy englanniksi)

side-client = asiakas
side-server = palvelin
ended-reset = yhteys nollattiin (RST)
ended-fin = yhteys suljettiin (FIN)
ended-capture = kaappaus päättyy
gap-not-captured = kaappaus ei saanut näitä tavuja (myöhempiä tavuja nähtiin)
gap-truncated = snaplen katkaisi paketin
gap-budget = liian monta epäjärjestyksessä tullutta tavua odotti tämän aukon täyttymistä
note-sync-lost-gap = aukko { $dir }-suunnan virrassa kätkee, mistä seuraava WebSocket-kehys alkaa; etsitään uskottavaa kehyksen headeria, jotta voidaan jatkaa
note-resync = kehysten rajat löytyivät taas virran kohdasta { $at }, kun { $skipped } tulkitsematonta tavua ohitettiin; seuraavat kehykset ovat paras arvaus
note-data-after-close = { $sender } lähetti datakehyksen oman close-kehyksensä jälkeen
note-control-after-close = { $sender } lähetti { $op }-kehyksen oman close-kehyksensä jälkeen; sallittua, mutta mikään ei enää tarvitse sitä
note-payload-cap = payload on { $len } tavua; vain ensimmäiset { $kept } säilytetään (--max-payload)
note-close-code-never-sent = sulkemiskoodi { $code } ({ $name }) on varattu raportointiin, eikä sitä saa koskaan lähettää close-kehyksessä
note-close-code-reserved = sulkemiskoodi { $code } ei ole lähetettäväksi kelpaava koodi ({ $name })
note-close-reason-utf8 = sulkemisen syy ei ole kelvollista UTF-8:aa
note-close-one-byte = close-kehyksen payload on yhden tavun mittainen: sen on oltava tyhjä tai alettava 2 tavun statuskoodilla
note-unsolicited-pong = pong, joka ei vastaa mihinkään kaappauksen pingiin (sallittu yksisuuntaisena sykkeenä)
note-data-inside-fragmented = uusi { $op }-kehys alkaa, vaikka viesti { $index } on vielä kesken (sen viimeisessä kehyksessä on ensin oltava FIN)
note-continuation-without-start = jatkokehys saapuu, vaikka mikään osiin pilkottu viesti ei ole kesken
note-utf8-stops = tekstiviesti { $index } lakkaa olemasta kelvollista UTF-8:aa tavun { $at } kohdalla (tässä kehyksessä); vastaanottajan on nyt katkaistava yhteys
note-utf8-invalid = tekstiviesti { $index } ei ole kelvollista UTF-8:aa; vastaanottajan on katkaistava yhteys
note-decompress-incomplete = viesti { $index } on pakattu, mutta kaikkia sen tavuja ei kaapattu, joten sitä ei voi purkaa
note-decompress-cap = viesti { $index } purkautuu yli { $cap } tavuksi; purkaminen pysäytettiin siihen (pakkauspommi ei voi kuluttaa muistia loppuun)
note-decompress-context-lost = viesti { $index } käyttää aiempien viestien pakkauskontekstia, jonka aukko tai virhe teki tuntemattomaksi; sitä ei voi purkaa
note-decompress-failed = viestiä { $index } ei voi purkaa: { $error }
note-sync-lost-bytes = { $n } tavua aukon jälkeen ei voitu sovittaa WebSocket-kehyksiin, eikä niitä tulkita
note-incomplete-header = { $ended } { $n } tavun kohdalla WebSocket-kehyksen headeria ({ $op }-kehys, ensimmäinen tavu { $byte })
note-incomplete-payload = { $ended } kesken WebSocket-kehyksen: sen { $len } payload-tavusta nähtiin { $got }
note-incomplete-message = viesti { $index } ei saanut viimeistä kehystään (FIN): { $ended }
note-http-chunked-malformed = chunked-koodattu HTTP-runko on virheellinen ({ $error }); tämän suunnan loppua ei tulkita
note-http-head-too-long = yli { $max } tavun HTTP-headerosalla ei ole loppua; tämän suunnan loppua ei tulkita
note-http-head-bad = HTTP-headerosa ei jäsenny ({ $error }); tämän suunnan loppua ei tulkita
note-http-bytes-missing = HTTP-tavuja puuttuu, joten tämän suunnan loppua ei voi jäsentää
note-upgrade-unanswered = päivityspyyntö ei saa kaappauksessa vastausta
note-upgrade-client-kept-sending = asiakas jatkoi lähettämistä päivityspyyntönsä jälkeen, mutta vastausta ei tullut; sen tavuja ei tulkita
note-tcp-gap = { $dir }-suunnan virrasta puuttuu { $len } tavua kohdasta { $offset }: { $reason }
note-mid-stream = kaappaus alkaa kesken { $dir }-suunnan virran: sen ensimmäisiä tavuja ei kaapattu
note-tcp-conflict = uudelleenlähetyksessä on kohdassa { $offset } eri tavut kuin ensimmäisessä kopiossa; ensimmäistä kopiota käytetään
note-tcp-budget = liian monta epäjärjestyksessä tullutta tavua odotti puuttuvaa segmenttiä; aukko julistetaan puuttuvaksi
note-http2-alpn = TLS-yhteys sopi HTTP/2:sta (ALPN h2): WebSocket HTTP/2:n yli (RFC 8441) näytetään HTTP/2-datana eikä sitä tulkita
note-http2-preface = asiakas puhuu HTTP/2:ta (sen yhteyden aloitus): WebSocket HTTP/2:n yli (RFC 8441) on HTTP/2:n DATA-kehysten sisällä, joita wsdissect ei tulkitse
note-guessed = kaappauksessa ei ole WebSocket-kättelyä; tulkittu WebSocketiksi, koska { $why }
guess-why-port = sen portti annettiin valitsimella --ws-port
guess-why-frames = sen tavut jäsentyvät jonoksi kelvollisia kehyksiä
note-unsupported-link = { $count } pakettia käyttää linkkityyppiä, jota wsdissect ei tulkitse, ja ne ohitettiin

## TLS-huomiot

tls-level-fatal = fatal
tls-level-warning = warning
note-tls-alert = TLS-hälytys { $name } ({ $code }, { $level })
note-tls-undecryptable = TLS-liikennettä, jota ei voi purkaa: { $reason }; { $advice }
tls-why-no-handshake = kaappauksessa ei ole tämän yhteyden TLS-kättelyä
tls-why-no-keylog = avainlokia ei ole
tls-why-no-keys = avainlokissa ei ole riviä client randomille { $random }
tls-why-missing-secret = avainlokissa ei ole tämän istunnon { $label }-salaisuutta
tls-why-version = { $version }:aa ei pureta
tls-why-suite = { $name } ({ $id }): { $why }
tls-why-suite-unknown = tuntematon salausjoukko
tls-suite-not-aead = CBC- ja virtasalauksia ei pureta
tls-suite-other-aead = vain AES-GCM ja ChaCha20-Poly1305 puretaan
tls-suite-wrong-version = salausjoukko ei kuulu sovittuun versioon
tls-suite-unknown = ei ole IANAn rekisterissä
tls-why-key-mismatch = { $label } kohdasta { $source } ei pura { $side }-puolen ensimmäistä tietuetta
tls-why-secret-length = { $label } kohdassa { $source } on { $got } tavua, salausjoukko tarvitsee { $want }
tls-advice-no-handshake = aloita kaappaus ennen kuin yhteys avataan (lataa sivu uudelleen kaappauksen aikana)
tls-advice-no-keylog = käynnistä selain ympäristömuuttujalla SSLKEYLOGFILE=/polku/keys.log ja anna tiedosto valitsimella --keylog
tls-advice-no-keys = avainlokia ei kirjoittanut tämän yhteyden avannut ohjelma, tai se on toisesta istunnosta: kaappaa ja kirjaa avaimet samaan aikaan
tls-advice-missing-secret = avainloki on vajaa (katkaistu tai suodatettu): käytä koko kaappauksen aikana kirjoitettua tiedostoa
tls-advice-version = vain TLS 1.2 ja TLS 1.3 puretaan: määritä asiakas tai palvelin käyttämään TLS 1.2:ta tai uudempaa
tls-advice-suite = vain AES-GCM- ja ChaCha20-Poly1305-salausjoukot puretaan: määritä palvelin suosimaan AEAD-salausjoukkoa
tls-advice-key-mismatch = avainlokin rivi ei sovi tähän kaappaukseen: varmista, että avainloki ja kaappaus ovat samasta istunnosta
tls-advice-secret-length = avainlokin salaisuus on väärän pituinen tälle salausjoukolle: riviä on luultavasti muokattu tai se on toisesta istunnosta
note-tls-not-record = tavut eivät ole TLS-tietue ({ $error }): tämän suunnan tietueiden rajat ovat kadonneet
note-tls-decrypt = TLS-tietue ei purkaudu ({ $error }); sitä ei näytetä datana
note-tls-handshake = TLS-kättelyn viesti ei jäsenny: { $error }
note-tls-reassembly = TLS-kättelyn kokoaminen pysähtyi: { $error }
note-tls-empty-inner = TLS 1.3 -tietue purkautuu pelkäksi täytteeksi: siinä ei ole sisältötyyppiä (RFC 8446 §5.4)
note-tls-too-long = TLS-tietue purkautuu { $len } tavuksi, yli 2^14 (record_overflow, RFC 8446 §5.4)
note-tls-bad-alert = TLS-hälytystietue, jonka pituus ei ole 2:n monikerta
note-tls-gap = { $len } tavua TLS:ää puuttuu: tietueiden rajat ja järjestysnumerot ovat kadonneet, joten tämän suunnan loppua ei voi purkaa
note-tls-resynced = TLS-tietueiden rajat löytyivät taas, kun { $skipped } tavua ohitettiin
note-tls-resync-failed = aukon jälkeen mikään puuttuvien tavujen sallima järjestysnumero ({ $tried } kokeiltu) ei todenna seuraavaa TLS-tietuetta: tämän suunnan loppua ei voi purkaa
note-tls-truncated = yhteys päättyy { $pending } tavun kohdalla TLS-tietuetta
note-tls-also-undecryptable = myöskään tätä suuntaa ei voi purkaa: { $reason }; { $advice }

## dump --format text (Wiresharkin Info-sarakkeen sanat — opcodet, [FIN], len=, TCP-liput — pysyvät kuten Wireshark ne kirjoittaa)

dumptext-handshake = Kättely
dumptext-refused = hylätty ({ $status })
dumptext-accept-ok = Accept ✓
dumptext-accept-bad = Accept ✗ (saatu { $got }, odotettu { $expected })
dumptext-no-response = ei vastausta
dumptext-subprotocol = { " " }aliprotokolla={ $name }
dumptext-close-reason = { " " }syy={ $reason }
dumptext-pong = { " " }(vastaa kehyksen { $frame } pingiin, rtt { $rtt } ms)
dumptext-incomplete = { " " }[KESKEN]
dumptext-bytes = { $n } tavua
dumptext-content-unknown = (sisältö tuntematon)
dumptext-message = viesti #{ $index } { $op } { $len } tavua
dumptext-compressed-ratio = { " " }(pakattuna { $wire } tavua linjalla, { $ratio })
dumptext-compressed = { " " }(pakattuna { $wire } tavua linjalla)
dumptext-severity-error = Virhe
dumptext-severity-warning = Varoitus
dumptext-severity-info = Tieto
dumptext-summary = { $packets ->
        [one] { $packets } paketti
       *[other] { $packets } pakettia
    }, { $streams ->
        [one] { $streams } TCP-virta
       *[other] { $streams } TCP-virtaa
    }, { $handshakes ->
        [one] { $handshakes } kättely
       *[other] { $handshakes } kättelyä
    }, { $frames ->
        [one] { $frames } WebSocket-kehys
       *[other] { $frames } WebSocket-kehystä
    }, { $messages ->
        [one] { $messages } viesti
       *[other] { $messages } viestiä
    }, huomiot: { $info ->
        [one] { $info } tieto
       *[other] { $info } tietoa
    } / { $warning ->
        [one] { $warning } varoitus
       *[other] { $warning } varoitusta
    } / { $error ->
        [one] { $error } virhe
       *[other] { $error } virhettä
    }
ratio-added = { $ratio }×, pakkaus lisäsi { $added } { $added ->
        [one] tavun
       *[other] tavua
    }
ratio-nothing = 1.0×, pakkaus ei säästänyt mitään

## wsdissect streams (taulukon otsikko; arvot ovat mallin)

streams-col-stream = virta
streams-col-client = asiakas
streams-col-server = palvelin
streams-col-first = alku
streams-col-last = loppu
streams-col-packets-out = pak→
streams-col-packets-in = pak←
streams-col-bytes-out = tavut→
streams-col-bytes-in = tavut←
streams-col-gaps = aukot
streams-col-protocol = protokolla
streams-col-tls = tls
streams-col-first-payload = ensimmäinen payload

# The first payload column (JSON keeps the English)
first-payload-tls-client-hello = TLS ClientHello
first-payload-tls-handshake = TLS-kättely
first-payload-ssh-banner = SSH-tervehdysrivi
first-payload-other = muu ({ $hex } …)

## wsdissect follow (teksti- ja heksamuodon otsikot)

follow-title = Seuraa { $proto }-virtaa { $stream }: asiakas { $client } → palvelin { $server }
follow-roles-guessed = { " " }(roolit arvattu: SYN-pakettia ei nähty)
follow-dir-client = asiakas → palvelin
follow-dir-server = palvelin → asiakas
follow-dir-header = === { $dir } (kehys { $frame }) ===
follow-hex-header = { $dir } kehys { $frame }
follow-gap = { $dir }-suunnasta puuttuu { $len } tavua kohdasta { $offset }
follow-tls-why = { $reason }; { $advice }
follow-tls-undecryptable = TCP-virta { $stream }: TLS-liikennettä, jota ei voi purkaa: { $why }

## Komentorivin omat viestit ("wsdissect: " -alun jälkeen)

cli-cannot-write = tulostetta ei voi kirjoittaa: { $error }
cli-no-stream = tiedostossa { $file } ei ole TCP-virtaa { $stream } (siinä on { $count }, numeroitu nollasta)

## Kaappaustiedoston virheet (komentorivin virheet ja capture-damaged-huomio)

capture-error-file = { $file }: { $error }
capture-error-at = { $file }: kehys { $frame }, tavun kohta { $offset }: { $error }
capture-cannot-read = ei voi lukea: { $error }
capture-empty = tiedosto on tyhjä
capture-not-a-capture = ei pcap- eikä pcapng-tiedosto (tunniste { $magic })
capture-truncated = tiedosto päättyy kesken tietueen (katkennut kaappaus?)
capture-record-too-large = tietue on liian suuri ollakseen paketti ({ $n } tavua ilmoitettu)
capture-corrupt = vioittunut tietue: { $what }
capture-unknown-interface = paketti viittaa liitäntään { $interface }, jota osio ei koskaan kuvannut
capture-block-unparsable = vioittunut tietue: lohko ei jäsenny ({ $kind })
capture-header-not-recognized = vioittunut tietue: headeria ei tunnistettu
capture-unreadable-block = vioittunut tietue: lukukelvoton lohko
io-not-found = tiedostoa tai hakemistoa ei ole ({ $os })
io-permission-denied = lukuoikeus puuttuu ({ $os })
io-is-a-directory = se on hakemisto ({ $os })
io-other = { $os }
cli-cannot-read-keylog = avainlokia { $file } ei voi lukea: { $error }
cli-keylog-warning = varoitus: avainloki { $warning }
cli-no-tui = tässä käännöksessä ei ole pääteliittymää (se käännettiin ilman cargon `tui`-ominaisuutta); `dump`, `streams` ja `follow` toimivat, tai käännä oletusominaisuuksin

## Avainlokin varoitukset (SSLKEYLOGFILE-rivi, jota ei voi käyttää)

keylog-missing-fields = { $label } tarvitsee client randomin ja salaisuuden
keylog-extra-fields = { $label }-rivillä on yli kolme kenttää
keylog-bad-hex = { $label }: { $field } ei ole heksadesimaalia
keylog-random-length = { $label }: client random on { $len } tavua, odotettiin { $want }
keylog-secret-length = { $label }: salaisuus on { $len } tavua, odotettiin { $want }
keylog-want-48 = 48
keylog-want-32-or-48 = 32 tai 48
keylog-not-text = rivi ei ole tekstiä
keylog-conflict = { $label } annettiin tälle client randomille jo toisella salaisuudella kohdassa { $kept }; se pidetään
keylog-field-secret = salaisuus

## Näyttösuodattimen virheet (-Y)

cli-bad-filter = virheellinen suodatin: { $error }
filter-at-column = sarake { $column }: { $error }
filter-expected-expression = odotettiin kentän nimeä, `!` tai `(`
filter-unknown-field = tuntematon kenttä `{ $field }` (docs/filters.md luettelee kentät, jotka wsdissect tuntee)
filter-expected-value = odotettiin arvoa
filter-unclosed-string = tätä merkkijonoa ei koskaan suljeta merkillä `"`
filter-unclosed-paren = tätä `(`-sulkua ei koskaan suljeta
filter-unclosed-set = joukossa odotettiin `,` tai `{ "}" }`
filter-bad-value = { $field } { $expected }, ei `{ $got }`
filter-bad-operator = kenttää { $field } ei voi käyttää operaattorin `{ $op }` kanssa: { $why }
filter-bad-regex = virheellinen säännöllinen lauseke: { $error }
filter-trailing = odotettiin `&&`, `||` tai suodattimen loppua
filter-any-operator = mikään operaattori
filter-is-bytes = on tavuja, kuten 12:34:56:78
filter-is-bool = on totuusarvo (1, 0, true, false)
filter-is-number = on luku
filter-is-ipv6 = on IPv6-osoite (::1, fe80::/10)
filter-is-ipv4 = on IPv4-osoite (127.0.0.1, 10.0.0.0/8)
filter-is-protocol = on protokolla
filter-why-protocol = se nimeää protokollan, jonka vain olemassaolo testataan
filter-why-bool = totuusarvoa verrataan vain operaattoreilla == ja !=
filter-why-contains = vain teksti ja tavut voivat sisältää jotain
filter-why-matches = vain tekstikentät voivat vastata säännöllistä lauseketta
