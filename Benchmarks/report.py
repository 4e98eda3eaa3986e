#!/usr/bin/env python3
"""Turns Benchmarks/run's measurements into Benchmarks/RESULTS.md (markdown on stdout).

usage: report.py RESULTS_TSV LOGS SEARCH IDLE CONTENT SECONDS ROUNDS
Each figure is the median over the rounds; a ratio is the median of the rounds' ratios (both servers
measured in the same round, one after the other), shown with the lowest and highest of them.
"""
import csv
import datetime
import os
import platform
import statistics
import subprocess
import sys


def main(results, logs, search, idle, content, seconds, rounds):
    rows = list(csv.DictReader(open(results), delimiter="\t"))
    cpu = subprocess.run(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"], capture_output=True,
                         text=True).stdout.strip()
    nginx = subprocess.run(["nginx", "-v"], capture_output=True, text=True).stderr.strip().split("/")[-1]
    wrk = subprocess.run(["sh", "-c", "wrk -v 2>&1 | head -1"], capture_output=True, text=True).stdout.split()[1]

    def cell(setup, target, encoding, c, server):
        return [r for r in rows if (r["setup"], r["target"], r["encoding"], r["connections"], r["server"])
                == (setup, target, encoding, c, server)]

    def median(items, field):
        values = [float(r[field]) for r in items if r[field]]
        return statistics.median(values) if values else None

    def ratios(a, b, field="req_per_s"):  # one per round: both servers measured in it
        by_round = {r["round"]: float(r[field]) for r in b if r[field]}
        return [float(r[field]) / by_round[r["round"]] for r in a if r[field] and by_round.get(r["round"])]

    def ratio(a, b, field="req_per_s"):
        values = ratios(a, b, field)
        return statistics.median(values) if values else None

    def spread(a, b):  # the lowest and highest of the rounds' req/s ratios, beside their median
        values = ratios(a, b)
        return f" ({min(values):.2f}–{max(values):.2f})" if len(values) > 1 else ""

    def num(v, digits=0):
        return "–" if v is None else (f"{v:,.0f}" if digits == 0 else f"{v:.{digits}f}")

    print("# Benchmark results\n")
    print(f"- date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC")
    print(f"- machine: {os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}; client and"
          " servers on the same machine, over loopback")
    print(f"- client: wrk {wrk}, `-t1` (one client thread, so the client takes one core at most), keep-alive,"
          f" `-c1`, `-c64`, `-c256`, {seconds} s per run; {rounds} rounds, servers alternated within each"
          " round; every figure is the median of the rounds, every ratio the median of the rounds' ratios, with"
          " the lowest and highest of them in brackets (how far one round can stray from the next)")
    print(f"- ours: the release binary as the image builds it (`--static-swift-stdlib`), default settings"
          " (two event loops, one per core, each sleeping in `epoll_wait` when it has nothing to do, as nginx's"
          " workers do); **as shipped** = its default JSON access log (one line per request on stdout, here"
          " redirected to a file); **logs off** = `ACCESS_LOG=off`; **polling** = `ACCESS_LOG=off"
          " BUSY_POLL_US=50`, the opt-in busy polling: a loop polls for up to 50 µs before it sleeps, while at"
          " least half its recent waits ended within that")
    print(f"- nginx {nginx}: its plain configuration: `worker_processes auto`, default `events`, `root` on a"
          " directory holding our exact bodies as static files (no `try_files`, `default_type"
          " application/json`, defaults for everything else: `keepalive_requests 1000`, no `sendfile`);"
          " **as shipped** = `access_log logs/access.log` (the default `combined` format, to a file);"
          " **logs off** = `access_log off`; the gzip rows add `gzip on; gzip_types application/json`"
          " (level 1, nginx's default) and compress per request, ours compressed once at load")
    autogroup = open("/proc/sys/kernel/sched_autogroup_enabled").read().strip()
    print(f"- scheduling: every server in a session of its own, apart from wrk's (nginx daemonizes; ours and"
          f" Hummingbird are started with `setsid`); `kernel.sched_autogroup_enabled` = {autogroup}, so each"
          " session is a scheduling group and no server shares one with the client")
    print("- hummingbird: a minimal Hummingbird 2 app returning the same bytes from memory"
          " (Benchmarks/HummingbirdPeer), no logging, identity only")
    print("- CPU µs/req: the server's user + system CPU time (all its processes and threads; nginx's workers)"
          " during the run, per request answered, from /proc; wrk's own share is not in it. On two cores with"
          " wrk taking most of one, req/s also depends on how the scheduler places client and server threads."
          " With polling, CPU time includes polling for the next request: at c1 a loop polls through most of"
          " the time between requests, so that figure is mostly waiting, not work")
    print(f"- {open(logs).read().strip()}\n")

    targets = list(dict.fromkeys(r["target"] for r in rows))
    sections = [
        ("As shipped: access logs on (ours to stdout → file; nginx to a file)", "shipped", "identity", False),
        ("Logs off (and ours with busy polling)", "off", "identity", True),
        ("gzip (logs off; nginx `gzip on`)", "off", "gzip", False),
    ]
    for title, setup, encoding, with_hb in sections:
        print(f"## {title}\n")
        header = ("| target | c | ours req/s | nginx req/s | ours/nginx | ours p50/p99 ms | nginx p50/p99 ms"
                  " | p99 ours/nginx | CPU µs/req ours/nginx |")
        if with_hb:
            header += (" ours polling req/s | polling/nginx | polling CPU µs/req | hummingbird req/s"
                       " | ours/hb |")
        print(header)
        print("|" + "---|" * (header.count("|") - 1))
        for target in targets:
            for c in ("1", "64", "256"):
                ours, peer = cell(setup, target, encoding, c, "ours"), cell(setup, target, encoding, c, "nginx")
                if not ours:
                    continue
                line = (f"| `{target}` | {c} | {num(median(ours, 'req_per_s'))} | {num(median(peer, 'req_per_s'))}"
                        f" | **{num(ratio(ours, peer), 2)}**{spread(ours, peer)} | {num(median(ours, 'p50_ms'), 3)}/"
                        f"{num(median(ours, 'p99_ms'), 3)} | {num(median(peer, 'p50_ms'), 3)}/"
                        f"{num(median(peer, 'p99_ms'), 3)} | {num(ratio(ours, peer, 'p99_ms'), 2)}"
                        f" | {num(median(ours, 'cpu_us_per_req'), 1)}/{num(median(peer, 'cpu_us_per_req'), 1)} |")
                if with_hb:
                    polling = cell(setup, target, encoding, c, "ours-poll")
                    line += (f" {num(median(polling, 'req_per_s'))} | {num(ratio(polling, peer), 2)}{spread(polling, peer)}"
                             f" | {num(median(polling, 'cpu_us_per_req'), 1)} |")
                    hb = cell(setup, target, encoding, c, "hummingbird")
                    line += f" {num(median(hb, 'req_per_s'))} | {num(ratio(ours, hb), 2)} |"
                print(line)
        print()
    errors = [r for r in rows if r["errors"].strip()]
    if errors:
        print("Runs with errors (wrk's report):\n")
        for r in errors:
            print(f"- round {r['round']}, {r['setup']}, {r['server']}, `{r['target']}` c{r['connections']}:"
                  f" {r['errors'].strip()}")
        print()
    print("## Search over HTTP (as shipped, one keep-alive connection, every query distinct)\n")
    print("```")
    print(open(search).read().strip())
    print("```\n")
    print("## Memory, start-up, content\n")
    print("```")
    print(open(idle).read().strip())
    print(open(content).read().strip())
    print("```")


if __name__ == "__main__":
    main(*sys.argv[1:8])
