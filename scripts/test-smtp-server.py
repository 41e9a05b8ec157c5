"""A real SMTP server for Amicus's e-mail tests (aiosmtpd, from PyPI).

Each message it takes is written to MAILDIR as N.eml (the bytes as
received) with N.json beside it (envelope sender and recipients). It
prints "READY <port>" once it listens, and runs until stdin closes or it
is killed.

Recipients whose address starts with "refused" get 550 at RCPT; a message
to one starting with "drop" has its connection cut in the middle of DATA.

With --xoauth2 INTROSPECTION_URL --audience CLIENT_ID it takes AUTH XOAUTH2
only (a bearer token from the test OpenID provider, checked by introspection:
active, issued to CLIENT_ID, for the user it names) and records the user
and the token it took in N.json.
"""

import argparse
import asyncio
import json
import os
import ssl
import sys
import threading
import warnings

# AUTH without TLS is what one test wants; aiosmtpd's warnings about it are noise.
warnings.simplefilter("ignore")

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Keep:
    def __init__(self, maildir):
        self.maildir = maildir
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("refused"):
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if any(r.lower().startswith("drop") for r in envelope.rcpt_tos):
            session.peer and server.transport.abort()
            return "421 4.4.2 connection dropped"
        self.count += 1
        base = os.path.join(self.maildir, str(self.count))
        with open(base + ".eml", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        with open(base + ".json", "w") as f:
            record = {"from": envelope.mail_from, "to": envelope.rcpt_tos}
            if isinstance(session.auth_data, dict):
                record.update(session.auth_data)
            json.dump(record, f)
        return "250 2.0.0 Ok: queued as AMICUS%d" % self.count


class KeepXoauth2(Keep):
    """AUTH XOAUTH2 (Google's and Microsoft's SASL mechanism): the initial
    response is base64 of "user=U\\x01auth=Bearer T\\x01\\x01"."""

    def __init__(self, maildir, introspection, audience):
        super().__init__(maildir)
        self.introspection = introspection
        self.audience = audience

    async def auth_XOAUTH2(self, server, args):
        import base64
        from test_introspect import check

        try:
            if len(args) > 1:
                raw = base64.b64decode(args[1]).decode()
            else:
                blob = await server.challenge_auth("")
                if not isinstance(blob, bytes):
                    return AuthResult(success=False, handled=True)
                raw = blob.decode()
            parts = dict(p.split("=", 1) for p in raw.split("\x01") if "=" in p)
            user = parts["user"]
            token = parts["auth"].split(" ", 1)[1]
        except Exception:
            return AuthResult(success=False, handled=False)
        subject, why = check(self.introspection, self.audience, token)
        if subject is None or subject != user:
            sys.stderr.write("XOAUTH2 refused for %s: %s\n" % (user, why or "token of " + str(subject)))
            return AuthResult(success=False, handled=False)
        return AuthResult(success=True, auth_data={"user": user, "token": token})


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--maildir", required=True)
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--cert")
    p.add_argument("--key")
    p.add_argument("--implicit-tls", action="store_true")
    p.add_argument("--auth", help="user:password the server requires")
    p.add_argument("--xoauth2", help="the provider's token introspection URL")
    p.add_argument("--audience", default="amicus-desktop")
    a = p.parse_args()

    context = None
    if a.cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(a.cert, a.key)

    kwargs = {}
    handler = Keep(a.maildir)
    if a.xoauth2:
        handler = KeepXoauth2(a.maildir, a.xoauth2, a.audience)

        def no_passwords(server, session, envelope, mechanism, auth_data):
            return AuthResult(success=False, handled=False)

        kwargs.update(
            authenticator=no_passwords,
            auth_required=True,
            auth_require_tls=bool(context) and not a.implicit_tls,
            auth_exclude_mechanism=["LOGIN", "PLAIN"],
        )
    elif a.auth:
        user, password = a.auth.split(":", 1)

        def text(v):
            return v.decode() if isinstance(v, bytes) else v

        def check(server, session, envelope, mechanism, auth_data):
            ok = (
                isinstance(auth_data, LoginPassword)
                and text(auth_data.login) == user
                and text(auth_data.password) == password
            )
            return AuthResult(success=ok, handled=False)

        # With implicit TLS aiosmtpd cannot tell the session is encrypted,
        # so it would hide AUTH; STARTTLS sessions must upgrade first.
        kwargs.update(
            authenticator=check,
            auth_required=True,
            auth_require_tls=bool(context) and not a.implicit_tls,
        )
    else:
        kwargs.update(auth_require_tls=False)

    if context and a.implicit_tls:
        kwargs["ssl_context"] = context
    elif context:
        kwargs["tls_context"] = context
        kwargs["require_starttls"] = True

    port = a.port
    if port == 0:
        import socket

        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
    os.makedirs(a.maildir, exist_ok=True)
    controller = Controller(handler, hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    print("READY %d" % port, flush=True)
    done = threading.Event()

    def wait_stdin():
        sys.stdin.read()
        done.set()

    threading.Thread(target=wait_stdin, daemon=True).start()
    try:
        done.wait()
    except KeyboardInterrupt:
        pass
    controller.stop()


if __name__ == "__main__":
    main()
