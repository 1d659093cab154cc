#!/usr/bin/env python3
"""Regenerates the OpenSSL interop fixtures for src/tls/tests.rs.

Python's ssl module (OpenSSL) runs a client and a server over in-memory BIOs
(no sockets, no network), records each direction's bytes in the order they
would cross the wire, and has the client write an NSS key log
(SSLContext.keylog_filename). Each scenario writes NAME.transcript (lines
"C <hex>" / "S <hex>": client->server / server->client chunks in order) and
NAME.keys (the key log).

Run from this directory: python3 make_openssl_fixtures.py
"""
import os
import ssl
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REQUEST = b"GET /chat HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n\r\n"
RESPONSE = b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n"


def make_cert(tmp):
    key, cert = os.path.join(tmp, "k.pem"), os.path.join(tmp, "c.pem")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
         "-out", cert, "-days", "3650", "-subj", "/CN=localhost"],
        check=True, capture_output=True)
    return cert, key


def pump(src_bio, dst_bio, log, tag):
    data = src_bio.read()
    if data:
        log.append((tag, data))
        dst_bio.write(data)
    return bool(data)


def session(name, cert, key, version, ciphers=None, resume_from=None):
    keys = os.path.join(HERE, name + ".keys")
    if os.path.exists(keys):
        os.remove(keys)
    cctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    cctx.check_hostname = False
    cctx.verify_mode = ssl.CERT_NONE
    cctx.minimum_version = cctx.maximum_version = version
    cctx.keylog_filename = keys
    sctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    sctx.load_cert_chain(cert, key)
    sctx.minimum_version = sctx.maximum_version = version
    if ciphers:
        sctx.set_ciphers(ciphers)
        cctx.set_ciphers(ciphers)
    log = []
    result = {}
    for attempt in range(2 if resume_from else 1):
        log.clear()
        cin, cout, sin, sout = (ssl.MemoryBIO() for _ in range(4))
        kw = {}
        if attempt == 1:
            kw["session"] = result["session"]
        c = cctx.wrap_bio(cin, cout, server_hostname="localhost", **kw)
        s = sctx.wrap_bio(sin, sout, server_side=True)
        done = [False, False]
        for _ in range(20):
            for i, o in enumerate((c, s)):
                if not done[i]:
                    try:
                        o.do_handshake()
                        done[i] = True
                    except ssl.SSLWantReadError:
                        pass
            moved = pump(cout, sin, log, "C") | pump(sout, cin, log, "S")
            if all(done) and not moved:
                break
        c.write(REQUEST)
        pump(cout, sin, log, "C")
        assert s.read(4096) == REQUEST
        s.write(RESPONSE)
        pump(sout, cin, log, "S")
        assert c.read(4096) == RESPONSE
        result["session"] = c.session
        result["resumed"] = c.session_reused
        result["cipher"] = c.cipher()
        try:
            c.unwrap()
        except (ssl.SSLWantReadError, ssl.SSLError):
            pass
        pump(cout, sin, log, "C")
    with open(os.path.join(HERE, name + ".transcript"), "w") as f:
        f.write("# %s, %s, resumed=%s\n" % (ssl.OPENSSL_VERSION, result["cipher"], result["resumed"]))
        for tag, data in log:
            f.write("%s %s\n" % (tag, data.hex()))
    print(name, result["cipher"], "resumed" if result["resumed"] else "")


OPENSSL_CONF = """openssl_conf = openssl_init
[openssl_init]
ssl_conf = ssl_sect
[ssl_sect]
system_default = system_default_sect
[system_default_sect]
Ciphersuites = %s
"""


def main():
    import sys
    if len(sys.argv) == 4 and sys.argv[1] == "--tls13":
        # Child run: OPENSSL_CONF restricted the TLS 1.3 suites (Python has
        # no setter for them).
        _, _, name, tmp = sys.argv
        cert, key = os.path.join(tmp, "c.pem"), os.path.join(tmp, "k.pem")
        session(name, cert, key, ssl.TLSVersion.TLSv1_3)
        session(name + "-resumed", cert, key, ssl.TLSVersion.TLSv1_3, resume_from=True)
        return
    with tempfile.TemporaryDirectory() as tmp:
        cert, key = make_cert(tmp)
        v12 = ssl.TLSVersion.TLSv1_2
        session("openssl-tls12-aes128gcm", cert, key, v12, "ECDHE-RSA-AES128-GCM-SHA256")
        session("openssl-tls12-aes256gcm", cert, key, v12, "ECDHE-RSA-AES256-GCM-SHA384")
        session("openssl-tls12-chacha20", cert, key, v12, "ECDHE-RSA-CHACHA20-POLY1305")
        session("openssl-tls12-cbc", cert, key, v12, "ECDHE-RSA-AES128-SHA256")
        session("openssl-tls12-resumed", cert, key, v12, "ECDHE-RSA-AES128-GCM-SHA256",
                resume_from=True)
        for suite, name in [("TLS_AES_128_GCM_SHA256", "openssl-tls13-aes128gcm"),
                            ("TLS_AES_256_GCM_SHA384", "openssl-tls13-aes256gcm"),
                            ("TLS_CHACHA20_POLY1305_SHA256", "openssl-tls13-chacha20")]:
            conf = os.path.join(tmp, "openssl.cnf")
            with open(conf, "w") as f:
                f.write(OPENSSL_CONF % suite)
            env = dict(os.environ, OPENSSL_CONF=conf)
            subprocess.run([sys.executable, __file__, "--tls13", name, tmp], env=env, check=True)


if __name__ == "__main__":
    main()
