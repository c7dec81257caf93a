"""Passwords: Argon2id hashes (never reversible, never logged), the policy, and random first passwords.

Parameters are OWASP's (Password Storage Cheat Sheet): Argon2id with 19 MiB of memory, 2 iterations
and 1 degree of parallelism, a 16-byte random salt per hash. A hash made with weaker parameters is
replaced at the next successful sign-in (:func:`needs_rehash`).
"""
from __future__ import annotations

import contextlib
import secrets
import string
from functools import cache

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

from core.store.auth_settings import AuthSettings

HASHER = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1, hash_len=32, salt_len=16, type=Type.ID)
MAX_LENGTH = 256  # longer input is refused before hashing (no hashing work for megabytes of text)
CLASSES = (string.ascii_lowercase, string.ascii_uppercase, string.digits)


def hash_password(password: str) -> str:
    """The Argon2id hash of ``password`` (PHC string, with its own random salt)."""
    return HASHER.hash(password)


def verify(stored: str | None, password: str) -> bool:
    """Whether ``password`` matches the stored hash (False for no hash or a damaged one)."""
    if not stored or len(password) > MAX_LENGTH:
        verify_nothing(password)
        return False
    try:
        return HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def verify_nothing(password: str) -> None:
    """Spend the time of one verification, so an unknown login answers as slowly as a known one."""
    with contextlib.suppress(VerificationError, InvalidHashError):
        HASHER.verify(_dummy_hash(), password[:MAX_LENGTH])


@cache
def _dummy_hash() -> str:
    return HASHER.hash(secrets.token_urlsafe(16))


def needs_rehash(stored: str) -> bool:
    """Whether the hash was made with other parameters than today's."""
    try:
        return HASHER.check_needs_rehash(stored)
    except InvalidHashError:
        return True


def kinds(password: str) -> int:
    """How many kinds of character the password uses: lower case, upper case, digits, other."""
    found = {i for ch in password for i, group in enumerate(CLASSES) if ch in group}
    other = any(not any(ch in group for group in CLASSES) for ch in password)
    return len(found) + other


def problems(password: str, *, login: str, settings: AuthSettings) -> list[tuple[str, dict[str, object]]]:
    """What the policy finds wrong with ``password`` for ``login``: (i18n key, values) each; empty if none."""
    out: list[tuple[str, dict[str, object]]] = []
    if len(password) < settings.password_min_length:
        out.append(("users.policy.length", {"n": settings.password_min_length}))
    if len(password) > MAX_LENGTH:
        out.append(("users.policy.too_long", {"n": MAX_LENGTH}))
    if kinds(password) < settings.password_classes:
        out.append(("users.policy.kinds", {"n": settings.password_classes}))
    name = login.strip().lower()
    if name and name in password.lower():
        out.append(("users.policy.login", {}))
    if password != password.strip():
        out.append(("users.policy.spaces", {}))
    return out


def generate(settings: AuthSettings, login: str = "") -> str:
    """A random password that meets the policy for ``login``: 16 characters or the minimum length,
    whichever is more, from all four kinds of character."""
    alphabet = string.ascii_letters + string.digits + "-_.!@#%+="
    length = max(16, settings.password_min_length)
    while True:
        password = "".join(secrets.choice(alphabet) for _ in range(length))
        if kinds(password) == 4 and password[0].isalnum() and not problems(password, login=login, settings=settings):
            return password
