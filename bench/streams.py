#!/usr/bin/env python3
"""Many live streams (Server-Sent Events) held open against a running server: row L1.

    bench/streams.py BASE STREAM_PATH POST_PATH OUT_JSON [options]

Opens --streams (1,000) HTTP/1.1 connections to BASE + STREAM_PATH (`Accept:
text/event-stream`), reads each chunked answer and its SSE messages until every stream has had
its `ready`, then writes --ready (JSON: how many opened, how long it took). When --go exists,
it posts one comment (POST_PATH, bearer token from $STREAMS_TOKEN) and measures, on each stream,
the time from the instant just before the POST was written to the arrival of the
`comment.created` message whose data.id is the new comment's: OUT_JSON gets n, opened, ready,
received, p50, p99, max (seconds). Then it keeps the streams open, reading and discarding what
they carry (counting the messages), until --stop exists, and writes OUT_JSON again with those
counts before it closes them. Every wait is bounded (--open-timeout, --go-timeout,
--deliver-timeout, --hold-max). Standard library only: asyncio and raw sockets, so that
the client costs little next to the server on the same machine.
"""
import argparse
import asyncio
import json
import math
import os
import resource
import sys
import time
from urllib.parse import urlsplit

COMMENT_CREATED = b"\nevent: comment.created\n"
RESET = b"\nevent: reset\n"


class Chunked:
    """Incremental decoder of an HTTP/1.1 chunked body."""

    def __init__(self):
        self.buf = bytearray()
        self.left = 0  # bytes of the current chunk still to come
        self.crlf = False  # the CRLF after a chunk's data is due
        self.eof = False

    def feed(self, data):
        self.buf += data
        out = bytearray()
        while not self.eof:
            if self.left:
                take = min(self.left, len(self.buf))
                if not take:
                    break
                out += self.buf[:take]
                del self.buf[:take]
                self.left -= take
                self.crlf = self.left == 0
            elif self.crlf:
                if len(self.buf) < 2:
                    break
                del self.buf[:2]
                self.crlf = False
            else:
                i = self.buf.find(b"\r\n")
                if i < 0:
                    break
                size = int(bytes(self.buf[:i]).split(b";")[0], 16)
                del self.buf[:i + 2]
                if size == 0:
                    self.eof = True
                self.left = size
        return bytes(out)


class Stream:
    """One stream: its connection, its SSE parser, what it has seen."""

    def __init__(self, shared):
        self.shared = shared
        self.reader = self.writer = None
        self.status = None
        self.error = None
        self.ready_at = None
        self.text = b""
        self.event, self.data = None, []
        self.arrivals = {}  # comment id -> monotonic time of its comment.created
        self.closed = False  # the server ended the stream
        # Counted while held open (raw bytes, not parsed).
        self.bytes = 0
        self.created = 0
        self.resets = 0
        self.tail = b""

    async def open(self, host, port, path, limit):
        async with limit:
            self.reader, self.writer = await asyncio.open_connection(host, port)
            self.writer.write(
                f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: text/event-stream\r\n"
                "Cache-Control: no-store\r\nUser-Agent: opendetat-bench-streams\r\n\r\n".encode())
            await self.writer.drain()
            head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        self.status = int(lines[0].split()[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
        if self.status != 200:
            raise RuntimeError(f"HTTP {self.status}")
        self.chunked = Chunked() if "chunked" in headers.get("transfer-encoding", "").lower() else None

    async def run(self):
        while True:
            data = await self.reader.read(65536)
            if not data:
                self.closed = True
                return
            if self.shared.draining:
                # Held open: count, don't parse (cheap enough to keep up with a busy forum).
                self.bytes += len(data)
                seen = self.tail + data
                self.created += seen.count(COMMENT_CREATED)
                self.resets += seen.count(RESET)
                self.tail = data[-(len(COMMENT_CREATED) - 1):]
                continue
            self.parse(self.chunked.feed(data) if self.chunked else data)

    def parse(self, payload):
        now = time.monotonic()
        self.text += payload
        *lines, self.text = self.text.split(b"\n")
        for raw in lines:
            line = raw.rstrip(b"\r")
            if not line:
                self.dispatch(now)
            elif line.startswith(b":"):
                continue  # a comment (heartbeat)
            else:
                field, _, value = line.partition(b":")
                value = value[1:] if value.startswith(b" ") else value
                if field == b"event":
                    self.event = value.decode()
                elif field == b"data":
                    self.data.append(value)

    def dispatch(self, now):
        event, data = self.event or "message", b"\n".join(self.data)
        self.event, self.data = None, []
        if event == "ready" and self.ready_at is None:
            self.ready_at = now
            self.shared.ready += 1
            self.shared.settled()
        elif event == "comment.created":
            try:
                self.arrivals[json.loads(data)["data"]["id"]] = now
            except (ValueError, KeyError, TypeError):
                pass
            self.shared.arrived.set()

    def close(self):
        if self.writer is not None:
            self.writer.transport.abort()


class Shared:
    def __init__(self, n):
        self.n = n
        self.ready = 0
        self.failed = 0  # streams that ended before their `ready`
        self.all_ready = asyncio.Event()
        self.arrived = asyncio.Event()
        self.draining = False

    def settled(self):
        if self.ready + self.failed == self.n:
            self.all_ready.set()


async def wait_file(path, seconds):
    deadline = time.monotonic() + seconds
    while not os.path.exists(path):
        if time.monotonic() >= deadline:
            return False
        await asyncio.sleep(0.05)
    return True


async def post(host, port, path, token, body):
    """One POST (its own connection); returns (status, parsed JSON answer or None)."""
    reader, writer = await asyncio.open_connection(host, port)
    raw = json.dumps(body).encode()
    writer.write(
        f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
        f"Accept: application/json\r\nAuthorization: Bearer {token}\r\nContent-Length: {len(raw)}\r\n"
        "Connection: close\r\n\r\n".encode() + raw)
    await writer.drain()
    answer = await reader.read()
    writer.close()
    head, _, rest = answer.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    if b"transfer-encoding: chunked" in head.lower():
        rest = Chunked().feed(rest)
    try:
        return status, json.loads(rest)
    except ValueError:
        return status, None


def pick(sorted_values, q):
    """Nearest-rank percentile."""
    if not sorted_values:
        return None
    return sorted_values[min(len(sorted_values) - 1, max(0, math.ceil(len(sorted_values) * q) - 1))]


def write_json(path, obj):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(obj, f)
        f.write("\n")
    os.replace(tmp, path)


async def main(a):
    url = urlsplit(a.base)
    host, port = url.hostname, url.port or 80
    token = os.environ.get("STREAMS_TOKEN", "")
    shared = Shared(a.streams)
    streams = [Stream(shared) for _ in range(a.streams)]
    # Connections opened at most this many at a time (the server's listen backlog is not the
    # point), each then left running.
    limit = asyncio.Semaphore(64)
    result = {"n": a.streams, "pid": os.getpid(), "opened": 0, "ready": 0, "statuses": {}, "errors": {}}

    t_open = time.monotonic()

    async def one(s):
        try:
            await asyncio.wait_for(s.open(host, port, a.stream_path, limit), a.open_timeout)
            await s.run()
        except Exception as e:  # noqa: BLE001 - counted per kind, reported
            s.error = type(e).__name__ + (f": {e}" if isinstance(e, RuntimeError) else "")
        if s.ready_at is None:
            # Ended (or failed) before its `ready`: not waited for.
            shared.failed += 1
            shared.settled()

    tasks = [asyncio.create_task(one(s)) for s in streams]
    try:
        await asyncio.wait_for(shared.all_ready.wait(), a.open_timeout)
    except asyncio.TimeoutError:
        pass
    result["open_seconds"] = round(time.monotonic() - t_open, 3)
    result["opened"] = sum(1 for s in streams if s.status == 200)
    result["ready"] = shared.ready
    for s in streams:
        if s.status is not None:
            result["statuses"][str(s.status)] = result["statuses"].get(str(s.status), 0) + 1
        if s.error:
            result["errors"][s.error] = result["errors"].get(s.error, 0) + 1
    write_json(a.ready, result)

    if not await wait_file(a.go, a.go_timeout):
        result["error"] = f"no go signal within {a.go_timeout:g} s"
    else:
        t0 = time.monotonic()
        status, answer = await asyncio.wait_for(
            post(host, port, a.post_path, token, {"body": a.body}), a.deliver_timeout)
        result["post_status"] = status
        result["post_seconds"] = round(time.monotonic() - t0, 4)
        comment = answer.get("id") if isinstance(answer, dict) else None
        result["comment_id"] = comment
        deadline = t0 + a.deliver_timeout
        while comment is not None and time.monotonic() < deadline:
            if sum(1 for s in streams if comment in s.arrivals) == shared.ready:
                break
            shared.arrived.clear()
            try:
                await asyncio.wait_for(shared.arrived.wait(), max(deadline - time.monotonic(), 0.001))
            except asyncio.TimeoutError:
                break
        lat = sorted(s.arrivals[comment] - t0 for s in streams if comment in s.arrivals)
        result["received"] = len(lat)
        for key, q in (("p50", 0.50), ("p99", 0.99)):
            v = pick(lat, q)
            result[key] = round(v, 4) if v is not None else None
        result["max"] = round(lat[-1], 4) if lat else None
    # Held open: read and count, until told to stop.
    shared.draining = True
    result["phase"] = "measured"
    write_json(a.out, result)
    t_hold = time.monotonic()
    stopped = await wait_file(a.stop, a.hold_max)
    result["phase"] = "closed"
    result["held_seconds"] = round(time.monotonic() - t_hold, 2)
    result["hold_stopped_by"] = "signal" if stopped else f"hold-max ({a.hold_max:g} s)"
    result["held_bytes"] = sum(s.bytes for s in streams)
    result["held_comment_messages"] = sum(s.created for s in streams)
    result["held_resets"] = sum(s.resets for s in streams)
    result["closed_by_server"] = sum(1 for s in streams if s.closed)
    for s in streams:
        s.close()
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    write_json(a.out, result)


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("base")
    p.add_argument("stream_path")
    p.add_argument("post_path")
    p.add_argument("out")
    p.add_argument("--streams", type=int, default=1000)
    p.add_argument("--ready", required=True, help="written (JSON) once every stream is ready")
    p.add_argument("--go", required=True, help="the post is sent once this file exists")
    p.add_argument("--stop", required=True, help="the streams are closed once this file exists")
    p.add_argument("--body", default="L1 : une nouvelle pour toutes les personnes qui suivent ce fil en direct.")
    p.add_argument("--open-timeout", type=float, default=60)
    p.add_argument("--go-timeout", type=float, default=300)
    p.add_argument("--deliver-timeout", type=float, default=30)
    p.add_argument("--hold-max", type=float, default=600)
    args = p.parse_args()
    # One descriptor per stream, and a few more.
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = args.streams + 64
    if soft != resource.RLIM_INFINITY and soft < want:
        if hard != resource.RLIM_INFINITY and hard < want:
            sys.exit(f"streams.py: {args.streams} streams need {want} file descriptors; the hard limit is {hard}")
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    asyncio.run(main(args))
