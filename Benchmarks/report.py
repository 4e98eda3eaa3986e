#!/usr/bin/env python3
"""Turns Benchmarks/run's measurements into Benchmarks/RESULTS.md (markdown on stdout).

usage: report.py RESULTS_TSV LOGS LOOPS SEARCH IDLE CONTENT SECONDS ROUNDS
Each figure is the median over the rounds; a ratio is the median of the rounds' ratios (both servers
measured in the same round, one after the other), shown with the lowest and highest of them. The c1
pairs and the pinned pairs against the floor (set-up pair-pin-*) run after the rounds carry their pair's
number in the round column.
"""
import csv
import datetime
import os
import platform
import statistics
import subprocess
import sys


def main(results, logs, loops, search, idle, content, seconds, rounds):
    rows = list(csv.DictReader(open(results), delimiter="\t"))
    loop_counts = {name: (count, reason) for name, count, reason in
                   (line.split() for line in open(loops) if line.strip())}

    def loops_of(name):
        count, reason = loop_counts.get(name, ("?", "?"))
        return f"{count} loop{'' if count == '1' else 's'} ({reason})"
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

    def spread_of(a, b, field):  # the lowest and highest of the rounds' ratios, beside their median
        values = ratios(a, b, field)
        return f" ({min(values):.2f}–{max(values):.2f})" if len(values) > 1 else ""

    def spread(a, b):
        return spread_of(a, b, "req_per_s")

    def middle(values):  # the middle half of the pairs' ratios (25th–75th percentile), beside their median
        if len(values) < 4:
            return ""
        q = statistics.quantiles(values, n=4)
        return f" ({q[0]:.2f}–{q[2]:.2f})"

    def of_pairs(values, mark="**"):  # the pairs' median ratio (in bold), with their middle half
        return f"{mark}{num(statistics.median(values) if values else None, 2)}{mark}{middle(values)}"

    def print_header(header):  # a table's header row and the row under it
        print(header)
        print("|" + "---|" * (header.count("|") - 1))

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
          f" ({loops_of('ours-off')}: one event loop per CPU the process may use, each sleeping in `epoll_wait`"
          " when it has nothing to do, as nginx's workers do); **as shipped** = its default JSON access log (one line per request on stdout, here"
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
    print("- pinned: each server alone on one CPU (`taskset`), wrk (`-t1`) alone on the other; ours with its"
          f" default settings, which give {loops_of('ours-pin-off')}; nginx with `worker_processes 1`, otherwise as"
          " above; the **floor**: `Benchmarks/Floor/floor.c` (`cc -O2`), one thread, one level-triggered epoll"
          " loop that reads what a connection sends and writes ours' whole prebuilt response (status line,"
          " headers, body, byte for byte) for each request head in it: no parsing, routing or clock; what it"
          " costs is what this machine's kernel and loopback charge for the request. With the access logs on"
          " it logs as ours does, a line of the same length: for each request it appends the line ours logged"
          " for that target, asked as wrk asks (no User-Agent), to a buffer and writes each 32 KiB batch to"
          " stdout, redirected to a file, in its loop (ours' loop writes its 32 KiB batches to a regular file"
          " itself too, leaving its writer thread only what queues up during a write); with the logs off it"
          " does not log")
    print("- quota: ours alone in a cgroup with a one-CPU quota (`cpu.cfs_quota_us` = `cpu.cfs_period_us` ="
          f" 100000, or `cpu.max` `100000 100000`), logs off, wrk unpinned; default = {loops_of('ours-quota-default')},"
          " beside `EVENT_LOOPS=1` and `EVENT_LOOPS=2` (two is what the server ran before it read the quota)")
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
        print_header(header)
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
    pinned = [("Pinned, access logs on (ours to stdout → file; nginx to a file; the floor appends ours' line"
                " to a file)",
               "pin-shipped"),
              ("Pinned, logs off", "pin-off")]
    for title, setup in pinned:
        if not cell(setup, targets[0], "identity", "1", "ours"):
            continue
        print(f"## {title}\n")
        header = ("| target | c | ours req/s | nginx req/s | floor req/s | ours/nginx | ours/floor"
                  " | p50/p99 ms ours | nginx | floor | CPU µs/req ours/nginx/floor | CPU ours/floor |")
        print_header(header)
        for target in targets:
            for c in ("1", "64", "256"):
                ours, peer = cell(setup, target, "identity", c, "ours"), cell(setup, target, "identity", c, "nginx")
                floor = cell(setup, target, "identity", c, "floor")
                if not ours:
                    continue

                def latency(items):
                    return f"{num(median(items, 'p50_ms'), 3)}/{num(median(items, 'p99_ms'), 3)}"

                print(f"| `{target}` | {c} | {num(median(ours, 'req_per_s'))} | {num(median(peer, 'req_per_s'))}"
                      f" | {num(median(floor, 'req_per_s'))} | **{num(ratio(ours, peer), 2)}**{spread(ours, peer)}"
                      f" | **{num(ratio(ours, floor), 2)}**{spread(ours, floor)} | {latency(ours)} | {latency(peer)}"
                      f" | {latency(floor)} | {num(median(ours, 'cpu_us_per_req'), 1)}/"
                      f"{num(median(peer, 'cpu_us_per_req'), 1)}/{num(median(floor, 'cpu_us_per_req'), 1)}"
                      f" | {num(ratio(ours, floor, 'cpu_us_per_req'), 2)} |")
        print()
    if cell("same-core", targets[0], "identity", "1", "ours"):
        print("## c1 on one shared CPU (logs off; wrk on the servers' CPU)\n")
        print("Apart, a c1 round trip waits twice for another CPU to wake (where that is slow, as on a virtual"
              " machine, it is most of the time at c1);"
              " on one CPU it is the client's and the server's work alone, so these rows show what each server"
              " adds to one connection's latency.\n")
        header = ("| target | ours req/s | nginx req/s | floor req/s | ours/nginx | ours/floor"
                  " | p50/p99 ms ours | nginx | floor |")
        print_header(header)
        for target in targets:
            ours, peer, floor = (cell("same-core", target, "identity", "1", name)
                                 for name in ("ours", "nginx", "floor"))

            def latency(items):
                return f"{num(median(items, 'p50_ms'), 3)}/{num(median(items, 'p99_ms'), 3)}"

            print(f"| `{target}` | {num(median(ours, 'req_per_s'))} | {num(median(peer, 'req_per_s'))}"
                  f" | {num(median(floor, 'req_per_s'))} | **{num(ratio(ours, peer), 2)}**{spread(ours, peer)}"
                  f" | **{num(ratio(ours, floor), 2)}**{spread(ours, floor)} | {latency(ours)} | {latency(peer)}"
                  f" | {latency(floor)} |")
        print()
    c1_setups = [("c1-shipped", "as shipped, logs on"), ("c1-off", "logs off"),
                 ("c1-pin-shipped", "pinned, logs on"), ("c1-pin-off", "pinned, logs off")]
    if cell("c1-off", targets[0], "identity", "1", "ours"):
        pairs = len(cell("c1-off", targets[0], "identity", "1", "ours"))
        print(f"## c1 against nginx, {pairs} short pairs\n")
        print("At c1 a request's time is mostly two CPUs waking each other, which on this virtual machine"
              " drifts from one minute to the next by more than the servers differ. So, after the rounds above,"
              f" {pairs} pairs of 2 s runs: ours and nginx back to back, the next pair the other way round"
              " (ABBA), each set-up as above (pinned: server on its CPU, wrk on the other). Per pair the"
              " ratio of req/s and of p50 (wrk gives p50 in whole µs: at 25–90 µs a step of 1–4 %); the"
              " median of the pairs, the middle half of them (25th–75th percentile) and how many pairs ours"
              " won.\n")
        header = ("| target | set-up | ours req/s | nginx req/s | ours/nginx (middle half) | ours ahead"
                  " | p50 ms ours/nginx | p50 nginx/ours (middle half) |")
        print_header(header)
        for target in targets:
            for setup, label in c1_setups:
                ours, peer = (cell(setup, target, "identity", "1", name) for name in ("ours", "nginx"))
                if not ours:
                    continue
                rates = ratios(ours, peer)
                p50s = [1 / v for v in ratios(ours, peer, "p50_ms") if v]  # above 1: ours answers sooner
                ahead = sum(1 for v in rates if v > 1)
                print(f"| `{target}` | {label} | {num(median(ours, 'req_per_s'))} | {num(median(peer, 'req_per_s'))}"
                      f" | {of_pairs(rates)} | {ahead} of {len(rates)}"
                      f" | {num(median(ours, 'p50_ms'), 3)}/{num(median(peer, 'p50_ms'), 3)} | {of_pairs(p50s, mark='')} |")
        print()
    if cell("pair-pin-off", targets[0], "identity", "64", "ours"):
        pairs = len(cell("pair-pin-off", targets[0], "identity", "64", "ours"))
        print(f"## Pinned against the floor, {pairs} short pairs\n")
        print("The floor's own cost per request (mostly the kernel's share) drifts too: by 10–30 % from one"
              " minute to the next in earlier runs on this virtual machine, more than three rounds can average"
              f" out. So, after the c1 pairs, {pairs} pairs of ours and the floor, run as those, pinned as above;"
              " per pair the ratio of req/s and of server CPU per request.\n")
        header = ("| target | set-up | c | ours req/s | floor req/s | ours/floor (middle half)"
                  " | CPU µs/req ours/floor | CPU ours/floor (middle half) |")
        print_header(header)
        for target in targets:
            for setup, label in (("pair-pin-shipped", "logs on"), ("pair-pin-off", "logs off")):
                for c in ("64", "256"):
                    ours, floor = (cell(setup, target, "identity", c, name) for name in ("ours", "floor"))
                    if not ours:
                        continue
                    rates, cpus = ratios(ours, floor), ratios(ours, floor, "cpu_us_per_req")
                    print(f"| `{target}` | {label} | {c} | {num(median(ours, 'req_per_s'))}"
                          f" | {num(median(floor, 'req_per_s'))}"
                          f" | {of_pairs(rates)} | {num(median(ours, 'cpu_us_per_req'), 1)}/"
                          f"{num(median(floor, 'cpu_us_per_req'), 1)} | {of_pairs(cpus)} |")
        print()
    quota_target = targets[0]
    if cell("quota", quota_target, "identity", "64", "ours"):
        print(f"## Under a one-CPU quota (logs off, `{quota_target}`)\n")
        header = ("| c | default req/s | p50/p99 ms | 1 loop req/s | p50/p99 ms | 2 loops req/s | p50/p99 ms"
                  " | p99 default/1 loop | p99 default/2 loops |")
        print_header(header)
        for c in ("1", "64", "256"):
            default, one, two = (cell("quota", quota_target, "identity", c, name)
                                 for name in ("ours", "ours-1-loop", "ours-2-loops"))
            if not default:
                continue
            print(f"| {c} | " + " | ".join(
                f"{num(median(items, 'req_per_s'))} | {num(median(items, 'p50_ms'), 3)}/{num(median(items, 'p99_ms'), 3)}"
                for items in (default, one, two))
                + f" | {num(ratio(default, one, 'p99_ms'), 2)}{spread_of(default, one, 'p99_ms')}"
                f" | {num(ratio(default, two, 'p99_ms'), 2)}{spread_of(default, two, 'p99_ms')} |")
        print()
    errors = [r for r in rows if r["errors"].strip()]
    if errors:
        print("Runs with errors (wrk's report):\n")
        for r in errors:
            run = "pair" if r["setup"].startswith(("c1-", "pair-")) else "round"
            print(f"- {run} {r['round']}, {r['setup']}, {r['server']}, `{r['target']}` c{r['connections']}:"
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
    main(*sys.argv[1:9])
