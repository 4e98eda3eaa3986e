#!/usr/bin/env python3
"""Turns Benchmarks/run's measurements into Benchmarks/RESULTS.md (markdown on stdout)."""
import csv
import datetime
import os
import platform
import subprocess
import sys


def main(results, idle, content):
    rows = list(csv.DictReader(open(results), delimiter="\t"))
    table = {}
    for row in rows:
        table[(row["target"], row["encoding"], row["connections"], row["server"])] = row
    cpu = subprocess.run(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"], capture_output=True,
                         text=True).stdout.strip()
    print("# Benchmark results\n")
    print(f"- date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC")
    print(f"- machine: {os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}")
    print("- client: wrk on loopback, keep-alive; servers measured alternately; access log off")
    print("- peers: nginx serving static files of byte-identical bodies (`worker_processes auto` and `1`,"
          " `gzip on` for the gzip rows), and a minimal Hummingbird 2 app (no gzip)\n")
    print("| target | encoding | c | ours req/s | nginx(auto) req/s | nginx(1) req/s | hummingbird req/s |"
          " ours/nginx | ours/hb | ours p50/p99 ms | nginx p50/p99 ms |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    keys = sorted({k[:3] for k in table}, key=lambda k: (k[0], k[1], int(k[2])))
    for target, encoding, c in keys:
        def get(server, field="req_per_s"):
            row = table.get((target, encoding, c, server))
            return float(row[field]) if row and row[field] else None
        ours, auto, one, hb = get("ours"), get("nginx-auto"), get("nginx-1"), get("hummingbird")
        def fmt(v):
            return f"{v:,.0f}" if v else "–"
        ratio_nginx = f"{ours / auto:.2f}" if ours and auto else "–"
        ratio_hb = f"{ours / hb:.2f}" if ours and hb else "–"
        print(f"| `{target}` | {encoding} | {c} | {fmt(ours)} | {fmt(auto)} | {fmt(one)} | {fmt(hb)} | "
              f"{ratio_nginx} | {ratio_hb} | {get('ours', 'p50_ms')}/{get('ours', 'p99_ms')} | "
              f"{get('nginx-auto', 'p50_ms')}/{get('nginx-auto', 'p99_ms')} |")
    print("\n## Memory, start-up, content\n")
    print("```")
    print(open(idle).read().strip())
    print(open(content).read().strip())
    print("```")


if __name__ == "__main__":
    main(*sys.argv[1:4])
