"""Ed25519 signing keys: the registry's and one per station.

A key id is the first 4 bytes of SHA-256 of the raw public key, shown as 8 hex characters; badge
tokens carry it so a station can pick the right public key without trying them all.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from venue_app.errors import TokenError
from venue_app.fsutil import atomic_write

__all__ = ["PublicKey", "SigningKey", "key_id_of"]


@functools.lru_cache(maxsize=4096)
def _verifier(raw: bytes) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(raw)


def key_id_of(public_raw: bytes) -> str:
    return hashlib.sha256(public_raw).digest()[:4].hex()


@dataclass(frozen=True)
class PublicKey:
    raw: bytes

    @classmethod
    def from_text(cls, text: str) -> PublicKey:
        raw = base64.b64decode(text)
        if len(raw) != 32:
            raise TokenError("an Ed25519 public key has 32 bytes")
        return cls(raw)

    @property
    def text(self) -> str:
        return base64.b64encode(self.raw).decode("ascii")

    @property
    def key_id(self) -> str:
        return key_id_of(self.raw)

    def verifier(self) -> Ed25519PublicKey:
        return _verifier(self.raw)

    def verify(self, signature: bytes, message: bytes) -> bool:
        try:
            self.verifier().verify(signature, message)
        except InvalidSignature:
            return False
        return True


class SigningKey:
    """A private Ed25519 key kept in a file readable only by its owner."""

    def __init__(self, private: Ed25519PrivateKey) -> None:
        self._private = private
        raw = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        self.public = PublicKey(raw)

    @classmethod
    def generate(cls) -> SigningKey:
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def load(cls, path: Path) -> SigningKey:
        try:
            private = serialization.load_pem_private_key(path.read_bytes(), password=None)
        except (OSError, ValueError) as exc:
            raise TokenError(f"cannot read the signing key {path}: {exc}") from exc
        if not isinstance(private, Ed25519PrivateKey):
            raise TokenError(f"{path} is not an Ed25519 key")
        return cls(private)

    def save(self, path: Path) -> None:
        pem = self._private.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        atomic_write(path, pem, mode=0o600)

    def to_pem(self) -> bytes:
        return self._private.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )

    @property
    def key_id(self) -> str:
        return self.public.key_id

    def sign(self, message: bytes) -> bytes:
        return self._private.sign(message)
