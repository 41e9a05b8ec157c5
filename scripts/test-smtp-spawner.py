"""Starts the test mail server (test-smtp-server.py) for tests that cannot
start a Linux program themselves: the Windows tests running under Wine.

It listens on 127.0.0.1 and prints "READY <port>" once it does. Each
connection asks for one mail server with one line of JSON:

    {"dir": "C:\\users\\...\\Temp\\.tmpAb12", "args": ["--maildir", "mail", ...]}

`dir` is the test's folder as the Windows process names it; it becomes the
server's working folder (so relative --maildir, --cert and --key work) once
translated to the Linux path through the Wine prefix's drive links
($WINEPREFIX/dosdevices/c: and so on). The spawner answers with the
server's own "READY <port>" line, and stops that server when the
connection closes, as a test's server stops when its stdin closes.

Runs until stdin closes or it is killed.
"""

import json
import os
import socket
import subprocess
import sys
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER = os.path.join(HERE, "test-smtp-server.py")


def unix_path(windows):
    """A Windows path of the Wine prefix, as Linux sees it (a Linux path as it is)."""
    if windows.startswith("/"):
        return windows
    drive, rest = windows[:2].lower(), windows[2:]
    if len(drive) != 2 or drive[1] != ":":
        raise ValueError("not a Windows path with a drive: %r" % windows)
    prefix = os.environ.get("WINEPREFIX") or os.path.expanduser("~/.wine")
    root = os.path.realpath(os.path.join(prefix, "dosdevices", drive))
    return os.path.join(root, *[p for p in rest.replace("\\", "/").split("/") if p])


def serve(conn):
    child = None
    try:
        f = conn.makefile("rwb", buffering=0)
        ask = json.loads(f.readline())
        cwd = unix_path(ask["dir"])
        child = subprocess.Popen(
            [sys.executable, SERVER] + list(ask["args"]),
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        f.write(child.stdout.readline())
        # The test holds the connection while it needs the server.
        while conn.recv(4096):
            pass
    except Exception as e:  # said to the test, which fails with it
        try:
            conn.sendall(("FAILED %s\n" % e).encode())
        except OSError:
            pass
    finally:
        if child is not None:
            child.stdin.close()
            child.kill()
            child.wait()
        conn.close()


def main():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(16)
    print("READY %d" % s.getsockname()[1], flush=True)

    def accept():
        while True:
            conn, _ = s.accept()
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    sys.stdin.read()


if __name__ == "__main__":
    main()
