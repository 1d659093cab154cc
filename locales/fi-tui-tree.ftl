# wsdissect's Finnish messages of the terminal UI's packet details tree
# (labels and explanations of each layer's fields). Every id here must exist
# in the other language's file of this area (tests/i18n.rs). Terms: docs/glossary.md.
# Field names of the RFCs and Wireshark (Fin, RSV1, Opcode, Mask, Masking-Key,
# SYN, ACK, Seq, Ack, Len, header names) and Wireshark's expert labels stay
# as they are; the words around them are Finnish.

## The tree's frame

tree-packet-missing = [Pakettia { $no } ei ole kaappauksen pakettitietueissa]
tree-nothing-selected = Mitään ei ole vielä valittu.

## Label pieces shared with the list, the frame and the views (labels.rs)

tree-dir-client-to-server = asiakas → palvelin
tree-dir-server-to-client = palvelin → asiakas
# A key-log line: the file's name and the line number.
tree-key-log-line = { $file } rivi { $line }
tree-press-message = viesti: paina { $key }
tree-press-unmask = maskauksen purku: paina { $key }
tree-press-read = lue: paina { $key }
tree-press-handshake = vaihe vaiheelta: paina { $key }
tree-press-notes = kaikki huomiot: paina { $key }
tree-press-summary = Yhteys, avainloki ja mitä sillä purettiin: paina { $key }
tree-missing = (puuttuu)

## Frame, link and IP layers (packet.rs)

tree-frame = Kehys { $no }: { $wire ->
    [one] { $wire } tavu
   *[other] { $wire } tavua
} linjalla ({ $bits } bittiä), { $captured ->
    [one] { $captured } tavu
   *[other] { $captured } tavua
} kaapattu
tree-frame-time = Saapumisaika: { $ts } s epookista
tree-frame-rel = Aika ensimmäisestä paketista: { $secs } s
tree-frame-no = Kehyksen numero: { $no }
tree-frame-cut = [Snaplen katkaisi tästä paketista { $n ->
    [one] { $n } tavun
   *[other] { $n } tavua
}]
tree-link = Linkkikerros: { $link }, headeria { $n ->
    [one] { $n } tavu
   *[other] { $n } tavua
}
tree-ip = Internet Protocol, versio { $version }, lähde: { $src }, kohde: { $dst }
tree-ip-version = Versio: { $version }
tree-header-length = Headerin pituus: { $n ->
    [one] { $n } tavu
   *[other] { $n } tavua
}
tree-ip-ttl = Elinaika (TTL): { $n }
tree-ip-hop-limit = Hyppyraja (hop limit): { $n }
tree-ip-src = Lähdeosoite: { $addr }
tree-ip-dst = Kohdeosoite: { $addr }

## TCP (packet.rs)

tree-tcp = Transmission Control Protocol, lähdeportti: { $sport }, kohdeportti: { $dport }, Seq: { $seq }, Ack: { $ack }, Len: { $len }
tree-tcp-srcport = Lähdeportti: { $port }
tree-tcp-dstport = Kohdeportti: { $port }
tree-tcp-stream = [TCP-virta { $stream }, { $dir }]
tree-tcp-seq = Järjestysnumero: { $rel } (suhteellinen; raaka { $raw })
tree-tcp-nxtseq = [Seuraava järjestysnumero: { $n } (suhteellinen)]
tree-tcp-ack = Kuittausnumero: { $rel } (suhteellinen; raaka { $raw })
tree-tcp-ack-unused = Kuittausnumero: (ACK ei asetettu, ei käytössä; raaka { $raw })
tree-tcp-flags = Liput: { $flags }
tree-tcp-window = Ikkuna: { $n }
tree-tcp-payload-len = TCP:n payload: { $n ->
    [one] { $n } tavu
   *[other] { $n } tavua
}
tree-tcp-window-size = [Laskettu ikkunan koko: { $n }]
tree-tcp-window-scale = [Ikkunan skaalauskerroin: { $factor }]
tree-tcp-window-scale-unknown = [Ikkunan skaalauskerroin: { $factor } (tuntematon: kättelyä ei kaapattu)]
tree-tcp-window-scale-none = [Ikkunan skaalauskerroin: { $factor } (ikkunan skaalausta ei käytetä)]

## TCP options (packet.rs), named as Wireshark names them

tree-opt-eol = End of Option List (EOL)
tree-opt-nop = No-Operation (NOP)
tree-opt-mss = Maximum segment size
tree-opt-wscale = Window scale
tree-opt-sack-perm = SACK permitted
tree-opt-sack = SACK
tree-opt-timestamps = Timestamps
tree-opt-unknown = tuntematon
tree-opt-malformed = virheellinen
tree-tcp-options = Optiot: ({ $n ->
    [one] { $n } tavu
   *[other] { $n } tavua
}), { $names }
tree-tcp-option = TCP-optio - { $name }
tree-tcp-option-mss = TCP-optio - Maximum segment size: { $mss ->
    [one] { $mss } tavu
   *[other] { $mss } tavua
}
tree-tcp-option-wscale = TCP-optio - Window scale: { $shift } (kerroin { $mult })
tree-tcp-option-sack = TCP-optio - SACK{ $blocks }
tree-tcp-option-ts = TCP-optio - Timestamps: TSval { $tsval }, TSecr { $tsecr }
tree-tcp-option-unknown = TCP-optio - tuntematon tyyppi { $kind } ({ $n ->
    [one] { $n } tavu
   *[other] { $n } tavua
} dataa)
tree-tcp-option-bad-len = TCP-optio - tyyppi { $kind }: virheellinen pituus { $len }, optioita ei voi lukea pidemmälle
tree-tcp-option-no-len = TCP-optio - tyyppi { $kind }: pituustavu puuttuu, optioita ei voi lukea pidemmälle
tree-tcp-option-kind = Tyyppi (kind): { $name } ({ $kind })
tree-tcp-option-len = Pituus: { $n }
tree-tcp-option-mss-value = MSS-arvo: { $n }
tree-tcp-option-shift = Siirtomäärä (shift count): { $shift } (kerroin { $mult })
tree-tcp-option-sack-le = vasen reuna = { $n } (suhteellinen)
tree-tcp-option-sack-re = oikea reuna = { $n } (suhteellinen)
tree-tcp-option-tsval = Aikaleiman arvo (TSval): { $n }
tree-tcp-option-tsecr = Aikaleiman kaiku (TSecr): { $n }

## TCP sequence analysis (packet.rs): Wireshark's expert-info sentences

tree-tcp-analysis = [SEQ/ACK-analyysi: { $labels }]
tree-tcp-dup-num = [Toistettu ACK nro: { $n }]
tree-tcp-dup-of = [Toistaa kehyksen { $frame } ACKin]
tree-tcp-rto = [RTO laskettu kehyksestä { $frame }]
tree-tcp-analysis-flags = [TCP-analyysin liput]
tree-tcp-flag = [{ $text } (tcp.analysis.{ $name })]
tree-flag-retransmission = Tämä kehys on (epäilty) uudelleenlähetys
tree-flag-fast-retransmission = Tämä kehys on (epäilty) nopea uudelleenlähetys
tree-flag-spurious-retransmission = Tämä kehys on (epäilty) turha uudelleenlähetys
tree-flag-out-of-order = Tämä kehys on (epäilty) väärässä järjestyksessä tullut segmentti
tree-flag-lost-segment = Edellisiä segmenttejä ei kaapattu (tavallista kaappauksen alussa)
tree-flag-ack-lost-segment = Kuitattu segmentti, jota ei kaapattu (tavallista kaappauksen alussa)
tree-flag-duplicate-ack = Toistettu ACK
tree-flag-zero-window = TCP:n nollaikkunasegmentti (Zero Window)
tree-flag-zero-window-probe = TCP:n nollaikkunan luotain (Zero Window Probe)
tree-flag-window-full = Vastaanottajan ilmoittama TCP-ikkuna on nyt täynnä
tree-flag-window-update = TCP-ikkunan päivitys
tree-flag-keep-alive = TCP:n keep-alive-segmentti
tree-flag-keep-alive-ack = ACK TCP:n keep-alive-segmenttiin
tree-flag-zero-window-probe-ack = ACK TCP:n nollaikkunan luotaimeen
tree-flag-other = TCP-analyysin lippu

## Reassembly and a packet's payload (packet.rs)

tree-reasm = [{ $count } koottua TCP-segmenttiä ({ $bytes ->
    [one] { $bytes } tavu
   *[other] { $bytes } tavua
}): { $list }]
tree-reasm-more-inline = … { $n } muuta
tree-reasm-more = … { $n ->
    [one] { $n } muu segmentti
   *[other] { $n } muuta segmenttiä
}
tree-reasm-segment = Kehys { $frame }: tavut { $first }–{ $last } ({ $len ->
    [one] { $len } tavu
   *[other] { $len } tavua
})
tree-not-decoded = Ei dekoodattu: { $reason }
tree-payload = TCP:n payload: { $size }
tree-bytes-human = { $n ->
    [one] { $n } tavu
   *[other] { $n } tavua
}
tree-bytes-kib = { $kib } KiB ({ $n } tavua)
tree-bytes-mib = { $mib } MiB ({ $n } tavua)
tree-part-of-http = HTTP-headerosasta, joka päättyy kehykseen { $frame }
tree-part-of-frame = WebSocket-kehyksestä #{ $index } ({ $op }), joka päättyy kehykseen { $frame } — valitse sen rivi nähdäksesi sen kokonaan
tree-segment-tls = [Tämä paketti täydentää TLS-tietueen, joka kuljettaa osan { $what }]
tree-segment = [Tämä segmentti kuljettaa osan { $what }]

## WebSocket frame (websocket.rs)

tree-ws = WebSocket, { $op }-kehys #{ $index } ({ $dir }), headeria { $hlen ->
    [one] { $hlen } tavu
   *[other] { $hlen } tavua
} + payloadia { $plen ->
    [one] { $plen } tavu
   *[other] { $plen } tavua
}
tree-ws-fin-last = { $bits } = Fin: { $on ->
    [true] kyllä
   *[other] ei
} (viestin viimeinen kehys)
tree-ws-fin-more = { $bits } = Fin: { $on ->
    [true] kyllä
   *[other] ei
} (viestiin tulee lisää kehyksiä)
tree-ws-rsv = { $bits } = Reserved ({ $name }): { $on ->
    [true] kyllä
   *[other] ei
}
tree-ws-rsv-continues = { $bits } = Reserved ({ $name }): { $on ->
    [true] kyllä
   *[other] ei
} (asetetaan vain pakatun viestin ensimmäiseen kehykseen: tämä jatkaa sellaista)
tree-ws-rsv-compressed = { $bits } = Reserved ({ $name }): { $on ->
    [true] kyllä
   *[other] ei
} (permessage-deflate: pakattu)
tree-ws-rsv-not-here = { $bits } = Reserved ({ $name }): { $on ->
    [true] kyllä
   *[other] ei
} (ei sallittu tässä kehyksessä: katso huomio)
tree-ws-rsv-undefined = { $bits } = Reserved ({ $name }): { $on ->
    [true] kyllä
   *[other] ei
} (mikään laajennus ei määrittele sitä!)
tree-ws-opcode = { $bits } = Opcode: { $op }
tree-ws-mask-on = { $bits } = Mask: { $on ->
    [true] kyllä
   *[other] ei
} (payload XOR-attu maskausavaimella)
tree-ws-mask-off = { $bits } = Mask: { $on ->
    [true] kyllä
   *[other] ei
} (payload lähetetty sellaisenaan)
tree-ws-len7-16 = { $bits } = Payload length: { $n } (16-bittinen pituus seuraa)
tree-ws-len7-64 = { $bits } = Payload length: { $n } (64-bittinen pituus seuraa)
tree-ws-len7 = { $bits } = Payload length: { $n } (itse pituus)
tree-ws-ext-len = Lisäpituus ({ $bits } bittiä): { $n }
tree-ws-key = Masking-Key (maskausavain): { $key }
tree-ws-message = [Viesti #{ $index }: { $op }, { $bytes ->
    [one] { $bytes } tavu
   *[other] { $bytes } tavua
}, { $frames ->
    [one] 1 kehys
   *[other] { $frames } kehystä
}{ $compressed ->
    [yes] , pakattu
   *[no] {""}
} — { $press }]
tree-ws-pong = [Vastaa kehyksen { $ping } pingiin: edestakainen aika { $ms } ms]
tree-ws-omitted = [{ $n ->
    [one] { $n } payloadin tavu jäi säilyttämättä
   *[other] { $n } payloadin tavua jäi säilyttämättä
} (yli payloadin rajan) tai kaappaamatta]
tree-ws-incomplete = [Kesken: kaappauksessa ei ole koko kehystä]
tree-ws-guessed = [Kaappauksessa ei ole kättelyä: dekoodattu WebSocketiksi arvaamalla]
tree-ws-where = [TCP-virta { $stream }, suunnan { $dir } tavu { $offset }]

## WebSocket payload (websocket.rs)

tree-ws-masked = Maskattu payload: { $n ->
    [one] { $n } tavu
   *[other] { $n } tavua
} (kuten linjalla)
tree-ws-unmasked = Payload maskaus purettuna: { $n ->
    [one] { $n } tavu
   *[other] { $n } tavua
} — { $press }
tree-ws-payload = Payload: { $n ->
    [one] { $n } tavu
   *[other] { $n } tavua
}
tree-ws-empty = [Tyhjä payload]
tree-ws-close-code = Sulkemiskoodi: { $code } ({ $name })
tree-ws-close-unknown = tuntematon
tree-ws-close-reason = Syy: "{ $reason }"
tree-ws-close-data = Close-payload: { $hex }
tree-ws-app-data = Sovelluksen data: { $hex } ({ $text })
tree-ws-deflate = DEFLATE-data (permessage-deflate, RFC 7692): { $n ->
    [one] { $n } tavu
   *[other] { $n } tavua
}
tree-ws-decompressed = Purettu viesti #{ $index }: { $n ->
    [one] { $n } tavu
   *[other] { $n } tavua
}
tree-ws-decompressed-all = Purettu viesti #{ $index }: { $n ->
    [one] { $n } tavu
   *[other] { $n } tavua
} (kaikki sen kehykset)
tree-ws-text = Teksti: { $shown }
tree-ws-data = Data: { $shown }
tree-ws-text-continued = Teksti (jatkuu): { $shown }
tree-ws-data-continued = Data (jatkuu): { $shown }

## HTTP head and body (http.rs)

tree-http-request = Hypertext Transfer Protocol (pyyntö, headerosa { $n ->
    [one] { $n } tavu
   *[other] { $n } tavua
})
tree-http-response = Hypertext Transfer Protocol (vastaus, headerosa { $n ->
    [one] { $n } tavu
   *[other] { $n } tavua
})
tree-http-method = Pyynnön metodi: { $method }
tree-http-target = Pyynnön kohde: { $target }
tree-http-status = HTTP-statuskoodi: { $status }
tree-http-status-101 = HTTP-statuskoodi: { $status } (Switching Protocols: päivitys hyväksytty)
tree-http-end = \r\n (tyhjä rivi: headerosa päättyy)
tree-http-body-announced = [Runko: { $n ->
    [one] { $n } tavu
   *[other] { $n } tavua
} ilmoitettu, ei kaapattu]
tree-http-body = Runko: { $n ->
    [one] { $n } tavu
   *[other] { $n } tavua
}{ $how }{ $ctype } — { $press }
tree-http-body-coded = , linjalla { $codings }
tree-http-body-wire = Linjalla: { $n ->
    [one] { $n } tavu
   *[other] { $n } tavua
}
tree-http-body-chunked = Transfer-Encoding: chunked (chunkien koot poistettu, RFC 9112 §7.1)
tree-http-body-encoding = Content-Encoding: { $encoding } (purettu, RFC 9110 §8.4.1)
tree-http-body-decoded = Dekoodattuna: { $n ->
    [one] { $n } tavu
   *[other] { $n } tavua
}
tree-http-body-decoded-omitted = Dekoodattuna: { $n ->
    [one] { $n } tavu
   *[other] { $n } tavua
} (+{ $omitted } ei säilytetty)
tree-http-body-complete = Kokonainen: ✓
tree-http-body-incomplete = Kesken: { $why }
tree-http-body-missing = tavuja puuttuu

## The opening handshake (http.rs)

tree-hs-request = WebSocketin avauskättely (pyyntö) — { $press }
tree-hs-response = WebSocketin avauskättely (vastaus) — { $press }
tree-hs-key-ok = Sec-WebSocket-Key: { $key } ✓ 16 satunnaisen tavun base64
tree-hs-key-bad = Sec-WebSocket-Key: { $key } ✗ ei 16 tavun base64 (§4.1)
tree-hs-key-missing = ✗ Sec-WebSocket-Key-header puuttuu (§4.1)
tree-hs-version-ok = Sec-WebSocket-Version: { $version } ✓
tree-hs-version-bad = Sec-WebSocket-Version: { $version } ✗ on oltava 13 (§4.1)
tree-hs-protocols = Tarjotut aliprotokollat: { $list }
tree-hs-extensions = Tarjotut laajennukset: { $list }
tree-hs-accept-ok = Sec-WebSocket-Accept: { $accept } ✓ = base64(SHA1(avain + GUID))
tree-hs-accept-bad = Sec-WebSocket-Accept: { $accept } ✗ odotettiin { $expected }
tree-hs-accept-missing = Sec-WebSocket-Accept-header puuttuu
tree-hs-accept-unchecked = Sec-WebSocket-Acceptia ei tarkistettu (ei käyttökelpoista avainta)
tree-hs-upgraded = Yhteys vaihtui WebSocketiksi
tree-hs-not-upgraded = Yhteys ei vaihtunut WebSocketiksi (HTTP-statuskoodi { $status })
tree-hs-protocol = Valittu aliprotokolla: { $protocol }
tree-hs-deflate = permessage-deflate käytössä (RFC 7692)
tree-hs-deflate-params = permessage-deflate käytössä (RFC 7692): { $params }

## Notes (notes.rs)

tree-notes = Huomiot ({ $n }) — { $press }
tree-severity-error = Virhe
tree-severity-warning = Varoitus
tree-severity-info = Tieto

## TLS (tls.rs)

tree-tls = Transport Layer Security ({ $version })
tree-tls-from = Transport Layer Security ({ $version }): purettu { $what }, { $where }
tree-tls-from-record = tietueesta #{ $record }
tree-tls-from-records = { $n } tietueesta, #{ $first }–#{ $last }
tree-tls-completed-in = valmistui kehyksessä { $frame }
tree-tls-completed-in-several = valmistui useassa kehyksessä
tree-tls-conn-decrypted = Transport Layer Security ({ $version }): yhteyden tietueet purettu avainlokilla
tree-tls-conn-not-decrypted = Transport Layer Security ({ $version }): yhteyden tietueita ei purettu
tree-tls-conn-not-decrypted-why = Transport Layer Security ({ $version }): yhteyden tietueita ei purettu ({ $why })
tree-tls-pending = [Yhteyden TLS-yhteenveto (versio, avaimet) saadaan, kun yhteys on päättynyt]
tree-tls-rows = [Mitä tietueista purkautuu, näkyy tämän yhteyden HTTP- ja WebSocket-riveillä]
tree-tls-view = [{ $press }]
tree-tls-sent-as = { $inner } (lähetetty tyyppinä { $outer })
tree-tls-state-plaintext = selväkielinen
tree-tls-state-decrypted = purettu, tunniste (tag) tarkistettu
tree-tls-state-not-decrypted = salattu, ei purettu
tree-tls-state-bad-tag = sen tunniste (tag) ei täsmää
tree-tls-state-early-data = 0-RTT-varhaisdata, ei purettu
tree-tls-state-ccs = yhteensopivuuden change_cipher_spec, ohitettu
tree-tls-secret-handshake = , kättelyliikenteen salaisuus
tree-tls-secret-master = , avaimet pääsalaisuudesta (CLIENT_RANDOM)
tree-tls-secret-master-renegotiated = , avaimet pääsalaisuudesta (CLIENT_RANDOM) uudelleenneuvottelun jälkeen
tree-tls-secret-traffic = , liikennesalaisuus { $n }
tree-tls-secret-early = , varhaisliikenteen salaisuus
tree-tls-in-frames = , kehyksissä { $first }–{ $last }
tree-tls-layer = TLS-tietuekerros #{ $record } ({ $dir }): { $kind }, versio 0x{ $version }, pituus { $len }{ $where } — { $state }{ $secret }
tree-tls-record-more = … { $n ->
    [one] { $n } muu tietue
   *[other] { $n } muuta tietuetta
}
tree-tls-record = [Purettu TLS-tietueesta #{ $record } ({ $dir }), valmistui kehyksessä { $frame }: tavut { $first }–{ $last } ({ $len ->
    [one] { $len } tavu
   *[other] { $len } tavua
})]
tree-tls-plain = [{ $n ->
    [one] Paketti kuljettaa
   *[other] Paketit kuljettavat
} nämä tavut salattuina: tavupaneelin purettu TLS -välilehti näyttää ne lähetettyinä]
tree-tls-version = Versio: { $name } (0x{ $hex })
tree-tls-version-hex = Versio: 0x{ $hex }
tree-tls-version-unknown = Versio: tuntematon (kaappauksessa ei ole ServerHelloa)
tree-tls-suite = Salausjoukko: { $name } (0x{ $hex })
tree-tls-suite-hex = Salausjoukko: 0x{ $hex }
tree-tls-suite-unknown = Salausjoukko: tuntematon
tree-tls-sni = Palvelimen nimi (SNI, lähetetään selväkielisenä): { $sni }
tree-tls-sni-none = Palvelimen nimi (SNI): ei lähetetty
tree-tls-alpn-none = ALPN: ei tarjottu
tree-tls-alpn-none-chosen = ALPN: ei tarjottu, valittu { $chosen }
tree-tls-alpn = ALPN: tarjottu { $offered }; valittu: { $chosen }
tree-tls-alpn-unchosen = ALPN: tarjottu { $offered }; valittu: ei mitään
tree-tls-resumed = TLS-kättely: jatkettu (lyhennetty, käyttää aiempaa istuntoa)
tree-tls-full = TLS-kättely: täysi
tree-tls-hrr = [Palvelin pyysi toisen ClientHellon (HelloRetryRequest)]
tree-tls-keys = ✓ Purettu { $n ->
    [one] 1 avainlokin rivillä
   *[other] { $n } avainlokin rivillä
}
tree-tls-why = ✗ Ei purettu: { $why }
tree-tls-advice = Mitä tehdä: { $advice }
tree-tls-why-none = Ei purettu: mikään tietue ei vielä tarvinnut sitä
tree-tls-records = Tietueet: { $c2s } asiakas → palvelin ({ $c2s_decrypted } purettu), { $s2c } palvelin → asiakas ({ $s2c_decrypted } purettu)
tree-tls-bad = ✗ Tietueet, joiden tunniste ei täsmännyt: { $c2s } asiakas → palvelin, { $s2c } palvelin → asiakas
