"""A real SMTP server for the tests: aiosmtpd (from PyPI), keeping every message it receives.

    python tests/smtp/sink.py --dir DIR [--port PORT] [--until-killed]

Listens on 127.0.0.1 (PORT, or a free port), prints `ready <port>` once it accepts connections,
and writes each message, as received, to DIR/<recipient>/<n>.eml (one copy per recipient, the
recipient lowercased), with the envelope in two headers put first: `X-Sink-Mail-From` and
`X-Sink-Rcpt-To`. A file appears whole (written under another name, then renamed).

While a file DIR/REFUSE exists, every MAIL command is answered `451 4.3.0` (try again later):
how the tests see a mail server that is down for a while. While DIR/REJECT exists, every
recipient is refused for good (`550 5.1.1`): an address that does not exist.

Stops on SIGTERM or SIGINT, and when its standard input closes (the test process that started
it has ended) unless --until-killed.
"""

import argparse
import asyncio
import itertools
import os
import re
import signal
import socket
import sys
import threading
from pathlib import Path

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def folder(address: str) -> str:
    return re.sub(r"[^a-z0-9@._+-]", "_", address.lower())


class Sink:
    def __init__(self, root: Path):
        self.root = root
        self.numbers = itertools.count(1)

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if (self.root / "REFUSE").exists():
            return "451 4.3.0 try again later"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if (self.root / "REJECT").exists():
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        n = next(self.numbers)
        head = (
            f"X-Sink-Mail-From: {envelope.mail_from}\r\n"
            f"X-Sink-Rcpt-To: {', '.join(envelope.rcpt_tos)}\r\n"
        ).encode()
        for rcpt in envelope.rcpt_tos:
            box = self.root / folder(rcpt)
            box.mkdir(parents=True, exist_ok=True)
            tmp = box / f".{n:06d}.tmp"
            tmp.write_bytes(head + envelope.original_content)
            tmp.rename(box / f"{n:06d}.eml")
        return "250 OK: queued"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", required=True, type=Path)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--until-killed", action="store_true")
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    port = args.port or free_port()
    controller = Controller(
        Sink(args.dir),
        hostname="127.0.0.1",
        port=port,
        enable_SMTPUTF8=True,
        decode_data=False,
        server_hostname="opendetat-test-sink",
    )
    controller.start()
    print(f"ready {port}", flush=True)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    if not args.until_killed:
        def watch_stdin() -> None:
            sys.stdin.read()
            stop.set()

        threading.Thread(target=watch_stdin, daemon=True).start()
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
