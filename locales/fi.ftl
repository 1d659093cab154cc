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
note-hs-accept-mismatch = Sec-WebSocket-Accept on { $got }, mutta base64(SHA1(avain + GUID)) on { $expected }
note-hs-accept-no-key = Sec-WebSocket-Accept on { $got }, mutta pyynnössä ei ollut avainta, jonka se voisi todistaa
note-hs-subprotocol = palvelin valitsi aliprotokollan { $chosen }, jota asiakas ei tarjonnut
note-hs-extension = palvelin hyväksyi laajennuksen { $name }, jota asiakas ei tarjonnut
note-hs-deflate = permessage-deflate hyväksyttiin virheellisin parametrein: { $error }
