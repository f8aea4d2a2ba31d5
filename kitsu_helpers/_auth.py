"""gazu's top-level session functions: log in and out, tokens, hosts."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from kitsu_api.calls import authentication as authentication_ops

from . import client as raw
from ._deprecated import deprecated
from ._logging import enable_logging as enable_logging
from .client import KitsuClient, create_client, resolve
from .errors import AuthFailedException, GazuException, NotAuthenticatedException, ParameterException

__all__ = [
    "KitsuClient",
    "create_client",
    "create_session",
    "get_event_host",
    "get_host",
    "log_in",
    "log_out",
    "refresh_access_token",
    "refresh_token",
    "send_email_otp",
    "set_event_host",
    "set_host",
    "set_token",
]


def get_host(client: KitsuClient | None = None) -> str:
    """Return the API host of the client."""
    return raw.get_host(client=client)


def set_host(url: str, client: KitsuClient | None = None) -> None:
    """Set the API host (e.g. "https://kitsu.example.com/api" or "http://127.0.0.1:5600")."""
    raw.set_host(url, client=client)


def get_event_host(client: KitsuClient | None = None) -> str:
    """Return the event-stream host of the client."""
    return raw.get_event_host(client=client)


def set_event_host(url: str, client: KitsuClient | None = None) -> None:
    """Set the event-stream host."""
    raw.set_event_host(url, client=client)


def log_in(
    email: str,
    password: str,
    totp: str | None = None,
    email_otp: str | None = None,
    fido_authentication_response: Any = None,
    recovery_code: str | None = None,
    client: KitsuClient | None = None,
) -> dict[str, Any]:
    """Log in, store the tokens on the client and return the login answer (user, tokens)."""
    client = resolve(client)
    payload = login_payload(email, password, totp, email_otp, fido_authentication_response, recovery_code)
    try:
        answer = authentication_ops.post_auth_login(client, json=payload)
    except (NotAuthenticatedException, ParameterException) as exc:
        raise login_refused(email, exc) from None
    answer = check_login_answer(answer, email, client.url_of("post_auth_login"))
    raw.set_tokens(answer, client=client)
    return answer


# Pure pieces of the login, shared with kitsu_helpers.aio.
def login_payload(
    email: str,
    password: str,
    totp: str | None = None,
    email_otp: str | None = None,
    fido_authentication_response: Any = None,
    recovery_code: str | None = None,
) -> dict[str, Any]:
    """Return the login body: the credentials and whichever second factor is given."""
    payload = {
        "email": email,
        "password": password,
        "totp": totp,
        "email_otp": email_otp,
        "fido_authentication_response": fido_authentication_response,
        "recovery_code": recovery_code,
    }
    return {k: v for k, v in payload.items() if v is not None}


def login_refused(email: str, exc: GazuException) -> AuthFailedException:
    """Return the AuthFailedException for a login the server answered with 400 or 401."""
    return AuthFailedException(
        f"login refused for {email}: {exc.server_message or exc}",
        status=exc.status,
        method=exc.method,
        url=exc.url,
        server_message=exc.server_message,
    )


def check_login_answer(answer: Any, email: str, url: str) -> dict[str, Any]:
    """Raise AuthFailedException unless a 2xx login answer carries an access token."""
    if not isinstance(answer, dict) or answer.get("login") is False or not answer.get("access_token"):
        raise AuthFailedException(f"login refused for {email}", method="POST", url=url)
    return answer


def send_email_otp(email: str, client: KitsuClient | None = None) -> Any:
    """Ask the server to email a one-time password to email."""
    return authentication_ops.get_auth_email_otp(resolve(client), email=email)


def log_out(client: KitsuClient | None = None) -> dict[str, Any]:
    """Log out on the server (when possible) and forget the tokens; return the now-empty tokens."""
    client = resolve(client)
    with contextlib.suppress(GazuException):  # an expired session still logs out locally
        authentication_ops.get_auth_logout(client)
    tokens: dict[str, Any] = {}
    client.tokens = tokens
    return tokens


def refresh_access_token(client: KitsuClient | None = None) -> dict[str, str]:
    """Refresh the access token with the stored refresh token."""
    return resolve(client).refresh_access_token()


@deprecated("refresh_token", "refresh_access_token", "0.10.20")
def refresh_token(client: KitsuClient | None = None) -> dict[str, str]:
    """Refresh the access token with the stored refresh token; return the new tokens (gazu 0.8.31 - 0.10.20)."""
    return resolve(client).refresh_access_token()


def set_token(token: str | dict[str, Any], client: KitsuClient | None = None) -> dict[str, Any]:
    """Use a token (a bot's JWT, or a dict of tokens) for every request."""
    tokens = token if isinstance(token, dict) else {"access_token": token}
    return raw.set_tokens(tokens, client=client)


def create_session(
    host: str,
    email: str,
    password: str,
    totp: str | None = None,
    email_otp: str | None = None,
    fido_authentication_response: Any = None,
    recovery_code: str | None = None,
    ssl_verify: bool = True,
    cert: str | None = None,
    use_refresh_token: bool = False,
    callback_not_authenticated: Callable[..., bool] | None = None,
) -> KitsuClient:
    """Return a logged-in client, usable as a context manager (logs out and closes on exit)."""
    client = create_client(
        host,
        ssl_verify=ssl_verify,
        cert=cert,
        use_refresh_token=use_refresh_token,
        callback_not_authenticated=callback_not_authenticated,
    )
    try:
        log_in(email, password, totp, email_otp, fido_authentication_response, recovery_code, client=client)
    except Exception:
        client.close()
        raise
    return client
