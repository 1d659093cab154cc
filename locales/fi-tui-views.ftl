# wsdissect's Finnish messages of the terminal UI's teaching views (keys 1-9:
# titles and explanations). Every id here must exist in the other language's
# file of this area (tests/i18n.rs). Terms: docs/glossary.md.

## The views' names (the title bar of an open view)

view-name-handshake = Kättely
view-name-header = Kehyksen header
view-name-unmask = Maskaus
view-name-message = Viesti
view-name-summary = Yhteys
view-name-notes = Huomiot
view-name-exercise = Harjoitus
view-name-flow = Kulku
view-name-follow = Seuraa

## Shared by the views

view-bytes = { $n ->
    [one] { $n } tavu
   *[other] { $n } tavua
}
view-frame-title = kehys #{ $index }, virta { $stream }, { $dir }, paketti { $frame }
view-select-frame = valitse WebSocket-kehys
view-not-a-frame-http = Valittu rivi (kehys { $no }) on HTTP-headerosa eikä WebSocket-kehys. Paina n valitaksesi seuraavan WebSocket-kehyksen (näkymä seuraa valintaa) tai Esc palataksesi listaan.
view-not-a-frame-packet = Valittu rivi (kehys { $no }) on TCP-paketti eikä WebSocket-kehys. Paina n valitaksesi seuraavan WebSocket-kehyksen (näkymä seuraa valintaa) tai Esc palataksesi listaan.
view-no-frames = Tässä kaappauksessa ei ole yhtään WebSocket-kehystä. Jos yhteys kulkee portissa, jonka kättely ei ole kaappauksessa, avaa se valitsimella --ws-port PORTTI.
view-nothing-selected = Mitään ei ole valittu: paina Esc ja valitse rivi.

## 1 Handshake

view-hs-none-title = tällä rivillä ei ole kättelyä
view-hs-none-anywhere = Virrassa { $stream } ei ole WebSocketin avauskättelyä tässä kaappauksessa, eikä muissakaan virroissa. Kun kaappaus alkaa yhteyden avaamisen jälkeen, kättely puuttuu: wsdissect tulkitsee silloin kehykset arvaamalla.
view-hs-none-here = Virrassa { $stream } ei ole WebSocketin avauskättelyä tässä kaappauksessa. { $count ->
    [one] Kättely on virrassa
   *[other] Kättelyt ovat virroissa
} { $streams }: paina Esc ja sitten s valitaksesi yhden.
view-hs-select-row = Valitse ensin WebSocket-yhteyden rivi (HTTP-päivityspyyntö tai kehys): näkymä näyttää valitun rivin yhteyden kättelyn.
view-hs-verdict-refused = hylätty
view-hs-verdict-ok = Accept ✓
view-hs-verdict-wrong = Accept ✗
view-hs-verdict-unchecked = Acceptia ei tarkistettu
view-hs-no-answer = ei vastausta
view-hs-title = virta { $stream }: GET { $path } → { $status }, { $verdict }
view-hs-intro = Asiakas pyytää tavallisella HTTP/1.1:llä, että tämä TCP-yhteys muutetaan WebSocket-yhteydeksi (RFC 6455 §4). Suostuva palvelin vastaa 101 Switching Protocols ja todistaa ymmärtäneensä pyynnön vastaamalla asiakkaan avaimeen; mikä tahansa muu vastaus on kieltäytyminen. ★ merkitsee headerit, joita WebSocket käyttää.
view-hs-status = status { $status }
view-hs-refused = Tämä palvelin kieltäytyi: se vastasi { $line } eikä 101 Switching Protocols. Yhteys jatkuu tavallisena HTTP:nä eikä WebSocket-kehyksiä tule; asiakas käsittelee vastauksen HTTP:nä (§4.1, §4.2.2).
view-hs-request = Pyyntö — kehys { $frame }{ $ends }, { $len ->
    [one] { $len } tavu
   *[other] { $len } tavua
}
view-hs-request-at = Pyyntö — kehys { $frame }
view-hs-request-missing = (pyynnön headerosa ei ole mallissa)
view-hs-later = , { $ms } ms myöhemmin
view-hs-response = Vastaus — kehys { $frame }, { $len ->
    [one] { $len } tavu
   *[other] { $len } tavua
}{ $later }
view-hs-response-at = Vastaus — kehys { $frame }
view-hs-response-missing = (vastauksen headerosa ei ole mallissa)
view-hs-response-none-title = Vastaus
view-hs-response-none = Kaappauksessa ei ole vastausta tähän pyyntöön: palvelin ei vastannut, tai kaappaus loppui liian aikaisin.
view-hs-negotiated = Sovittu
view-hs-subprotocol = Aliprotokolla
view-hs-extension = Laajennus
view-hs-deflate = permessage-deflate: datakehykset, joiden RSV1-bitti on asetettu, kuljettavat DEFLATE-pakattuja viestejä (RFC 7692). Paina 4 tällaisen kehyksen kohdalla nähdäksesi viestin purettuna.
view-hs-refusal-body = Miksi, palvelimen omin sanoin (sen { $len } tavun runko; 4 näyttää kaiken)

## 1 Handshake: what each WebSocket header says

view-hs-upgrade-request = pyytää vaihtamaan tämän TCP-yhteyden WebSocketiksi (§4.1)
view-hs-upgrade-response = vahvistaa vaihdon WebSocketiin (§4.2.2)
view-hs-upgrade-other = nimeää muun protokollan kuin "websocket": ei WebSocket-päivitystä (§4.1)
view-hs-connection-upgrade = "Upgrade" kertoo, että Upgrade-header on tarkoitettu tälle välille (§4.1)
view-hs-connection-close = "close": lähettäjä sulkee TCP-yhteyden tämän viestin jälkeen (RFC 9112 §9.6); protokolla ei vaihdu
view-hs-connection-keep-alive = "keep-alive": TCP-yhteys pysyy auki uusille HTTP-pyynnöille; protokolla ei vaihdu
view-hs-connection-other = välikohtaisia valintoja; ilman "Upgrade"-arvoa protokolla ei vaihdu (§4.1)
view-hs-key = 16 satunnaista tavua base64-enkoodattuna: palvelimen on todistettava lukeneensa ne (§4.1)
view-hs-version-response = versiot, joita palvelin puhuu; lähetetään, kun se hylkää muun version (§4.2.2, §4.4)
view-hs-version = protokollan versio: 13, ainoa jonka RFC 6455 määrittelee (§4.1)
view-hs-version-wrong = ✗ versio "{ $value }": RFC 6455 vaatii 13; palvelimen ON hylättävä pyyntö ja nimettävä versiot, joita se puhuu (§4.1, §4.2.2)
view-hs-accept-wrong = ✗ ei ole tämän avaimen base64(SHA1(avain + GUID)): laskettu alla (§4.2.2)
view-hs-accept = todiste: base64(SHA1(avain + GUID)), laskettu alla (§4.2.2)
view-hs-protocol-request = sovelluksen aliprotokollat, joita asiakas puhuu (§1.9)
view-hs-protocol-response = se yksi aliprotokolla, jonka palvelin valitsi (§4.2.2)
view-hs-extensions-request = tarjotut laajennukset, esim. permessage-deflate-pakkaus (§9, RFC 7692)
view-hs-extensions-response = tästä eteenpäin voimassa olevat laajennukset (§9.1)
view-hs-origin = verkkosivun alkuperä: palvelimet tarkistavat sen sivustojen välisen käytön varalta (§10.2)

## 1 Handshake: the Accept step by step (the course's steps, as `wsdissect accept` numbers them)

view-accept-title = Accept vaihe vaiheelta (RFC 6455 §4.2.2)
view-accept-title-refused = Accept, jonka palvelin olisi lähettänyt (RFC 6455 §4.2.2)
view-accept-no-key = Pyynnössä ei ole kelvollista Sec-WebSocket-Key-headeria, joten laskettavaa ei ole: palvelimen ON hylättävä tällainen pyyntö (§4.2.1).
view-accept-no-key-refused = Tämä palvelin hylkäsi: { $answer }.
view-accept-step-key = 1. Asiakkaan lähettämä avain:
view-accept-key-bytes = (base64-enkoodattu { $len } satunnaisen tavun merkkijono: { $hex }; palvelin ei dekoodaa sitä, vaan laskee hashin tekstistä)
view-accept-step-glue = 2. Liimataan avaimen perään kiinteä GUID, jonka jokainen palvelin tuntee:
view-accept-step-sha1 = 3. Tekstin SHA1-hash on 20 tavua, tässä heksana:
view-accept-step-base64 = 4. Nämä 20 tavua base64-enkoodattuna (tavut, ei heksateksti):
view-accept-step-compare = 5. Verrataan palvelimen Sec-WebSocket-Accept-headeriin:
view-accept-refused = Ei verrattavaa: palvelin kieltäytyi vastauksella { $answer } eikä 101, eikä kieltäytymisessä ole Acceptia. WebSocket-yhteyttä ei avattu (§4.2.2).
view-accept-on-refusal = ! Silti se lähetti Sec-WebSocket-Accept: { $accept } — Accept kuuluu vain 101-vastaukseen (katso huomio).
view-accept-missing = ✗ Vastauksessa ei ole Sec-WebSocket-Accept-headeria: asiakkaan ON katkaistava yhteys (§4.1).
view-accept-match = ✓ Ne ovat samat: palvelin luki avaimen, joten se todella puhuu WebSocketia.
view-accept-differ = ✗ Ne eroavat (merkistä { $pos } alkaen): asiakkaan ON katkaistava yhteys (§4.1). Odotettu { $expected }.

## 2 Frame header (the rest is worded as `wsdissect frame` words it: `frame-*`, `op-*`)

view-header-rsv-other-set = { $bit } = 1: mikään sovittu laajennus ei määrittele sitä: protokollavirhe (§5.2).
view-header-rsv1-continuation = RSV1 = 0, mutta tämä kehys on pakattu: permessage-deflate asettaa RSV1:n vain pakatun viestin ensimmäiseen kehykseen (RFC 7692 §6.1). Tämä jatkokehys kuljettaa lisää saman viestin DEFLATE-dataa; kaikkien sen kehysten payloadit liitetään yhteen ja puretaan (paina 3 nähdäksesi vaiheet).
view-header-opcode = opcode = { $label } = { $hex }: { $meaning }.
view-header-mask-1 = MASK = 1: payload on XOR-attu alla olevalla 4 tavun maskausavaimella. Jokainen asiakkaan kehys ON maskattava, jotta selainta ei voi saada lähettämään valittuja tavuja välityspalvelimelle (§5.3, §10.3). Paina 3 nähdäksesi maskauksen purun.
view-header-len7 = payload len = { $len7 }: arvot 0–125 ovat itse pituus, joten payload on { $len ->
    [one] { $len } tavu
   *[other] { $len } tavua
} eikä lisäpituutta tule. 126 tarkoittaisi "16-bittinen pituus seuraa", 127 "64-bittinen pituus seuraa".
view-header-in-all = Yhteensä
view-header-header = header:
view-header-totals = payload: { $payload ->
    [one] { $payload } tavu
   *[other] { $payload } tavua
} — linjalla { $wire } tavua, joista header on { $share }.

## 3 Unmasking

view-unmask-server = Tämä kehys kulkee palvelimelta asiakkaalle, eivätkä palvelimet koskaan maskaa: MASK on 0, ja linjalla kulkevat payloadin tavut ovat itse data (RFC 6455 §5.1).
view-unmask-client-unmasked = ✗ Tätä asiakkaan kehystä ei ole maskattu. Asiakkaan ON maskattava jokainen lähettämänsä kehys, ja palvelimen ON suljettava yhteys, kun se saa maskaamattoman kehyksen (§5.1).
view-unmask-why = Maskaus on olemassa, jotta selaimessa ajettava skripti ei voi tehdä linjalla kulkevista tavuista ennustettavia ja huijata välityspalvelinta, joka ei ymmärrä WebSocketia (§10.3). Valitse asiakas → palvelin -kehys (nuoli →) nähdäksesi maskatun payloadin.
view-unmask-as-sent = Payloadin tavut sellaisenaan
view-unmask-intro = Asiakas maskaa jokaisen kehyksen: payloadin jokainen tavu i XOR-ataan headerin maskausavaimen tavulla i mod 4 (RFC 6455 §5.3). Kaksi XOR-operaatiota samalla avaimella palauttaa alkuperäisen, joten vastaanottaja purkaa maskauksen täsmälleen samalla operaatiolla.
view-unmask-tls = Tämä kehys kulki TLS:n sisällä (wss://): "linjalla" tarkoittaa alla purettujen TLS-tietueiden sisältöä. Maskaus vaaditaan myös TLS:n yli, vaikka mikään välityspalvelin ei voi lukea tavuja siellä (§5.1, §10.3).
view-unmask-key = Maskausavain
view-unmask-empty = Tässä kehyksessä ei ole payloadia: purettavaa ei ole (avain lähetetään silti).
view-unmask-not-captured = Tämän kehyksen payloadin tavut eivät ole kaappauksessa, joten niitä ei voi näyttää.
view-unmask-byte0 = Tavu 0 bitti bitiltä
view-unmask-byte0-wire = tavu 0 linjalla
view-unmask-xor-rule = (1 siellä, missä bitit eroavat)
view-unmask-table = Tavu tavulta ({ $shown }/{ $len } payloadin tavua)
view-unmask-col-wire = linjalla
view-unmask-col-payload = payload
view-unmask-col-char = merkki
view-unmask-rest = … ja loput { $rest ->
    [one] { $rest } tavu
   *[other] { $rest } tavua
} samalla tavalla, avaimen toistuessa 4 tavun välein.

## 3 Unmasking, then inflating (permessage-deflate)

view-inflate-title = Sitten: pakkauksen purku (permessage-deflate, RFC 7692 §7.2.2)
view-inflate-first = { $masked ->
    [yes] Maskauksesta puretut tavut
   *[no] Payloadin tavut
} ovat DEFLATE-dataa, eivät vielä tekstiä: RSV1 on asetettu pakatun viestin ensimmäisessä kehyksessä (RFC 7692 §6.1).
view-inflate-continuation = { $masked ->
    [yes] Maskauksesta puretut tavut
   *[no] Payloadin tavut
} ovat DEFLATE-dataa, eivät vielä tekstiä: tämä jatkokehys kuuluu pakattuun viestiin, ja RSV1 asetetaan vain viestin ensimmäiseen kehykseen (RFC 7692 §6.1).
view-inflate-incomplete = Viesti, jonka tämä kehys aloittaa, ei ole kokonaan kaappauksessa, joten sitä ei pureta.
view-inflate-step-one = 1. Tämän kehyksen payload, { $len ->
    [one] { $len } tavu
   *[other] { $len } tavua
}:
view-inflate-this-one = {" "}(tämä)
view-inflate-step-join = 1. Liimataan yhteen viestin { $frames } kehyksen payloadit, yhteensä { $len ->
    [one] { $len } tavu
   *[other] { $len } tavua
}:
view-inflate-this-frames = tämän kehyksen: { $hex }
view-inflate-step-tail = 2. Lisätään perään 00 00 ff ff, jonka lähettäjä poisti (§7.2.1):
view-inflate-tail-why = (tyhjän tallennetun DEFLATE-lohkon loppu: se päättää viestin tavun rajalle)
view-inflate-step-inflate = 3. Puretaan tämän suunnan aiempien viestien ikkunalla, ellei
view-inflate-step-inflate-2 = no_context_takeover ole sovittu:
view-inflate-step-message = 4. Viesti:
view-inflate-press-4 = (paina 4 nähdäksesi koko viestin)
view-inflate-failed = ✗ Purku ei onnistunut: huomiot (6) kertovat miksi (aukko tai kadonnut pakkauskonteksti).

## 6 Notes

view-notes-title = { $notes ->
    [one] { $notes } huomio
   *[other] { $notes } huomiota
}: { $errors ->
    [one] { $errors } virhe
   *[other] { $errors } virhettä
}, { $warnings ->
    [one] { $warnings } varoitus
   *[other] { $warnings } varoitusta
}, { $infos ->
    [one] { $infos } tieto
   *[other] { $infos } tietoa
}
view-notes-none = Ei huomioita: wsdissect ei löytänyt tästä kaappauksesta yhtään RFC 6455 -rikkomusta eikä kaappauksen ongelmaa (aukkoa, poikkeavaa uudelleenlähetystä, yhteyden keskeltä alkanutta kaappausta).
view-notes-markers = Rivit, joilla on huomioita, saavat merkin listan ensimmäiseen sarakkeeseen: ✗ virhe, ! varoitus, i tieto.
view-notes-keys = ↑/↓ valitsee huomion, Enter vie sen riville. Rivit, joilla on huomioita, on merkitty listaan: ✗ virhe, ! varoitus, i tieto.
view-notes-error = Virhe
view-notes-warning = Varoitus
view-notes-info = Tieto
view-notes-at-frame-stream = kehys { $frame }, virta { $stream }
view-notes-at-frame = kehys { $frame }
view-notes-at-stream = virta { $stream }
view-notes-at-capture = kaappaus

## 7 Exercise (its checklist is worded by `wsdissect exercise`: `exercise-*` in the main file)

view-exercise-title = { $found }/{ $items } · virta { $stream }

## 4 Message: a control frame, or a frame without a message

view-msg-frame-title = kehys #{ $index } ({ $opcode }), virta { $stream }
view-msg-control = Tämä on ohjauskehys: ohjauskehykset eivät koskaan kuulu viestiin. Ne voivat tulla viestin osien välissä, kuljettavat enintään 125 tavua eikä niitä koskaan pilkota osiin (RFC 6455 §5.5).
view-msg-its-payload = Sen payload
view-msg-close-code = Sulkemiskoodi
view-msg-close-reason = Syy
view-msg-close-empty = Ei sulkemiskoodia: close-kehys on tyhjä (sallittu).
view-msg-empty = Tyhjä.
view-msg-bytes = Tavut
view-msg-text = Teksti
view-msg-ping = Toisen osapuolen on vastattava pongilla, jossa on samat tavut (§5.5.2).
view-msg-pong = Vastaa kehyksen { $frame } pingiin { $ms } ms myöhemmin.
view-msg-no-message = Tämä datakehys ei kuulu mihinkään kaappauksessa kokonaisena olevaan viestiin (osa, jonka alku tai loppu puuttuu, tai dataa aukon jälkeen).

## 4 Message

view-msg-title = #{ $index } { $opcode }, { $dir }, virta { $stream }
view-msg-made-of = Koostuu { $frames ->
    [one] yhdestä kehyksestä
   *[other] { $frames } kehyksestä
}
view-msg-more-frames = … ja { $more } kehystä lisää
view-msg-packet = paketti
view-msg-fragments = Ensimmäisessä kehyksessä on opcode (text tai binary) ja FIN = 0; sen jälkeen tulevat jatkokehykset (opcode 0); viimeisessä on FIN = 1 (§5.4). Payloadit liitetään yhteen järjestyksessä.
view-msg-size = Koko
view-msg-on-the-wire = Linjalla
view-msg-wire-deflate = { $len ->
    [one] { $len } tavu
   *[other] { $len } tavua
} (DEFLATE-dataa, RSV1 asetettu)
view-msg-decompressed = Purettuna
view-msg-ratio = Suhde
view-msg-ratio-value = { $ratio } — linjalla kulkee { $share } sisällöstä
view-msg-deflate = permessage-deflate (RFC 7692) pakkaa jokaisen viestin; lähettäjä poistaa DEFLATE-lohkon lopusta 00 00 ff ff, ja vastaanottaja lisää sen takaisin ennen purkamista.
view-msg-context-takeover = Niin vähän tavuja niin paljosta tekstistä: pakkaaja viittaa aiempiin viesteihin, jotka se lähetti tällä yhteydellä ("context takeover"), joten toistettu viesti maksaa vain muutaman tavun.
view-msg-payload = Payload
view-msg-utf8-valid = ✓ kelvollinen
view-msg-utf8-invalid = ✗ ei kelvollista UTF-8:aa: vastaanottajan ON katkaistava yhteys (§8.1)
view-msg-incomplete = ! Kesken: tavuja puuttuu (aukko kaappauksessa, tallennetun payloadin raja tai purkuvirhe); näytetään se, mikä saatiin talteen.

## 4 Message: an HTTP head and its body

view-http-title = { $line }, { $dir }, virta { $stream }
view-http-head = Headerosa
view-http-start-line = Alkurivi
view-http-head-value = { $len ->
    [one] { $len } tavu
   *[other] { $len } tavua
}, { $headers ->
    [one] { $headers } header
   *[other] { $headers } headeria
}, { $packets ->
    [one] paketissa
   *[other] paketeissa
} { $frames }
view-http-body = Runko
view-http-no-body-request = Tässä pyynnössä ei ole runkoa (GET ei kuljeta sellaista): headerosa on koko viesti.
view-http-no-body-response = Tässä vastauksessa ei ole runkoa: headerosa on koko viesti.
view-http-not-given = (ei annettu)
view-http-unchunked = chunked-siirtokoodaus poistettu (RFC 9112 §7.1)
view-http-decoded-encoding = Content-Encoding: { $encoding } purettu (RFC 9110 §8.4.1)
view-http-decoded = Purettuna
view-http-sent-as-is = { $len ->
    [one] { $len } tavu
   *[other] { $len } tavua
} (lähetetty sellaisenaan)
view-http-decoded-steps = { $len ->
    [one] { $len } tavu
   *[other] { $len } tavua
}: { $steps }
view-http-not-kept = Ei tallennettu
view-http-not-kept-value = { $len ->
    [one] { $len } tavu
   *[other] { $len } tavua
} lisää (yli --max-payload-rajan)
view-http-complete = Kokonainen
view-http-whole-body = ✓ koko runko
view-http-bytes-missing = tavuja puuttuu
view-http-incomplete = ! Kesken: { $problem }; näytetään se, mikä saatiin talteen.

## 4 Message: the content

view-content = Sisältö
view-content-json = Sisältö (JSON, sisennettynä; avaimet lähetetyssä järjestyksessä)
view-content-cut-lines = … (katkaistu: näkymä näyttää ensimmäiset rivit)
view-content-typed-text = Sisältö ({ $kind }, tekstinä)
view-content-text = Sisältö (teksti)
view-content-cut-bytes = … (katkaistu: yhteensä { $len ->
    [one] { $len } tavu
   *[other] { $len } tavua
})
view-content-empty = (tyhjä, tai ei saatu talteen)
view-content-binary = Sisältö ({ $len ->
    [one] { $len } tavu
   *[other] { $len } tavua
} binääridataa, heksana ja ASCII-merkkeinä)
view-content-more-bytes = … ja { $more ->
    [one] { $more } tavu
   *[other] { $more } tavua
} lisää

## 5 Connection

view-sum-no-connection = Tässä kaappauksessa ei ole TCP-yhteyttä (tai yhtään ei ole vielä luettu), joten yhteenvetoa ei ole.
view-sum-proto-guessed = WebSocket (arvattu, ei kättelyä)
view-sum-proto-tls-decrypted = TLS (salaus purettu)
view-sum-proto-http2 = HTTP/2 (ei tulkittu)
view-sum-proto-tls = TLS (salattu)
view-sum-proto-other = muu
view-sum-proto-empty = ei payloadia
view-sum-proto-loading = (luetaan vielä)
view-sum-over-tls = {" "}TLS:n yli (salaus purettu)
view-sum-title = virta { $stream }: { $client } → { $server }, { $proto }
view-sum-title-no-ends = virta { $stream }, { $proto }
view-sum-loading = (Kaappausta luetaan vielä: yhteyden summat näkyvät, kun se on päättynyt.)
view-sum-by-layer = Tavut kerroksittain
view-sum-col-client-to-server = asiakas→palvelin
view-sum-col-server-to-client = palvelin→asiakas
view-sum-col-total = yhteensä
view-sum-row-http = HTTP-headerosat (kättely)
view-sum-row-ws-headers = WebSocket-kehysten headerit
view-sum-row-ws-payload = WebSocket-payload (linjalla)
view-sum-row-tcp-payload = TCP:n payload (koottu)
view-sum-row-tls-records = TLS-tietueet
view-sum-row-tls-decrypted = purettu
view-sum-row-tcp-packets = TCP-paketit
view-sum-row-ws-frames = WebSocket-kehykset
view-sum-row-messages = Dataviestit
view-sum-row-compressed = pakatut viestit
view-sum-row-compressed-wire = niiden tavut linjalla
view-sum-row-decompressed = niiden tavut purettuna
view-sum-row-gaps = Puuttuvat tavut (aukot)
view-sum-row-retransmissions = Uudelleenlähetykset

## 5 Connection: its TLS and the key log

view-tls-decrypted-title = TLS: salaus purettu avainlokilla
view-tls-encrypted-title = TLS: salattu, ei purettu
view-tls-version = Versio
view-tls-cipher-suite = Salausjoukko
view-tls-server-name = Palvelimen nimi
view-tls-handshake = Kättely
view-tls-records = Tietueet
view-tls-version-unknown = tuntematon (kaappauksessa ei ole ServerHelloa)
view-tls-unknown = tuntematon
view-tls-sni = { $name } (SNI: lähetetään selväkielisenä ClientHellossa)
view-tls-no-sni = ei lähetetty (ei SNI:tä)
view-tls-alpn-none = ei tarjottu
view-tls-alpn-chosen-only = ei tarjottu, valittu { $chosen }
view-tls-alpn = tarjottu { $offered }; valittu: { $chosen }
view-tls-alpn-nothing = ei mitään
view-tls-resumed = jatkettu: avaimet tulevat aiemmasta istunnosta
view-tls-full = täysi
view-tls-records-value = asiakas { $client } ({ $client_decrypted } purettu), palvelin { $server } ({ $server_decrypted } purettu)
view-tls-bad-records = ✗ { $client ->
    [one] { $client } tietue
   *[other] { $client } tietuetta
} asiakas→palvelin ja { $server } palvelin→asiakas ei läpäissyt todennusta: niiden tavut puuttuvat seuraavasta (katso huomiot, 6).
view-tls-key-log = Avainloki on salaisuuksien tekstitiedosto: kun SSLKEYLOGFILE on asetettu, selain (tai mikä tahansa samaa TLS-kirjastoa käyttävä ohjelma) kirjoittaa rivin jokaisesta sopimastaan salaisuudesta ja merkitsee sen ClientHellon lähettämällä satunnaisluvulla. wsdissect löysi tämän yhteyden satunnaisluvun tiedostosta ja johti Wiresharkin tapaan molempien suuntien avaimet näistä riveistä:
view-tls-without-keys = Ilman niitä näkisit vain salattuja TLS-tietueita: niiden koot ja ajoituksen, mutta et HTTP-headerosaa etkä WebSocket-kehystä. Kaikki, mitä tämän yhteyden rivit näyttävät, ja jokainen alla oleva luku on purettua sisältöä. Kuka tahansa, jolla on avainloki, voi lukea liikenteen: pidä se yhtä salaisena kuin salasana.
view-tls-not-decrypted = ✗ Salausta ei purettu: { $reason }.
view-tls-what-to-do = Mitä tehdä: { $advice }.
view-tls-nothing-to-decrypt = Yhtään tämän yhteyden tietuetta ei tarvinnut purkaa.
view-tls-encrypted = Nähtävissä on siis vain salattuja TLS-tietueita: niiden koot ja ajoitus. Niiden sisältö (wss://-yhteydellä HTTP-päivityspyyntö ja WebSocket-kehykset) on niiden sisällä, minkä vuoksi tällä yhteydellä ei ole HTTP- eikä WebSocket-rivejä. Avainloki on salaisuuksien tiedosto, jonka selain kirjoittaa, kun SSLKEYLOGFILE nimeää sellaisen; valitsimella --keylog annettuna (tai pcapng-tiedoston sisällä) sen avulla wsdissect voi Wiresharkin tapaan purkaa tietueiden salauksen.

## 5 Connection: the course's overhead argument with this connection's numbers

view-arg-title = HTTP-headerit voivat olla kilotavuja, kehysten headerit ovat 2–14 tavua
view-arg-no-frames = Tällä yhteydellä ei ole WebSocket-kehyksiä, joten verrattavaa ei ole: valitse WebSocket-yhteys s:llä.
view-arg-frame-headers = Kehysten headerit: { $hdr ->
    [one] { $hdr } tavu
   *[other] { $hdr } tavua
} { $frames } kehyksessä, keskimäärin { $avg ->
    [one] { $avg } tavu
   *[other] { $avg } tavua
} kehystä kohden, { $share } kaikesta, mitä WebSocket lähetti ({ $payload ->
    [one] { $payload } tavu
   *[other] { $payload } tavua
} payloadia).
view-arg-response-head = , vastaus { $len ->
    [one] { $len } tavu
   *[other] { $len } tavua
}
view-arg-heads = Kättelyn HTTP-headerosat: pyyntö { $request ->
    [one] { $request } tavu
   *[other] { $request } tavua
}{ $response }. Ne lähetetään kerran; jokainen niiden jälkeinen viesti maksaa vain kehyksen headerin.
view-arg-with-responses = ; kun jokaisella on myös vastauksen headerosa, { $msgs } × { $both } = { $total ->
    [one] { $total } tavu
   *[other] { $total } tavua
} ({ $ratio })
view-arg-as-requests = Jos jokainen { $msgs } viestistä olisi ollut oma HTTP-pyyntönsä tällaisella headerosalla, pelkät headerosat maksaisivat { $msgs } × { $request } = { $total ->
    [one] { $total } tavu
   *[other] { $total } tavua
} ({ $ratio } kuin kehysten headerien { $hdr ->
    [one] { $hdr } tavu
   *[other] { $hdr } tavua
}){ $with_responses }.
view-arg-other-heads = {" "}({ $len ->
    [one] { $len } tavu
   *[other] { $len } tavua
} muita HTTP-headerosia)
view-arg-no-handshake = Kaappauksessa ei ole tämän yhteyden kättelyä{ $other }; selaimen tyypillisen pyynnön headerosa on 400–2000 tavua evästeineen.

## 5 Connection: ping and pong

view-ping-title = Ping ja pong
view-ping-counts = { $pings ->
    [one] { $pings } ping
   *[other] { $pings } pingiä
} (asiakas { $client }, palvelin { $server }), { $pongs ->
    [one] { $pongs } pong
   *[other] { $pongs } pongia
}. Pong toistaa pingin datan; niiden välinen aika on edestakainen viive (§5.5.2).
view-ping-no-pong = Mikään kaappauksen pong ei vastaa pingiin.
view-ping-round-trips = Edestakaiset viiveet
view-ping-rtt = { $count }: pienin { $min } ms, keskimäärin { $avg } ms, suurin { $max } ms
view-ping-pong-in = pong kehyksessä { $frame }: { $ms } ms
view-ping-more = … ja { $more } lisää

## 5 Connection: how it closed

view-close-title = Miten yhteys suljettiin
view-close-no-code = ei sulkemiskoodia
view-close-first = { $who ->
    [client] Asiakas
   *[server] Palvelin
} lähetti ensimmäisen close-kehyksen (kehys { $frame }): { $code } "{ $reason }".
view-close-answered = ✓ { $who ->
    [client] Asiakas
   *[server] Palvelin
} vastasi omalla close-kehyksellään (kehys { $frame }): siisti sulkemiskättely (§7.1.2).
view-close-unanswered = ✗ { $who ->
    [client] Asiakas
   *[server] Palvelin
} ei vastannut close-kehyksellä kaappauksen aikana.
view-close-none = Ei close-kehystä: yhteys päättyi ilman WebSocketin sulkemiskättelyä (tai kaappaus loppui ennen sitä).
view-close-tcp-reset = TCP: yhteys nollattiin (RST).
view-close-tcp-both-fin = TCP: molemmat osapuolet lähettivät FIN:n: hallittu sulkeminen.
view-close-tcp-client-fin = TCP: vain asiakas lähetti FIN:n kaappauksen aikana.
view-close-tcp-server-fin = TCP: vain palvelin lähetti FIN:n kaappauksen aikana.
view-close-tcp-open = TCP: kaappauksessa ei ole FIN:ää: yhteys oli vielä auki.

## 8 Flow (the arrows' labels keep Wireshark's words: opcode names, TCP flags, Len=)

view-no-connection-title = ei yhteyttä
view-flow-no-connection = Valitse ensin TCP-yhteyden rivi (Esc ja valitse rivi): kulku näyttää sen rivin yhteyden.
view-flow-per-unit = nuolina HTTP-headerosat ja WebSocket-kehykset
view-flow-per-packet = nuolina paketit
view-flow-title = virta { $stream }: { $mode } · nuoli { $arrow }/{ $arrows } · m vaihtaa, Enter valitsee
view-flow-client = asiakas
view-flow-server = palvelin
view-flow-time = Aika
view-flow-no-units = Tällä yhteydellä ei ole HTTP-headerosaa eikä WebSocket-kehystä: paina m nähdäksesi sen paketit.
view-flow-no-packets = Yhtään tämän yhteyden pakettia ei ole vielä luettu.
view-flow-text-compressed = Text { $len } B pakattu
view-flow-no-fin = (ei FIN)
view-flow-not-tcp = ei TCP
view-flow-segment-of = segmentti: { $unit }
view-flow-no-flags = ei lippuja

## 9 Follow

view-follow-mode-tcp = TCP-virta
view-follow-mode-tls = purettu TLS-virta
view-follow-mode-chat = keskustelu
view-follow-title = virta { $stream }: { $mode } · m vaihtaa tilaa (TCP, TLS, keskustelu)
view-follow-no-connection = Valitse ensin TCP-yhteyden rivi (Esc ja valitse rivi): Seuraa näyttää sen rivin yhteyden.
view-follow-legend-tcp = mitä TCP toimitti, järjestyksessä; tulostumaton: .
view-follow-legend-tls = mitä kumpikin osapuoli kirjoitti TLS:n sisään
view-follow-legend-chat = viesti kerrallaan; ohjauskehykset himmeinä
view-follow-empty-tcp = Tällä yhteydellä ei ole (vielä) yhtään payloadin tavua.
view-follow-empty-tls = Virrassa { $stream } ei ole TLS:stä purettuja tavuja: joko se ei ole TLS:ää (sen TCP-virta, m, on selväkielinen) tai sille ei ollut avaimia (avaa kaappaus valitsimella --keylog; 5 kertoo miksi).
view-follow-empty-chat = Virrassa { $stream } ei ole WebSocket-viestejä eikä HTTP-headerosia.
view-follow-gap = [{ $len ->
    [one] { $len } tavu
   *[other] { $len } tavua
} puuttuu suunnasta { $dir } kohdasta { $offset }: ei kaappauksessa]
view-follow-frame = kehys { $frame }
view-follow-frames = kehykset { $first }–{ $last }
view-follow-run = { $frames }, { $len ->
    [one] { $len } tavu
   *[other] { $len } tavua
} kohdasta { $offset }
view-follow-unit = kehys { $frame }, { $len ->
    [one] { $len } tavu
   *[other] { $len } tavua
}
view-follow-chat-client = asiakas →
view-follow-chat-server = ← palvelin
view-follow-compressed = (pakattu, linjalla { $len } B)
view-follow-incomplete = (kesken)
