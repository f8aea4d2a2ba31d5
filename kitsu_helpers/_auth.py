"""gazu's top-level session functions: log in and out, tokens, hosts."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from kitsu_api.calls import authentication as authentication_ops

from . import client as raw
from ._coerce import drop_none
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
    """Return the API host the client sends its requests to.

    Args:
        client: The client to use; the default client when None.

    Returns:
        The API URL, e.g. ``"https://kitsu.example.com/api"``.
    """
    return raw.get_host(client=client)


def set_host(url: str, client: KitsuClient | None = None) -> None:
    """Point the client at another API host.

    The next request goes to the new host; the stored tokens are kept.

    Args:
        url: The API URL, e.g. ``"https://kitsu.example.com/api"`` or ``"http://127.0.0.1:5600"``.
        client: The client to use; the default client when None.
    """
    raw.set_host(url, client=client)


def get_event_host(client: KitsuClient | None = None) -> str:
    """Return the host the event stream (Socket.IO) connects to.

    Args:
        client: The client to use; the default client when None.

    Returns:
        The event host URL; the API host when no event host was set.
    """
    return raw.get_event_host(client=client)


def set_event_host(url: str, client: KitsuClient | None = None) -> None:
    """Set the host the event stream (Socket.IO) connects to, when it differs from the API host.

    Args:
        url: The event server's URL, e.g. ``"https://kitsu.example.com"``.
        client: The client to use; the default client when None.
    """
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
    """Log in with an email and a password, and keep the tokens on the client for the next requests.

    Only the second factor that is given is sent; an account with two-factor authentication needs one of
    totp, email_otp, fido_authentication_response or recovery_code.

    Args:
        email: The user's email (their login).
        password: The user's password.
        totp: A code from the user's authenticator app, when the account uses TOTP.
        email_otp: A one-time password received by email (see send_email_otp).
        fido_authentication_response: The answer of a FIDO2/WebAuthn key, when the account uses one.
        recovery_code: One of the account's recovery codes, in place of another second factor.
        client: The client to use; the default client when None.

    Returns:
        The server's login answer: ``user`` (the person dict), ``access_token``, ``refresh_token``, ``login``
        (True), ...

    Raises:
        AuthFailedException: the server refused the credentials or answered without an access token.
    """
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
    """Build the body of a login request.

    Args:
        email: The user's email.
        password: The user's password.
        totp: An authenticator app code, or None.
        email_otp: A one-time password received by email, or None.
        fido_authentication_response: A FIDO2/WebAuthn answer, or None.
        recovery_code: A recovery code, or None.

    Returns:
        A dict with ``email``, ``password`` and only those second-factor fields that are not None.
    """
    payload = {
        "email": email,
        "password": password,
        "totp": totp,
        "email_otp": email_otp,
        "fido_authentication_response": fido_authentication_response,
        "recovery_code": recovery_code,
    }
    return drop_none(payload)


def login_refused(email: str, exc: GazuException) -> AuthFailedException:
    """Turn the server's refusal of a login (a 400 or 401 answer) into the error log_in raises.

    Args:
        email: The email that tried to log in (named in the message; the password never is).
        exc: The error the request raised.

    Returns:
        An AuthFailedException carrying the status, method, URL and server message of exc.
    """
    return AuthFailedException(
        f"login refused for {email}: {exc.server_message or exc}",
        status=exc.status,
        method=exc.method,
        url=exc.url,
        server_message=exc.server_message,
    )


def check_login_answer(answer: Any, email: str, url: str) -> dict[str, Any]:
    """Check that a successful (2xx) login answer really logged the user in.

    Args:
        answer: The decoded login answer.
        email: The email that logged in (named in the message).
        url: The login URL (named in the error).

    Raises:
        AuthFailedException: the answer is empty, says ``"login": false`` or holds no access token.
    """
    if not isinstance(answer, dict) or answer.get("login") is False or not answer.get("access_token"):
        raise AuthFailedException(f"login refused for {email}", method="POST", url=url)
    return answer


def send_email_otp(email: str, client: KitsuClient | None = None) -> Any:
    """Ask the server to email a one-time password to a user, for a login with email two-factor authentication.

    Args:
        email: The user's email; the code is sent there.
        client: The client to use; the default client when None.

    Returns:
        The server's decoded answer (a small status dict).
    """
    return authentication_ops.get_auth_email_otp(resolve(client), email=email)


def log_out(client: KitsuClient | None = None) -> dict[str, Any]:
    """Log out and forget the tokens stored on the client.

    The server is told first; when it refuses (an expired session, say), the tokens are still dropped locally.

    Args:
        client: The client to use; the default client when None.

    Returns:
        The client's tokens afterwards: an empty dict.
    """
    client = resolve(client)
    with contextlib.suppress(GazuException):  # an expired session still logs out locally
        authentication_ops.get_auth_logout(client)
    tokens: dict[str, Any] = {}
    client.tokens = tokens
    return tokens


def refresh_access_token(client: KitsuClient | None = None) -> dict[str, str]:
    """Get a new access token with the refresh token stored on the client.

    Args:
        client: The client to use; the default client when None.

    Returns:
        ``{"access_token": <the new token>}``; the client uses it from now on.

    Raises:
        NotAuthenticatedException: the client holds no refresh token, or the server's answer holds no access token.
    """
    return resolve(client).refresh_access_token()


@deprecated("refresh_token", "refresh_access_token", "0.10.20")
def refresh_token(client: KitsuClient | None = None) -> dict[str, str]:
    """Return what refresh_access_token returns, under gazu's old name (deprecated: calling it warns).

    gazu 0.8.31 to 0.10.20 named it so.

    Args:
        client: The client to use; the default client when None.

    Returns:
        The new access token, as refresh_access_token returns it.
    """
    return refresh_access_token(client)


def set_token(token: str | dict[str, Any], client: KitsuClient | None = None) -> dict[str, Any]:
    """Authenticate every following request with a token instead of a login.

    Args:
        token: An access token string (a bot's JWT, say) or a dict of tokens (``access_token`` and optionally
            ``refresh_token``).
        client: The client to use; the default client when None.

    Returns:
        The tokens dict the client now holds, e.g. ``{"access_token": "..."}``.
    """
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
    """Create a client of its own for a host and log it in.

    Use it as a context manager: on exit the client logs out and closes its connections. When the login fails,
    the client is closed before the error is raised.

    Args:
        host: The API URL, e.g. ``"https://kitsu.example.com/api"``.
        email: The user's email (their login).
        password: The user's password.
        totp: A code from the user's authenticator app, when the account uses TOTP.
        email_otp: A one-time password received by email (see send_email_otp).
        fido_authentication_response: The answer of a FIDO2/WebAuthn key, when the account uses one.
        recovery_code: One of the account's recovery codes, in place of another second factor.
        ssl_verify: Whether to check the server's TLS certificate.
        cert: Path of a client certificate to present to the server, if it asks for one.
        use_refresh_token: Whether to refresh the access token by itself when the server says it expired.
        callback_not_authenticated: Called as ``callback(client, path)`` when a request is refused for want of
            authentication (and no refresh applies); it may log in again and return True to have the request
            sent again.

    Returns:
        The logged-in KitsuClient (not the default client).

    Raises:
        AuthFailedException: the server refused the credentials.
    """
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
