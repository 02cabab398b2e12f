"""The registry's TLS certificate: made at ``registry init`` (or given by IT), pinned by stations.

Stations do not rely on a public CA: the enrolment code carries the **SPKI pin** of the registry's
certificate (sha256 of its DER SubjectPublicKeyInfo, unpadded base64url, 43 characters) and every
connection checks it (:mod:`venue_app.sync.pins`). The files live in ``DIR/tls/``:

``registry.crt`` / ``registry.key``
    what ``registry serve`` uses (PEM; the key mode 600).
``next.crt`` / ``next.key``
    a rotation in progress (``registry cert rotate``): the feed announces its pin to every station
    (header :data:`NEXT_PIN_HEADER`) until ``registry cert activate`` makes it the current one.

A self-signed certificate names the hosts given (``--san``, the host of ``--url``) and what this
machine finds for itself (its host name, its addresses, localhost), and is valid for
:data:`VALID_DAYS` days: a congress, its set-up and its follow-up fit easily.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import ipaddress
import shutil
import socket
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from venue_app.fsutil import atomic_write
from venue_app.registry.errors import InvalidInput

__all__ = [
    "NEXT_PIN_HEADER",
    "VALID_DAYS",
    "CertInfo",
    "activate_next",
    "cert_info",
    "ensure_certificate",
    "install_certificate",
    "make_certificate",
    "next_pin",
    "rotate",
    "spki_pin",
]

VALID_DAYS = 825  # the longest a self-signed server certificate is commonly accepted for (browsers)
NEXT_PIN_HEADER = "X-Venue-Next-Pin"


@dataclass(frozen=True)
class CertInfo:
    """What the CLI shows about a certificate."""

    path: Path
    pin: str
    names: list[str]
    not_before: str
    not_after: str
    self_signed: bool

    def as_dict(self) -> dict[str, object]:
        return {"file": str(self.path), "pin": self.pin, "names": self.names, "not_before": self.not_before,
                "not_after": self.not_after, "self_signed": self.self_signed}


def spki_pin(cert: x509.Certificate | bytes) -> str:
    """The SPKI pin of a certificate (object, PEM or DER bytes)."""
    if isinstance(cert, bytes):
        cert = x509.load_pem_x509_certificate(cert) if cert.lstrip().startswith(b"-----") \
            else x509.load_der_x509_certificate(cert)
    spki = cert.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return base64.urlsafe_b64encode(hashlib.sha256(spki).digest()).rstrip(b"=").decode("ascii")


def _local_names() -> list[str]:
    """Names and addresses stations may use for this machine (what it can find out without asking anyone)."""
    found = ["localhost", "127.0.0.1", "::1"]
    with _quiet():
        found.append(socket.gethostname())
    with _quiet():
        found.append(socket.getfqdn())
    with _quiet():
        for info in socket.getaddrinfo(socket.gethostname(), None):
            found.append(str(info[4][0]))
    # the address of the interface a packet to the venue network would leave by (nothing is sent)
    with _quiet(), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(("10.255.255.255", 1))
        found.append(probe.getsockname()[0])
    return found


class _quiet:
    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: object, exc: object, tb: object) -> bool:
        return isinstance(exc, OSError)


def _san(names: list[str]) -> x509.SubjectAlternativeName:
    entries: list[x509.GeneralName] = []
    seen: set[str] = set()
    for raw in names:
        name = raw.strip().strip("[]")
        if not name or name.lower() in seen:
            continue
        seen.add(name.lower())
        try:
            entries.append(x509.IPAddress(ipaddress.ip_address(name)))
        except ValueError:
            if all(part.isascii() for part in name):
                entries.append(x509.DNSName(name))
    return x509.SubjectAlternativeName(entries)


def make_certificate(names: list[str], *, days: int = VALID_DAYS,
                     now: dt.datetime | None = None) -> tuple[bytes, bytes]:
    """A self-signed certificate (PEM) and its new P-256 key (PEM) for ``names`` plus this machine's own."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = now or dt.datetime.now(dt.UTC)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "venue desk registry"),
                         x509.NameAttribute(NameOID.ORGANIZATION_NAME, "venue desk")])
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(hours=1)).not_valid_after(now + dt.timedelta(days=days))
            .add_extension(_san([*names, *_local_names()]), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .sign(key, hashes.SHA256()))
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return cert.public_bytes(serialization.Encoding.PEM), key_pem


def _paths(root: Path, which: str = "registry") -> tuple[Path, Path]:
    return root / "tls" / f"{which}.crt", root / "tls" / f"{which}.key"


def _write(root: Path, which: str, cert_pem: bytes, key_pem: bytes) -> Path:
    cert_file, key_file = _paths(root, which)
    cert_file.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(key_file, key_pem, mode=0o600)
    atomic_write(cert_file, cert_pem, mode=0o644)
    return cert_file


def install_certificate(root: Path, cert: str | Path, key: str | Path) -> CertInfo:
    """Take IT's certificate (PEM, may hold the chain) and key; refused in words when they do not belong
    together, cannot be read or have expired."""
    try:
        cert_pem = Path(cert).read_bytes()
        key_pem = Path(key).read_bytes()
    except OSError as exc:
        raise InvalidInput(f"cannot read the certificate or key: {exc}", code="bad_certificate") from exc
    try:
        leaf = x509.load_pem_x509_certificates(cert_pem)[0]
        private = serialization.load_pem_private_key(key_pem, password=None)
    except (ValueError, TypeError) as exc:
        raise InvalidInput(f"{cert} / {key}: not a PEM certificate and an unencrypted PEM key ({exc})",
                           code="bad_certificate") from exc
    public = serialization.PublicFormat.SubjectPublicKeyInfo
    if (leaf.public_key().public_bytes(serialization.Encoding.DER, public)
            != private.public_key().public_bytes(serialization.Encoding.DER, public)):
        raise InvalidInput(f"the key {key} does not belong to the certificate {cert}", code="bad_certificate")
    if leaf.not_valid_after_utc <= dt.datetime.now(dt.UTC):
        raise InvalidInput(f"the certificate {cert} expired on {leaf.not_valid_after_utc:%Y-%m-%d}",
                           code="bad_certificate")
    return cert_info(_write(root, "registry", cert_pem, key_pem))


def cert_info(path: Path) -> CertInfo:
    leaf = x509.load_pem_x509_certificates(path.read_bytes())[0]
    try:
        san = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        names = [str(n.value) for n in san]
    except x509.ExtensionNotFound:
        names = []
    return CertInfo(path, spki_pin(leaf), names, leaf.not_valid_before_utc.isoformat(),
                    leaf.not_valid_after_utc.isoformat(), leaf.issuer == leaf.subject)


def ensure_certificate(root: Path, names: list[str]) -> tuple[CertInfo, bool]:
    """The registry's certificate, made now when the folder has none (a registry from before TLS);
    returns (info, made)."""
    cert_file, key_file = _paths(root)
    if cert_file.exists() and key_file.exists():
        return cert_info(cert_file), False
    cert_pem, key_pem = make_certificate(names)
    return cert_info(_write(root, "registry", cert_pem, key_pem)), True


def next_pin(root: Path) -> str | None:
    """The pin of the announced next certificate, if a rotation is in progress."""
    cert_file, _ = _paths(root, "next")
    try:
        return spki_pin(cert_file.read_bytes())
    except (OSError, ValueError):
        return None


def rotate(root: Path, names: list[str], cert: str | Path | None = None, key: str | Path | None = None) -> CertInfo:
    """Prepare the next certificate (made here, or IT's); a running registry announces its pin in the feed."""
    current = _paths(root)[0]
    if not current.exists():
        raise InvalidInput("this registry has no certificate yet: `registry serve` or `registry init` makes one",
                           code="no_certificate")
    if cert or key:
        if not (cert and key):
            raise InvalidInput("give both --cert and --key", code="bad_certificate")
        installed = install_certificate(root / "tls" / "incoming", cert, key)
        src_cert, src_key = _paths(root / "tls" / "incoming")
        info = cert_info(_write(root, "next", src_cert.read_bytes(), src_key.read_bytes()))
        shutil.rmtree(root / "tls" / "incoming", ignore_errors=True)
        assert info.pin == installed.pin
        return info
    names = names or [n for n in cert_info(current).names]
    cert_pem, key_pem = make_certificate(names)
    return cert_info(_write(root, "next", cert_pem, key_pem))


def activate_next(root: Path) -> CertInfo:
    """Make the announced next certificate the current one (the old one is kept as ``previous``)."""
    nxt_cert, nxt_key = _paths(root, "next")
    if not nxt_cert.exists():
        raise InvalidInput("no next certificate: run `registry cert rotate` first (and let stations sync)",
                           code="no_next_certificate")
    cur_cert, cur_key = _paths(root)
    _write(root, "previous", cur_cert.read_bytes(), cur_key.read_bytes())
    info = cert_info(_write(root, "registry", nxt_cert.read_bytes(), nxt_key.read_bytes()))
    nxt_cert.unlink()
    nxt_key.unlink()
    return info
