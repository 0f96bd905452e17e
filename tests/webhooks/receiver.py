"""A webhook receiver for the tests: a real HTTP server that verifies every delivery with the
official Standard Webhooks library (`standardwebhooks`, PyPI) and writes what it received,
one JSON line per request, to DIR/<name>.jsonl.

Paths say how to answer:
  POST /ok/<name>               200
  POST /flaky/<name>/<n>        503 for the first n requests, then 200
  POST /gone/<name>             410 Gone
The secrets to verify with are the lines of DIR/<name>.secrets (the test writes them once it
has registered the endpoint); `verified` lists, per secret, whether the delivery verifies.

Usage: receiver.py --dir DIR   (prints "ready PORT" once listening; runs until killed)
"""

import argparse
import json
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook

LOCK = threading.Lock()
COUNTS = {}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    args = parser.parse_args()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("content-length", "0"))
            body = self.rfile.read(length)
            parts = self.path.strip("/").split("/")
            kind, name = parts[0], parts[1] if len(parts) > 1 else "default"
            secrets_file = os.path.join(args.dir, name + ".secrets")
            secrets = []
            if os.path.exists(secrets_file):
                with open(secrets_file) as f:
                    secrets = [line.strip() for line in f if line.strip()]
            headers = {k.lower(): v for k, v in self.headers.items()}
            verified = []
            for secret in secrets:
                try:
                    Webhook(secret).verify(body, headers)
                    verified.append(True)
                except Exception:  # the library's WebhookVerificationError and friends
                    verified.append(False)
            with LOCK:
                COUNTS[self.path] = COUNTS.get(self.path, 0) + 1
                n = COUNTS[self.path]
                if kind == "flaky":
                    status = 503 if n <= int(parts[2]) else 200
                elif kind == "gone":
                    status = 410
                else:
                    status = 200
                record = {
                    "path": self.path,
                    "status": status,
                    "id": headers.get("webhook-id"),
                    "timestamp": headers.get("webhook-timestamp"),
                    "signature": headers.get("webhook-signature"),
                    "content_type": headers.get("content-type"),
                    "verified": verified,
                    "body": json.loads(body) if body else None,
                }
                with open(os.path.join(args.dir, name + ".jsonl"), "a") as f:
                    f.write(json.dumps(record) + "\n")
            self.send_response(status)
            self.send_header("content-length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *_):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(f"ready {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
