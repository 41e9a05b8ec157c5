"""Checking a bearer token with the test OpenID provider (token
introspection, RFC 7662), for scripts/test-smtp-server.py's XOAUTH2 and
scripts/test-mail-api-server.py. A token is taken only if the provider says
it is active and it was issued to the expected client (the audience): an
expired, revoked or someone else's token is refused, with the reason."""

import base64
import json
import urllib.parse
import urllib.request


def introspect(url, token):
    body = urllib.parse.urlencode({"token": token}).encode()
    req = urllib.request.Request(url, data=body, method="POST")
    creds = base64.b64encode(b"mail-server:mail-server-secret").decode()
    req.add_header("Authorization", "Basic " + creds)
    req.add_header("Content-Type", "application/x-www-form-urlencoded")
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.load(r)


def check(url, audience, token):
    """(the token's subject, None) when it is good, else (None, why)."""
    try:
        info = introspect(url, token)
    except Exception as e:  # the provider is down: refuse, and say so
        return None, "introspection failed: %s" % e
    if not info.get("active"):
        return None, "token not active (expired or revoked)"
    if info.get("client_id") != audience:
        return None, "token issued to %s, not %s" % (info.get("client_id"), audience)
    return info.get("sub") or info.get("client_id"), None
