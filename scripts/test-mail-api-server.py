"""Stand-ins for Microsoft Graph's sendMail and the Gmail API's
messages.send, for Amicus's mailbox tests: plain HTTP on 127.0.0.1, each
request's bearer token checked with the test OpenID provider (introspection:
active, issued to --audience), each accepted message recorded in MAILDIR:

  N.graph.json  the Graph request body as received   (POST /v1.0/me/sendMail)
  N.eml         the Gmail message, base64url decoded (POST /gmail/v1/users/me/messages/send)
  N.meta.json   {"path", "user"} (the token's subject)

It prints "READY <port>" and runs until stdin closes. With --cert and --key
it speaks HTTPS with that certificate (an organization's own CA's). Faults, by the first
recipient's address: "busyonce..." gets 429 (Retry-After: 1) on its first
try, "busy..." 503 (Retry-After: 1) every time; every refusal is logged in
MAILDIR/refusals.log.
"""

import argparse
import base64
import json
import os
import sys
import threading
from email import message_from_bytes
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_introspect import check  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--maildir", required=True)
    p.add_argument("--introspection", required=True)
    p.add_argument("--audience", default="amicus-desktop")
    p.add_argument("--cert")
    p.add_argument("--key")
    a = p.parse_args()
    os.makedirs(a.maildir, exist_ok=True)
    lock = threading.Lock()
    state = {"count": 0, "seen": set()}

    def log_refusal(line):
        with lock, open(os.path.join(a.maildir, "refusals.log"), "a") as f:
            f.write(line + "\n")

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def answer(self, status, body=None, headers=()):
            data = json.dumps(body).encode() if body is not None else b""
            self.send_response(status)
            for k, v in headers:
                self.send_header(k, v)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self):
            length = int(self.headers.get("Content-Length", 0))
            body = self.rfile.read(length)
            auth = self.headers.get("Authorization", "")
            if not auth.startswith("Bearer "):
                log_refusal("401 no bearer token")
                return self.answer(401, {"error": {"code": "InvalidAuthenticationToken", "message": "no token"}})
            user, why = check(a.introspection, a.audience, auth[7:])
            if user is None:
                log_refusal("401 " + why)
                return self.answer(401, {"error": {"code": "InvalidAuthenticationToken", "message": why}})
            try:
                req = json.loads(body)
            except ValueError:
                return self.answer(400, {"error": {"message": "not JSON"}})
            if self.path == "/v1.0/me/sendMail":
                first = req["message"]["toRecipients"][0]["emailAddress"]["address"]
                key = req["message"].get("internetMessageId")
                kind, data = "graph.json", body
            elif self.path == "/gmail/v1/users/me/messages/send":
                raw = req["raw"]
                data = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4))
                m = message_from_bytes(data)
                first = m["To"].split("<")[-1].rstrip(">").strip()
                key = m["Message-ID"]
                kind = "eml"
            else:
                return self.answer(404, {"error": {"message": "no such endpoint " + self.path}})
            with lock:
                again = key in state["seen"]
                state["seen"].add(key)
            if first.startswith("busyonce") and not again:
                log_refusal("429 " + first)
                return self.answer(429, {"error": {"message": "too many requests"}}, [("Retry-After", "1")])
            if first.startswith("busy") and not first.startswith("busyonce"):
                log_refusal("503 " + first)
                return self.answer(503, {"error": {"message": "service unavailable"}}, [("Retry-After", "1")])
            with lock:
                state["count"] += 1
                n = state["count"]
            base = os.path.join(a.maildir, str(n))
            with open(base + "." + kind, "wb") as f:
                f.write(data)
            with open(base + ".meta.json", "w") as f:
                json.dump({"path": self.path, "user": user}, f)
            if kind == "eml":
                return self.answer(200, {"id": "gmail%d" % n, "threadId": "t%d" % n})
            return self.answer(202)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    if a.cert:
        import ssl

        tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls.load_cert_chain(a.cert, a.key)
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    print("READY %d" % server.server_address[1], flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()
    server.shutdown()


if __name__ == "__main__":
    main()
