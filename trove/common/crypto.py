"""Symmetric encryption (Fernet: AES-128-CBC with HMAC-SHA256)."""
import base64
import hashlib

from cryptography import fernet


def generate_key():
    return fernet.Fernet.generate_key().decode()


def key_from_secret(secret):
    """A Fernet key derived from an operator's free-form master secret."""
    digest = hashlib.sha256(secret.encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()


def encrypt(key, text):
    return fernet.Fernet(key.encode()).encrypt(text.encode()).decode()


def decrypt(key, token):
    return fernet.Fernet(key.encode()).decrypt(token.encode()).decode()
