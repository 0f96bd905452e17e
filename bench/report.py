#!/usr/bin/env python3
"""Helpers for bench/run.sh (standard library only).

  report.py cpu PID             print CPU ticks: machine busy/total, the server PID, postgres
  report.py rss RUN_DIR OP T0 T1  max VmRSS (kB) sampled between two instants
  report.py json FILE KEY       print one value of a JSON object (dotted key)
  report.py ticks PID           print a process's CPU ticks so far
  report.py l1 RUN_DIR          assemble row L1 (live streams) into RUN_DIR/L1.json
  report.py l1-line RUN_DIR     print L1's line of the report
  report.py render RUN_DIR      assemble RUN_DIR into the results JSON + markdown, print the table
"""

import json
import os
import re
import sys

TICK = os.sysconf("SC_CLK_TCK")

# What each operation is, and its latency target (ms). Ratio target: 0.5 of the ceiling (RATIO_TARGETS).
OPS = {
    "R1": ("first page of a busy forum's discussion (~50,000 comments)", 25.0),
    "R1s": ("R1 on the small forum (~50 comments)", 25.0),
    "R2": ("a commitment with its milestones (FR0041)", 25.0),
    "R2c": ("R2 revalidated with its current ETag (304)", 25.0),
    "R3": ("upcoming forums", 25.0),
    "R4": ("commitments filtered (action plan + policy area)", 25.0),
    "R5": ("search comments for a common French word", 100.0),
    "R5o": ("search comments for a word common in old comments only", 100.0),
    "R6": ("a held forum's 100 action items with their histories", 25.0),
    "R7": ("a member's unread notification count (1,000,000 notifications, counted up to 100)", 25.0),
    "R8": ("an institution's record (40,000 questions)", 25.0),
    "R9": ("the first page of a plan's 5,000 proposals (its summary page's list)", 25.0),
    "R9s": ("the counts of R9's summary page (by state, by origin)", 25.0),
    "W1": ("post a comment as a signed-in member", 25.0),
    "W1f": ("W1 on a forum 10,000 members follow", 25.0),
    "W2": ("register for a forum (a seat is free)", 25.0),
    "W3": ("support a proposal", 25.0),
    # Sign-in is bound by argon2id by design: its ceiling is the machine's hashing rate
    # (`opendetat hash-bench`), and 32 connections queue for 2 hashing slots.
    "S1": ("sign in with the right password (argon2id)", 1000.0),
}
RATIO_TARGET = 0.5
# Rows whose issue asks more of them than the default (issue 25: W3 at 70 %).
RATIO_TARGETS = {"W3": 0.7}
# Issue 25's R9 is a page, "the summary page of a plan with 5,000 proposals (first page and
# counts)": the web app loads it with two requests, measured as rows R9 and R9s. The page's
# rate is one of each (1 / (1/R9 + 1/R9s)), the API's against the ceiling's; this is the
# share the issue sets.
SUMMARY_PAGE_TARGET = 0.7
# Posting where 10,000 people follow may cost the poster at most this much more than where
# nobody does (the fan-out is a job), and its notifications must exist within this many seconds.
FOLLOWED_COST_TARGET = 1.2
FAN_OUT_TARGET_S = 10.0
# A revalidation that matches (R2c, a 304) serves at least this many times R2's full answers.
REVALIDATION_TARGET = 2.0
# Exporting a forum's 10,000 registrations as CSV streams: the server's RSS grows less than this.
EXPORT_GROWTH_TARGET_MB = 10.0
# E2 (open-data export): at least this share of PostgreSQL's own COPY rate for the same rows.
OPEN_DATA_COPY_SHARE_TARGET = 0.5
RSS_TARGET_MB = 64.0
# L1 (live streams): 1,000 open streams on one discussion hold less than this much more RSS;
# one post reaches all of them with this p99; W1 with them open costs at most this much more
# (W1's req/s without ÷ with).
LIVE_GROWTH_TARGET_MB = 20.0
LIVE_ARRIVAL_P99_TARGET_S = 1.0
LIVE_W1_COST_TARGET = 1.2
BUSY_SMALL_TARGET = 1.5


def summary_page(by):
    """R9's page as the web app loads it: its list (R9) and its counts (R9s), one request of
    each. A page costs the time of both, so pages/s = 1 / (1/R9 + 1/R9s), for the API and for
    the ceiling alike. `None` unless both rows ran and both ceilings answered."""
    rows = [by.get(op) or {} for op in ("R9", "R9s")]
    api = [(r.get("api") or {}).get("req_per_s") for r in rows]
    ceiling = [(r.get("ceiling") or {}).get("tps") for r in rows]
    if not all(api) or not all(ceiling):
        return None
    api_rate = 1 / sum(1 / x for x in api)
    ceiling_rate = 1 / sum(1 / x for x in ceiling)
    ratio = api_rate / ceiling_rate
    # A row whose SQL is not the server's has no ceiling to judge against.
    drift = any(any(m.startswith("unknown") for m in r.get("missed", [])) for r in rows)
    met = ratio >= SUMMARY_PAGE_TARGET and not drift
    verdict = "unknown (bench/sql differs from the server's SQL)" if drift else "met" if met else "missed"
    return {"api_pages_per_s": round(api_rate, 1), "ceiling_pages_per_s": round(ceiling_rate, 1),
            "ratio": round(ratio, 3), "target": SUMMARY_PAGE_TARGET, "target_met": met, "verdict": verdict}


def cpu(pid, dbname):
    """CPU ticks so far: the machine (busy, total), the server PID, and PostgreSQL split into
    the backends of the benchmark database, its auxiliary processes (WAL writer, checkpointer,
    ...), and backends of other databases (other users of the machine)."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    total = sum(fields[:8])  # user nice system idle iowait irq softirq steal
    idle = fields[3] + fields[4]
    server = proc_ticks(pid)
    pg_ours = pg_aux = pg_other = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/comm") as f:
                if f.read().strip() != "postgres":
                    continue
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        ticks = proc_ticks(entry)
        # A backend's title: "postgres: 15/main: USER DATABASE HOST(PORT) STATE".
        m = re.match(r"postgres: (?:\S+: )?\S+ (\S+) (?:\S+\(\d+\)|\[local\])", cmd)
        if m is None:
            pg_aux += ticks
        elif m.group(1) == dbname:
            pg_ours += ticks
        else:
            pg_other += ticks
    print(json.dumps({"busy": total - idle, "total": total, "server": server,
                      "pg_ours": pg_ours, "pg_aux": pg_aux, "pg_other": pg_other}))


def timed(out, argv):
    """Runs argv, then writes the CPU seconds it and its children used to `out`."""
    import resource
    import subprocess
    rc = subprocess.call(argv)
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(out, "w") as f:
        f.write(f"{r.ru_utime + r.ru_stime:.3f}\n")
    sys.exit(rc)


def stat_ticks():
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    total = sum(fields[:8])
    return total - fields[3] - fields[4], total


def proc_ticks(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            raw = f.read()
    except OSError:
        return 0
    # Fields after the ")" that closes the command name: utime is the 12th, stime the 13th.
    rest = raw[raw.rindex(")") + 2:].split()
    return int(rest[11]) + int(rest[12])


def rss(run_dir, t0, t1):
    best = 0
    try:
        with open(os.path.join(run_dir, "rss.tsv")) as f:
            for line in f:
                parts = line.split()
                if len(parts) == 2 and t0 <= float(parts[0]) <= t1:
                    best = max(best, int(parts[1]))
    except OSError:
        pass
    print(best)


def load(path, default=None):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return default


def parse_pgbench(path):
    out = {"tps": None, "failed": None, "latency_ms": None, "transactions": None, "aborted": False}
    try:
        text = open(path, encoding="utf-8", errors="replace").read()
    except OSError:
        return out
    m = re.search(r"^tps = ([0-9.]+) \(without initial connection time\)", text, re.M)
    if m:
        out["tps"] = float(m.group(1))
    m = re.search(r"number of transactions actually processed: (\d+)", text)
    if m:
        out["transactions"] = int(m.group(1))
    m = re.search(r"number of failed transactions: (\d+)", text)
    if m:
        out["failed"] = int(m.group(1))
    m = re.search(r"latency average = ([0-9.]+) ms", text)
    if m:
        out["latency_ms"] = float(m.group(1))
    out["aborted"] = "aborted" in text
    out["summary"] = [
        line for line in text.splitlines()
        if line.startswith(("number of", "latency", "tps", "initial connection", "pgbench: error"))
        or "aborted" in line
    ][:12]
    return out


def cpu_split(c0, c1, client_s, n):
    """Where the machine's CPU went during one measured run, per request (µs) and in shares."""
    if not (c0 and c1 and n):
        return None
    total = c1["total"] - c0["total"]
    busy = c1["busy"] - c0["busy"]
    if total <= 0:
        return None
    parts = {
        "server": c1["server"] - c0["server"],
        "postgres": c1["pg_ours"] - c0["pg_ours"],
        "postgres_aux": c1["pg_aux"] - c0["pg_aux"],
        "client": round(float(client_s or 0) * TICK),
    }
    parts["other_processes"] = max(busy - sum(parts.values()), 0)
    out = {"machine_busy_pct": round(100.0 * busy / total, 1)}
    for k, v in parts.items():
        out[k + "_us_per_req"] = round(v / TICK * 1e6 / n, 1)
        out[k + "_pct"] = round(100.0 * v / total, 1)
    return out


def pgbench_latencies(run_dir, op):
    """p50/p99 (ms) from pgbench's per-transaction logs (-l): 'client tx latency_us ...'."""
    import glob
    lat = []
    for path in glob.glob(os.path.join(run_dir, f"{op}.pglog.*")):
        with open(path) as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 3 and parts[2].isdigit():
                    lat.append(int(parts[2]))
    if not lat:
        return None, None
    lat.sort()
    pick = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] / 1000
    return pick(0.50), pick(0.99)


SQL_FILES = {"R1": "r1_threads.sql", "R1s": "r1_threads.sql", "R2": "r2_commitment.sql",
             "R2c": "r2c_version.sql",
             "R3": "r3_forums_upcoming.sql", "R4": "r4_commitments_filtered.sql",
             "R5": "r5_search.sql", "R5o": "r5o_search_old.sql", "R6": "r6_action_items.sql", "R8": "r8_institution_record.sql",
             "R7": "r7_unread_count.sql", "W1": "w1_post_comment.sql", "W1f": "w1_post_comment.sql",
             "W2": "w2_register.sql", "W3": "w3_support.sql",
             "R9": "r9_proposals_page.sql", "R9s": "r9s_proposals_summary.sql",
             "S1": "s1_sign_in.sql"}
HEADLINE = re.compile(r"E?'StartSel=.*?FragmentDelimiter=\" … \"'", re.S)


def normalise(sql):
    sql = HEADLINE.sub("'<ts_headline options>'", sql)
    sql = re.sub(r"\$\d+", "?", sql)
    # In bench/sql files, a parameter the API binds as NULL (pgbench variables can't be NULL).
    sql = sql.replace("/*null*/NULL", "?")
    sql = re.sub(r"(?<!:):[A-Za-z_][A-Za-z0-9_]*", "?", sql)
    return " ".join(sql.replace(";", " ").split())


def file_statements(path):
    out, cur = [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        # /*bench*/: a statement pgbench needs and the API does not send (W2's pairs).
        if line.startswith("--") or line.startswith("\\set") or line.startswith("/*bench*/") or not line.strip():
            continue
        gset = " \\gset" in line
        if gset:
            line = line.split(" \\gset")[0]
        cur.append(line)
        if gset or line.rstrip().endswith(";"):
            out.append(normalise("\n".join(cur)))
            cur = []
    if cur:
        out.append(normalise("\n".join(cur)))
    return out


# Statements the server runs on its own schedule, not for the request: the API limiter's
# counts, written in batches (auth/api_limit.rs), land in whichever
# request's capture is open at the time.
BACKGROUND = ("INSERT INTO api_rate_windows",)


def captured_statements(path):
    """Statements per operation from bench/capture-sql.sh's output (SELECT 1 and the
    server's background statements dropped)."""
    ops, op, stmts, params, cur = {}, None, [], [], None
    def end_stmt():
        nonlocal cur
        if cur is not None:
            text = normalise("\n".join(cur))
            if text != "SELECT 1" and not text.startswith(BACKGROUND):
                stmts.append(text)
            cur = None
    for raw in open(path, encoding="utf-8", errors="replace"):
        line = raw.rstrip("\n")
        if line.startswith("=== "):
            end_stmt()
            if op:
                ops[op] = (stmts, params)
            op, stmts, params = line[4:].strip(), [], []
            continue
        m = re.match(r"^(?:execute [^:]+|statement): ?(.*)$", line)
        if m:
            end_stmt()
            cur = [m.group(1)]
        elif line.startswith("parameters: "):
            end_stmt()
            params.append(line[len("parameters: "):])
        elif line.startswith("\t") and cur is not None:
            cur.append(line[1:])
    end_stmt()
    if op:
        ops[op] = (stmts, params)
    return ops


def check_sql(capture, sql_dir):
    ok = True
    for op, (stmts, params) in captured_statements(capture).items():
        expected = file_statements(os.path.join(sql_dir, SQL_FILES[op]))
        if stmts == expected:
            print(f"{op}: same {len(stmts)} statements as bench/sql/{SQL_FILES[op]}")
            continue
        ok = False
        print(f"{op}: DIFFERS from bench/sql/{SQL_FILES[op]}")
        for i in range(max(len(stmts), len(expected))):
            a = stmts[i] if i < len(stmts) else "(none)"
            b = expected[i] if i < len(expected) else "(none)"
            if a != b:
                print(f"  statement {i + 1}:\n    server: {a[:600]}\n    file:   {b[:600]}")
        for p in params:
            print(f"  server parameters: {p[:200]}")
    return ok


def wrk_api(w):
    """The API's numbers from wrk's summary (`wrk/report.lua`): successful requests per second
    (non-2xx and timeouts left out), latencies in ms, errors."""
    secs = w["duration_us"] / 1e6
    e = w["errors"]
    ok = max(w["requests"] - e["status"] - e["timeout"], 0)
    lat = w["latency_us"]
    return {
        "requests": w["requests"], "seconds": round(secs, 2),
        "req_per_s": round(ok / secs, 1) if secs else None,
        "p50_ms": lat["p50"] / 1000, "p90_ms": lat["p90"] / 1000,
        "p99_ms": lat["p99"] / 1000, "max_ms": lat["max"] / 1000,
        "mean_ms": round(lat["mean"] / 1000, 3),
        "errors": e, "failed_requests": e["status"] + e["connect"] + e["read"] + e["write"] + e["timeout"],
    }


def live_streams(run_dir):
    """Row L1 from what run.sh (L1.extra.json, wrk's summaries) and bench/streams.py
    (L1.streams.json, or only L1.ready when it got no further) left, with its three targets."""
    s = load(os.path.join(run_dir, "L1.streams.json")) or load(os.path.join(run_dir, "L1.ready"), {})
    x = load(os.path.join(run_dir, "L1.extra.json"), {})
    if not s and not x:
        return None
    n = s.get("n", 0)
    base_w = load(os.path.join(run_dir, x.get("baseline") or "W1.wrk.json"))
    with_w = load(os.path.join(run_dir, "L1.w1.wrk.json"))
    base = wrk_api(base_w) if base_w else None
    with_ = wrk_api(with_w) if with_w else None
    growth = (x["rss_open_kb"] - x["rss_before_kb"]) / 1024 if x.get("rss_open_kb") else None
    l1 = {
        "forum": x.get("forum"), "w1_forum": x.get("w1_forum", x.get("forum")), "streams": n, "opened": s.get("opened", 0), "ready": s.get("ready", 0),
        "open_seconds": s.get("open_seconds"), "statuses": s.get("statuses"), "errors": s.get("errors"),
        "rss_before_kb": x.get("rss_before_kb"), "rss_open_kb": x.get("rss_open_kb"),
        "rss_growth_mb": round(growth, 1) if growth is not None else None,
        "rss_per_stream_kb": round(growth * 1024 / s["ready"], 1) if growth is not None and s.get("ready") else None,
        "post_status": s.get("post_status"), "post_s": s.get("post_seconds"), "comment_id": s.get("comment_id"),
        "received": s.get("received", 0), "p50_s": s.get("p50"), "p99_s": s.get("p99"), "max_s": s.get("max"),
        "w1_baseline": "W1's row" if x.get("baseline", "W1.wrk.json") == "W1.wrk.json" else "measured by L1",
        "w1": base, "w1_streams": with_,
        "rss_peak_w1_kb": x.get("rss_peak_w1_kb"), "rss_closed_kb": x.get("rss_closed_kb"),
        # While W1 ran with them open: the posts after the measured one, and the comment.created
        # messages the streams got (each post is one per stream; `reset`: a stream fell more than
        # the catch-up limit behind and was told to reload).
        "held_posts": x.get("held_posts"), "held_seconds": s.get("held_seconds"),
        "held_messages": s.get("held_comment_messages"), "held_resets": s.get("held_resets"),
        "held_bytes": s.get("held_bytes"),
        "held_mb": round(s["held_bytes"] / 1e6, 1) if s.get("held_bytes") is not None else None,
        "closed_by_server": s.get("closed_by_server"),
    }
    if l1["held_posts"] and l1["held_messages"] is not None and l1["ready"]:
        l1["held_delivered_share"] = round(l1["held_messages"] / (l1["held_posts"] * l1["ready"]), 3)
    if with_:
        l1["cpu"] = cpu_split(x.get("cpu_before"), x.get("cpu_after"),
                              float(x.get("wrk_cpu_s") or 0) + float(x.get("client_cpu_s") or 0), with_["requests"])
        l1["client_cpu_s"] = x.get("client_cpu_s")
    cost = base["req_per_s"] / with_["req_per_s"] if base and with_ and with_["req_per_s"] else None
    l1["w1_cost_ratio"] = round(cost, 3) if cost is not None else None
    targets = {
        "rss_growth": growth is not None and n > 0 and l1["ready"] == n and growth < LIVE_GROWTH_TARGET_MB,
        "arrival_p99": n > 0 and l1["received"] == n and l1["p99_s"] is not None
        and l1["p99_s"] < LIVE_ARRIVAL_P99_TARGET_S,
        "w1_cost": cost is not None and cost <= LIVE_W1_COST_TARGET and not with_["failed_requests"],
    }
    l1["targets"] = targets
    l1["target_met"] = all(targets.values())
    return l1


def live_line(l1):
    met = lambda ok: "met" if ok else "missed"
    t = l1["targets"]
    base, with_ = l1.get("w1") or {}, l1.get("w1_streams") or {}
    out = (
        f"Live streams (L1): {fmt(l1['ready'])} of {fmt(l1['streams'])} streams on {l1['forum']} ready in "
        f"{fmt(l1['open_seconds'], 1)} s; server RSS {fmt((l1['rss_before_kb'] or 0) / 1024)} MB before, "
        f"{fmt((l1['rss_open_kb'] or 0) / 1024)} MB with them (+{fmt(l1['rss_growth_mb'])} MB, "
        f"{fmt(l1['rss_per_stream_kb'])} KB each; target < {LIVE_GROWTH_TARGET_MB:g} MB): {met(t['rss_growth'])}; "
        f"one post (answered in {fmt(l1['post_s'], 3)} s) reached {fmt(l1['received'])} of them, p50 "
        f"{fmt(l1['p50_s'], 3)} s, p99 {fmt(l1['p99_s'], 3)} s, max {fmt(l1['max_s'], 3)} s (target p99 < "
        f"{LIVE_ARRIVAL_P99_TARGET_S:g} s): {met(t['arrival_p99'])}; W1"
        f"{'' if l1['w1_forum'] == l1['forum'] else ' (on ' + str(l1['w1_forum']) + ', not streamed)'} with them open "
        f"{fmt(with_.get('req_per_s'))} req/s (p99 {fmt(with_.get('p99_ms'), 2)} ms, "
        f"{fmt(with_.get('failed_requests'))} errors) against {fmt(base.get('req_per_s'))} without "
        f"({l1['w1_baseline']}): ×{fmt(l1['w1_cost_ratio'], 2)} (target ≤ {LIVE_W1_COST_TARGET}×): {met(t['w1_cost'])}")
    if l1.get("held_posts"):
        each = l1["held_bytes"] / l1["held_messages"] if l1.get("held_messages") and l1.get("held_bytes") else None
        out += (f". Meanwhile the streams got {fmt(l1['held_messages'])} of the {fmt(l1['held_posts'] * l1['ready'])} "
                f"messages its {fmt(l1['held_posts'])} posts made ({fmt(l1['held_mb'])} MB, "
                f"{fmt(round(each) if each else None)} bytes each, "
                f"{fmt(l1['held_resets'])} resets); server RSS at most {fmt((l1['rss_peak_w1_kb'] or 0) / 1024)} MB, "
                f"{fmt((l1['rss_closed_kb'] or 0) / 1024)} MB once they closed")
    return out


def fmt(x, digits=1):
    if x is None:
        return "—"
    if isinstance(x, float):
        return f"{x:,.{digits}f}"
    return f"{x:,}"


def render(run_dir):
    meta = load(os.path.join(run_dir, "meta.json"), {})
    ops = []
    for op in meta.get("ops", []):
        w = load(os.path.join(run_dir, f"{op}.wrk.json"))
        extra = load(os.path.join(run_dir, f"{op}.extra.json"), {})
        pg = parse_pgbench(os.path.join(run_dir, f"{op}.pgbench.txt"))
        pg["p50_ms"], pg["p99_ms"] = pgbench_latencies(run_dir, op)
        desc, p99_target = OPS.get(op, (op, 25.0))
        row = {"op": op, "what": desc, "request": extra.get("request"), "sql": extra.get("sql")}
        if w:
            row["api"] = wrk_api(w)
        row["ceiling"] = pg
        row["load_before"] = extra.get("load_before")
        row["busy_before_pct"] = extra.get("busy_before_pct")
        row["max_rss_kb"] = extra.get("max_rss_kb")
        row["cpu"] = cpu_split(extra.get("cpu_before"), extra.get("cpu_after"), extra.get("wrk_cpu_s"),
                               w["requests"] if w else None)
        # The ceiling's snapshot is taken just before pgbench ends (its backends still alive):
        # transactions in that window = tps x window.
        c0, c1 = extra.get("pg_cpu_before"), extra.get("pg_cpu_after")
        n = None
        if c0 and c1 and pg["tps"]:
            window_s = (c1["total"] - c0["total"]) / TICK / (os.cpu_count() or 1)
            n = pg["tps"] * window_s
            # pgbench's own CPU is known for its whole run only: scale it to the window.
            client = float(extra.get("pgbench_cpu_s") or 0) * min(window_s / max(meta.get("duration_s", 1), 1), 1)
            row["cpu_ceiling"] = cpu_split(c0, c1, client, n)
        api = row.get("api")
        reasons = []
        ratio = None
        hashing = load(os.path.join(run_dir, f"{op}.hashes.json"))
        if hashing:
            row["hash_ceiling"] = hashing
        if api and hashing and hashing.get("hashes_per_s"):
            ratio = api["req_per_s"] / hashing["hashes_per_s"]
        elif api and pg["tps"]:
            ratio = api["req_per_s"] / pg["tps"]
        burst = load(os.path.join(run_dir, f"{op}.burst.json"))
        if burst:
            row["burst"] = burst
        row["ratio"] = round(ratio, 3) if ratio is not None else None
        ratio_target = RATIO_TARGETS.get(op, RATIO_TARGET)
        if ratio is None or ratio < ratio_target:
            reasons.append(f"ratio < {ratio_target:.0%}")
        if not api or api["p99_ms"] >= p99_target:
            reasons.append(f"p99 ≥ {p99_target:g} ms")
        if api and api["failed_requests"]:
            reasons.append("errors")
        if op in meta.get("sql_drift_ops", []):
            reasons = ["unknown: bench/sql differs from the server's SQL"]
        row["p99_target_ms"] = p99_target
        row["ratio_target"] = ratio_target
        row["target_met"] = not reasons
        row["missed"] = reasons
        ops.append(row)

    by = {r["op"]: r for r in ops}
    busy_small = None
    if by.get("R1", {}).get("api") and by.get("R1s", {}).get("api"):
        b, s = by["R1"]["api"], by["R1s"]["api"]
        busy_small = {
            "p50_ratio": round(b["p50_ms"] / s["p50_ms"], 2) if s["p50_ms"] else None,
            "p99_ratio": round(b["p99_ms"] / s["p99_ms"], 2) if s["p99_ms"] else None,
            "throughput_ratio": round(s["req_per_s"] / b["req_per_s"], 2) if b["req_per_s"] else None,
        }
        busy_small["target_met"] = all(
            v is not None and v <= BUSY_SMALL_TARGET
            for v in (busy_small["p50_ratio"], busy_small["throughput_ratio"]))
    hwm_kb = meta.get("server_vmhwm_kb")
    rss_met = hwm_kb is not None and hwm_kb / 1024 < RSS_TARGET_MB
    result = {"meta": meta, "operations": ops, "r1_busy_vs_small": busy_small,
              "server_peak_rss_mb": round(hwm_kb / 1024, 1) if hwm_kb else None,
              "rss_target_met": rss_met}

    lines = []
    lines.append(f"Open d'État benchmark — {meta.get('started_at', '?')} — "
                 f"{meta.get('connections')} connections, {meta.get('duration_s')} s per run, "
                 f"pool {meta.get('pool_size')}, {meta.get('cpus')} CPUs shared by PostgreSQL, "
                 f"the server and the load generator")
    lines.append("")
    lines.append("| operation | API req/s | p50 | p99 | ceiling tx/s | API/ceiling | errors | ceiling p50 / p99 | server RSS | target met? |")
    lines.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|---|")
    for r in ops:
        api = r.get("api") or {}
        pg = r["ceiling"]
        met = "yes" if r["target_met"] else "no (" + ", ".join(r["missed"]) + ")"
        ceiling = fmt(pg["tps"]) if pg["tps"] is not None else "failed"
        if pg.get("aborted"):
            ceiling += " (clients aborted)"
        if r.get("hash_ceiling"):
            ceiling = f"{fmt(r['hash_ceiling']['hashes_per_s'])} hashes/s (its SQL: {ceiling})"
        lines.append(
            f"| {r['op']} {r['what']} | {fmt(api.get('req_per_s'))} | "
            f"{fmt(api.get('p50_ms'), 2)} ms | {fmt(api.get('p99_ms'), 2)} ms | {ceiling} | "
            f"{fmt(100 * r['ratio'], 0) + ' %' if r['ratio'] is not None else '—'} | "
            f"{fmt(api.get('failed_requests'))} | {fmt(pg.get('p50_ms'), 1)} / {fmt(pg.get('p99_ms'), 1)} ms | "
            f"{fmt(r['max_rss_kb'] / 1024 if r.get('max_rss_kb') else None)} MB | {met} |")
    lines.append("")
    lines.append(
        f"Server peak RSS (VmHWM over the whole run): {fmt(result['server_peak_rss_mb'])} MB — "
        f"target < {RSS_TARGET_MB:g} MB: {'met' if rss_met else 'missed'}")
    for r in ops:
        b = r.get("burst")
        if not b or not b.get("bursts"):
            continue
        peak = max(x["hwm_kb"] for x in b["bursts"]) / 1024
        after = b["bursts"][-1]["rss_kb"] / 1024
        statuses = {}
        for x in b["bursts"]:
            for k, v in x["statuses"].items():
                statuses[k] = statuses.get(k, 0) + v
        lines.append(
            f"{r['op']} bursts ({len(b['bursts'])} × {b['size']} simultaneous sign-ins, answers "
            f"{', '.join(f'{v} × {k}' for k, v in sorted(statuses.items()))}): server peak RSS "
            f"{fmt(peak)} MB, {fmt(after)} MB after the last, {fmt(b['rss_after_idle_kb'] / 1024)} MB "
            f"5 s later — target < {RSS_TARGET_MB:g} MB: {'met' if peak < RSS_TARGET_MB else 'missed'}")
    followed = None
    if by.get("W1", {}).get("api") and by.get("W1f", {}).get("api") and by["W1f"]["api"]["req_per_s"]:
        cost = by["W1"]["api"]["req_per_s"] / by["W1f"]["api"]["req_per_s"]
        followed = {"cost_ratio": round(cost, 3), "target_met": cost <= FOLLOWED_COST_TARGET}
        lines.append(
            f"Posting on a forum 10,000 members follow (W1f) costs the poster ×{cost:.2f} what posting where "
            f"nobody follows costs (W1, from req/s) — target ≤ {FOLLOWED_COST_TARGET}×: "
            f"{'met' if followed['target_met'] else 'missed'}")
    fan_out = load(os.path.join(run_dir, "F1.json"))
    if fan_out:
        fan_out["target_met"] = fan_out.get("notifications") == fan_out.get("followers") and \
            fan_out.get("seconds") is not None and fan_out["seconds"] <= FAN_OUT_TARGET_S
        lines.append(
            f"Fan-out (one job worker): {fmt(fan_out.get('notifications'))} of {fmt(fan_out.get('followers'))} "
            f"followers notified {fmt(fan_out.get('seconds'), 2)} s after the comment was posted — target "
            f"all within {FAN_OUT_TARGET_S:g} s: {'met' if fan_out['target_met'] else 'missed'}")
    export = load(os.path.join(run_dir, "E1.json"))
    if export:
        growth = (export["rss_peak_kb"] - export["rss_before_kb"]) / 1024
        export["rss_growth_mb"] = round(growth, 1)
        export["target_met"] = growth < EXPORT_GROWTH_TARGET_MB and export["csv_lines"] == export["registrations"]
        lines.append(
            f"CSV export (E1) of {fmt(export['registrations'])} registrations of {export['forum']}: "
            f"{fmt(export['csv_lines'])} lines, {fmt(export['bytes'] / 1e6, 2)} MB in {fmt(export['seconds'], 2)} s; "
            f"server RSS {fmt(export['rss_before_kb'] / 1024)} MB before, {fmt(export['rss_peak_kb'] / 1024)} MB at most "
            f"while streaming (+{fmt(growth)} MB) — target < {EXPORT_GROWTH_TARGET_MB:g} MB: "
            f"{'met' if export['target_met'] else 'missed'}")
    result["export"] = export
    open_data = load(os.path.join(run_dir, "E2.json"))
    if open_data:
        growth = (open_data["rss_peak_kb"] - open_data["rss_before_kb"]) / 1024
        share = open_data["copy_seconds"] / open_data["seconds"] if open_data["seconds"] else 0
        open_data["rss_growth_mb"] = round(growth, 1)
        open_data["copy_share"] = round(share, 3)
        open_data["target_met"] = growth < EXPORT_GROWTH_TARGET_MB and share >= OPEN_DATA_COPY_SHARE_TARGET \
            and open_data["csv_rows"] == open_data["rows"]
        lines.append(
            f"Open-data export (E2) of the {fmt(open_data['rows'])} public comments as CSV: {fmt(open_data['csv_rows'])} rows, "
            f"{fmt(open_data['bytes'] / 1e6, 1)} MB in {fmt(open_data['seconds'], 2)} s "
            f"({fmt(round(open_data['csv_rows'] / open_data['seconds']) if open_data['seconds'] else 0)} rows/s); "
            f"COPY of the same rows {fmt(open_data['copy_seconds'], 2)} s: {share:.0%} of its rate (target ≥ "
            f"{OPEN_DATA_COPY_SHARE_TARGET:.0%}); server RSS +{fmt(growth)} MB while streaming (target < "
            f"{EXPORT_GROWTH_TARGET_MB:g} MB): {'met' if open_data['target_met'] else 'missed'}")
    result["open_data_export"] = open_data
    upload = load(os.path.join(run_dir, "U1.json"))
    if upload:
        growth = (upload["rss_peak_kb"] - upload["rss_before_kb"]) / 1024
        upload["rss_growth_mb"] = round(growth, 1)
        upload["target_met"] = growth < EXPORT_GROWTH_TARGET_MB
        lines.append(
            f"Upload (U1) of a {fmt(upload['bytes'] / 1e6, 1)} MB document file in {fmt(upload['seconds'], 2)} s: "
            f"server RSS {fmt(upload['rss_before_kb'] / 1024)} MB before, {fmt(upload['rss_peak_kb'] / 1024)} MB at most "
            f"while receiving (+{fmt(growth)} MB) — target < {EXPORT_GROWTH_TARGET_MB:g} MB: "
            f"{'met' if upload['target_met'] else 'missed'}")
    result["upload"] = upload
    live = live_streams(run_dir)
    if live:
        lines.append(live_line(live))
    result["live_streams"] = live
    result["followed_posting"] = followed
    result["fan_out"] = fan_out
    revalidation = None
    if by.get("R2", {}).get("api") and by.get("R2c", {}).get("api") and by["R2"]["api"]["req_per_s"]:
        gain = by["R2c"]["api"]["req_per_s"] / by["R2"]["api"]["req_per_s"]
        revalidation = {"ratio": round(gain, 2), "target_met": gain >= REVALIDATION_TARGET}
        lines.append(
            f"R2 revalidated with a matching If-None-Match (R2c, 304) serves ×{gain:.2f} R2's req/s — "
            f"target ≥ {REVALIDATION_TARGET:g}×: {'met' if revalidation['target_met'] else 'missed'}")
    result["revalidation"] = revalidation
    result["summary_page"] = page = summary_page(by)
    if page:
        lines.append(
            f"R9's summary page (its list R9 and its counts R9s, one request of each): "
            f"{fmt(page['api_pages_per_s'])} pages/s against {fmt(page['ceiling_pages_per_s'])} for their "
            f"SQL, {page['ratio']:.0%} — target ≥ {SUMMARY_PAGE_TARGET:.0%} (issue 25): {page['verdict']}")
    if busy_small:
        lines.append(
            f"R1 busy vs small forum: p50 ×{busy_small['p50_ratio']}, p99 ×{busy_small['p99_ratio']}, "
            f"req/s ×{busy_small['throughput_ratio']} — target ≤ {BUSY_SMALL_TARGET}× "
            f"(p50 and req/s): {'met' if busy_small['target_met'] else 'missed'}")
    lines.append("")
    lines.append("Where the CPU went (from /proc over each measured run; % of the machine's 2 CPUs; "
                 "client = wrk or pgbench, for L1 wrk and bench/streams.py; other = processes outside the "
                 "benchmark):")
    lines.append("")
    lines.append("| operation | run | server µs/req | PostgreSQL µs/req | server | PostgreSQL (+aux) | client | other | idle |")
    lines.append("|---|---|--:|--:|--:|--:|--:|--:|--:|")
    rows = [(r["op"], r) for r in ops]
    if live and live.get("cpu"):
        rows.append(("L1", {"cpu": live["cpu"]}))
    for name, r in rows:
        for label, c in (("API", r.get("cpu")), ("ceiling", r.get("cpu_ceiling"))):
            if not c:
                continue
            label = "W1 + streams" if name == "L1" else label
            lines.append(
                f"| {name} | {label} | {fmt(c['server_us_per_req'], 0) if label != 'ceiling' else '—'} | "
                f"{fmt(c['postgres_us_per_req'], 0)} | {fmt(c['server_pct'], 0)} % | "
                f"{fmt(c['postgres_pct'], 0)} % (+{fmt(c['postgres_aux_pct'], 0)}) | {fmt(c['client_pct'], 0)} % | "
                f"{fmt(c['other_processes_pct'], 0)} % | {fmt(100 - c['machine_busy_pct'], 0)} % |")
    sweep = []
    try:
        with open(os.path.join(run_dir, "sweep.jsonl")) as f:
            sweep = [json.loads(line) for line in f if line.strip()]
    except OSError:
        pass
    result["pool_sweep"] = sweep
    if sweep:
        lines.append("")
        lines.append("Pool size sweep (API only, same connections):")
        lines.append("")
        lines.append("| pool | operation | req/s | p50 | p99 | errors |")
        lines.append("|--:|---|--:|--:|--:|--:|")
        for s in sweep:
            lines.append(f"| {s['pool']} | {s['op']} | {fmt(s['req_per_s'])} | {fmt(s['p50_ms'], 2)} ms | "
                         f"{fmt(s['p99_ms'], 2)} ms | {s['errors']} |")
    lines.append("")
    lines.append(f"SQL check: {meta.get('sql_check', 'not run')}.")
    lines.append("")
    lines.append(
        f"Ceiling: pgbench -c {meta.get('connections')} -j 2 -T {meta.get('duration_s')} -n "
        f"-M {meta.get('pgbench_mode')} -f bench/sql/<op>.sql (the same statements the API runs). "
        f"Load generator: {meta.get('load_generator')}. PostgreSQL {meta.get('postgres_version')}"
        f" (TLS: {meta.get('postgres_tls', 'not recorded')}). "
        f"Run took {meta.get('elapsed_s')} s.")
    table = "\n".join(lines)
    result["table_markdown"] = table
    return result, table


def main():
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "cpu":
        cpu(sys.argv[2], sys.argv[3])
    elif cmd == "cpu-later":
        # cpu-later SECONDS PID DBNAME OUT: a snapshot taken later (while pgbench still runs).
        import time
        time.sleep(float(sys.argv[2]))
        with open(sys.argv[5], "w") as f:
            sys.stdout = f
            cpu(sys.argv[3], sys.argv[4])
    elif cmd == "check-sql":
        sys.exit(0 if check_sql(sys.argv[2], sys.argv[3]) else 1)
    elif cmd == "wait-idle":
        # wait-idle MAX_SECONDS THRESHOLD_PCT: returns once the machine was less busy than the
        # threshold over one second (or after MAX_SECONDS); prints the last busy share.
        import time
        deadline = time.time() + float(sys.argv[2])
        threshold = float(sys.argv[3])
        busy_pct = 100.0
        while True:
            a = stat_ticks()
            time.sleep(1)
            b = stat_ticks()
            busy_pct = 100.0 * (b[0] - a[0]) / max(b[1] - a[1], 1)
            if busy_pct < threshold or time.time() >= deadline:
                break
        print(f"{busy_pct:.0f}")
    elif cmd == "timed":
        timed(sys.argv[2], sys.argv[3:])
    elif cmd == "ticks":
        print(proc_ticks(sys.argv[2]))
    elif cmd == "l1":
        l1 = live_streams(sys.argv[2])
        if l1 is None:
            sys.exit(1)
        with open(os.path.join(sys.argv[2], "L1.json"), "w") as f:
            json.dump(l1, f, indent=2)
            f.write("\n")
    elif cmd == "l1-line":
        print(live_line(load(os.path.join(sys.argv[2], "L1.json"))))
    elif cmd == "rss":
        rss(sys.argv[2], float(sys.argv[3]), float(sys.argv[4]))
    elif cmd == "json":
        obj = load(sys.argv[2], {})
        for k in sys.argv[3].split("."):
            obj = obj[int(k)] if isinstance(obj, list) else obj[k]
        print(obj if not isinstance(obj, (dict, list)) else json.dumps(obj))
    elif cmd == "sweep-row":
        # sweep-row POOL OP WRK_JSON -> one JSON line
        w = load(sys.argv[4])
        e = w["errors"]
        secs = w["duration_us"] / 1e6
        ok = max(w["requests"] - e["status"] - e["timeout"], 0)
        print(json.dumps({"pool": int(sys.argv[2]), "op": sys.argv[3],
                          "req_per_s": round(ok / secs, 1), "p50_ms": w["latency_us"]["p50"] / 1000,
                          "p99_ms": w["latency_us"]["p99"] / 1000,
                          "errors": sum(e.values())}))
    elif cmd == "render":
        result, table = render(sys.argv[2])
        with open(os.path.join(sys.argv[2], "result.json"), "w") as f:
            json.dump(result, f, indent=2, ensure_ascii=False)
            f.write("\n")
        with open(os.path.join(sys.argv[2], "table.md"), "w") as f:
            f.write(table + "\n")
        print(table)
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
