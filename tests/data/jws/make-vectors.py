#!/usr/bin/env python3
# make-vectors.py - writes the JWS vectors of this directory that no
# upstream provides (see README), with python-cryptography (OpenSSL), an
# implementation independent of mbedTLS and libsodium.  Not run by the
# tests; run it from this directory to regenerate.  ECDSA, PSS and new
# keys are randomised, so a rerun gives different (equally valid) files.
import base64
import json

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature)


def b64u(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def write(name, text):
    with open(name, "w") as f:
        f.write(text)


def spki(key):
    return key.public_key().public_bytes(
        serialization.Encoding.PEM,
        serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def pkcs8(key):
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()).decode()


def raw_rs(der, size):
    r, s = decode_dss_signature(der)
    return r.to_bytes(size, "big") + s.to_bytes(size, "big")


# The payload of every generated JWS: the OB 2.0 assertion of simple.jwt.
payload = base64.urlsafe_b64decode(
    open("../vectors/1edtech-dcpv/ob20/simple.jwt").read().strip()
    .split(".")[1] + "==")


def jws(alg, sign, extra=None):
    hdr = {"alg": alg, "typ": "JWT"}
    if extra:
        hdr.update(extra)
    inp = (b64u(json.dumps(hdr, separators=(",", ":")).encode()) + "." +
           b64u(payload)).encode()
    return inp.decode() + "." + b64u(sign(inp)) + "\n"


rsa = serialization.load_pem_private_key(
    open("../vectors/mozilla-openbadges-validator/rsa-private.pem",
         "rb").read(), None)
hs = {"256": hashes.SHA256, "384": hashes.SHA384, "512": hashes.SHA512}
for bits, h in hs.items():
    write("rs%s.jws" % bits, jws("RS" + bits, lambda m, h=h: rsa.sign(
        m, padding.PKCS1v15(), h())))
    write("ps%s.jws" % bits, jws("PS" + bits, lambda m, h=h: rsa.sign(
        m, padding.PSS(padding.MGF1(h()), h().digest_size), h())))
# PSS with the maximum salt: JWA wants salt = hash size, so refused.
write("ps256-maxsalt.jws", jws("PS256", lambda m: rsa.sign(
    m, padding.PSS(padding.MGF1(hashes.SHA256()), padding.PSS.MAX_LENGTH),
    hashes.SHA256())))

p256 = ec.generate_private_key(ec.SECP256R1())
write("p256-public.pem", spki(p256))
write("p256-private-pkcs8.pem", pkcs8(p256))
write("p256-private-sec1.pem", p256.private_bytes(
    serialization.Encoding.PEM,
    serialization.PrivateFormat.TraditionalOpenSSL,
    serialization.NoEncryption()).decode())
write("es256.jws", jws("ES256", lambda m: raw_rs(
    p256.sign(m, ec.ECDSA(hashes.SHA256())), 32)))
write("es256-der.jws", jws("ES256", lambda m: p256.sign(
    m, ec.ECDSA(hashes.SHA256()))))
n = p256.public_key().public_numbers()
write("p256-public.jwk", json.dumps({
    "kty": "EC", "crv": "P-256", "kid": "p256-test",
    "x": b64u(n.x.to_bytes(32, "big")), "y": b64u(n.y.to_bytes(32, "big"))},
    indent=2) + "\n")

p384 = ec.generate_private_key(ec.SECP384R1())
write("p384-public.pem", spki(p384))
write("es384.jws", jws("ES384", lambda m: raw_rs(
    p384.sign(m, ec.ECDSA(hashes.SHA384())), 48)))

ed = ed25519.Ed25519PrivateKey.generate()
write("ed25519-public.pem", spki(ed))
write("ed25519-private.pem", pkcs8(ed))
write("eddsa.jws", jws("EdDSA", ed.sign))
pub = ed.public_key().public_bytes(serialization.Encoding.Raw,
                                   serialization.PublicFormat.Raw)
write("ed25519-public.jwk", json.dumps({
    "kty": "OKP", "crv": "Ed25519", "x": b64u(pub)}, indent=2) + "\n")

# RFC 6979 appendix A.2.5: the P-256 key whose deterministic signatures
# the RFC lists.
x = int("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721",
        16)
write("rfc6979-p256.pem", pkcs8(ec.derive_private_key(x, ec.SECP256R1())))
