#!/usr/bin/env python3
"""Bursts of simultaneous sign-ins against a running server, with its memory after each.

    bench/signin_burst.py BASE_URL SERVER_PID [BURSTS] [SIZE]

Each burst sends SIZE (default 64) sign-ins at the same instant (unknown addresses: no
account is needed, and every one is hashed, for constant time), waits for all answers, then
reads the server's VmRSS and VmHWM from /proc; after the last burst it waits 5 s and reads
VmRSS again (does memory come back?). Prints one JSON object. Used by bench/run.sh (row S1's
burst) and to compare memory strategies (bench/README.md, "Sign-in").
"""
import json
import sys
import threading
import time
import urllib.error
import urllib.request


def status_kb(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def sign_in(base, i, out):
    body = json.dumps({"email": f"burst-{i}-{time.time_ns()}@bench.opendetat.test",
                       "password": "not-a-password-at-all"}).encode()
    req = urllib.request.Request(base + "/api/v1/auth/login", data=body,
                                 headers={"Content-Type": "application/json"})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(req, timeout=120) as r:
            out.append(r.status)
    except urllib.error.HTTPError as e:
        out.append(e.code)
    except Exception:  # noqa: BLE001 - a refused connection counts as a failure
        out.append(0)


def main():
    base, pid = sys.argv[1].rstrip("/"), int(sys.argv[2])
    bursts = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    size = int(sys.argv[4]) if len(sys.argv) > 4 else 64
    result = {"size": size, "rss_before_kb": status_kb(pid, "VmRSS"),
              "hwm_before_kb": status_kb(pid, "VmHWM"), "bursts": []}
    for n in range(bursts):
        statuses, barrier = [], threading.Barrier(size)

        def one(i):
            barrier.wait()
            sign_in(base, n * size + i, statuses)

        started = time.monotonic()
        threads = [threading.Thread(target=one, args=(i,)) for i in range(size)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        result["bursts"].append({
            "seconds": round(time.monotonic() - started, 2),
            "statuses": {str(s): statuses.count(s) for s in sorted(set(statuses))},
            "rss_kb": status_kb(pid, "VmRSS"), "hwm_kb": status_kb(pid, "VmHWM")})
    time.sleep(5)
    result["rss_after_idle_kb"] = status_kb(pid, "VmRSS")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
