"""Bearer-token authentication, and the rule that only loopback may be served without a token.

The token comes from DECISION_LENS_API_TOKEN or from a file (--token-file), never from the command line,
where shell history and `ps` would show it. With a token configured, every endpoint except /health and the
API description (/openapi.json, /docs) wants `Authorization: Bearer <token>`, compared in constant time.
"""

from __future__ import annotations

import hmac
import ipaddress
import os
import socket
import stat
import sys
from collections.abc import Mapping
from pathlib import Path

from decision_lens.project import LensError

TOKEN_ENV = "DECISION_LENS_API_TOKEN"
# off loopback: a token shorter than this could be guessed (secrets.token_urlsafe(32) gives 43 characters)
MIN_TOKEN_CHARS = 32


class Unauthorized(Exception):
    pass


def load_token(token_file: Path | None, environ: Mapping[str, str] | None = None) -> str | None:
    """The token of the token file if one is given, else the environment's; None when neither is set."""
    environ = os.environ if environ is None else environ
    if token_file is not None:
        try:
            text = token_file.read_text()
            mode = token_file.stat().st_mode
        except OSError as error:
            raise LensError(f"Cannot read the token file {token_file}: {error.strerror}") from error
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            print(f"lens serve: warning: {token_file} is readable by others: chmod 600 it.", file=sys.stderr)
        token = text.strip()
        if not token:
            raise LensError(f"The token file {token_file} is empty.")
        return token
    token = environ.get(TOKEN_ENV, "").strip()
    return token or None


def is_loopback(host: str) -> bool:
    """True when every address the host name stands for is a loopback address."""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        pass
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except OSError:
        return False
    return bool(addresses) and all(ipaddress.ip_address(a.split("%")[0]).is_loopback for a in addresses)


def check_bind(host: str, token: str | None) -> None:
    """Off loopback, a token is required, and one long enough not to be guessed."""
    if is_loopback(host):
        return
    if token is None:
        raise LensError(
            f"Refusing to listen on {host} without a token: anyone who can reach it could read the data. "
            f"Set {TOKEN_ENV} or pass --token-file FILE, or listen on 127.0.0.1."
        )
    if len(token) < MIN_TOKEN_CHARS:
        raise LensError(
            f"Refusing to listen on {host} with a token of {len(token)} characters: off loopback it must "
            f"have at least {MIN_TOKEN_CHARS}. Make one with: "
            "python -c 'import secrets; print(secrets.token_urlsafe(32))'"
        )


def check_header(token: str | None, authorization: str | None) -> None:
    """Nothing to check without a token; else the header must carry it (Unauthorized says what is wrong)."""
    if token is None:
        return
    if not authorization:
        raise Unauthorized("This server wants a bearer token: send 'Authorization: Bearer <token>'.")
    scheme, _, given = authorization.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise Unauthorized("Send the token as 'Authorization: Bearer <token>'.")
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise Unauthorized("The bearer token is not valid.")
