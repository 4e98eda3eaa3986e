#!/usr/bin/env python3
"""Start-up time, and memory with 10,000 idle keep-alive connections, for Benchmarks/run; with --nginx,
the same idle connections held by nginx (`worker_processes auto`) serving ROOT, for comparison.

usage: Benchmarks/idle.py BINARY [CONNECTIONS]
       Benchmarks/idle.py --nginx ROOT [CONNECTIONS]
"""
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts", "lib"))
from server import rss_kib  # noqa: E402


def pss_kib(pid):
    """Proportional set size: shared pages divided among the processes sharing them (fair for nginx's
    master and workers, whose RSS counts the same pages several times)."""
    for line in open(f"/proc/{pid}/smaps_rollup"):
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return 0


def raise_limit():
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def hold_idle(port, count, rss, pss):
    """Opens `count` keep-alive connections, one answered request each; RSS before and with them, alive,
    and PSS with them."""
    request = b"GET /v1/agents/tamoxifen HTTP/1.1\r\nHost: a\r\n\r\n"
    time.sleep(0.5)
    baseline = rss()
    clients = []
    for _ in range(count):
        client = socket.create_connection(("127.0.0.1", port))
        client.sendall(request)
        clients.append(client)
    for client in clients:
        data = b""
        while b"\r\n\r\n" not in data:
            data += client.recv(65536)
    time.sleep(1)
    loaded = rss()
    proportional = pss()
    for client in clients:
        client.setblocking(False)
    alive = 0
    for client in clients:
        try:
            alive += client.recv(1) != b""
        except BlockingIOError:
            alive += 1
    for client in clients:
        client.close()
    return baseline, loaded, alive, proportional


def report(prefix, count, baseline, loaded, alive, proportional):
    print(f"{prefix}idle_connections\t{count}")
    print(f"{prefix}idle_connections_alive\t{alive}")
    print(f"{prefix}rss_baseline_kib\t{baseline}")
    print(f"{prefix}rss_with_idle_kib\t{loaded}")
    print(f"{prefix}rss_per_connection_kib\t{(loaded - baseline) / count:.2f}")
    print(f"{prefix}pss_with_idle_kib\t{proportional}")


def nginx(root, count):
    """nginx's master and workers, summed: the memory an operator would compare."""
    raise_limit()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    prefix = tempfile.mkdtemp(prefix="idle-nginx-")
    conf = os.path.join(prefix, "nginx.conf")
    with open(conf, "w") as out:
        out.write(f"""worker_processes auto;
worker_rlimit_nofile {count * 2 + 100};
pid nginx.pid;
error_log error.log error;
events {{ worker_connections {count + 100}; }}
http {{
  access_log off;
  keepalive_timeout 75s;
  default_type application/json;
  server {{ listen 127.0.0.1:{port}; root {root}; location / {{ try_files $uri.json =404; }} }}
}}
""")
    subprocess.run(["nginx", "-p", prefix, "-c", conf], check=True, preexec_fn=raise_limit)
    try:
        master = int(open(os.path.join(prefix, "nginx.pid")).read())

        def pids():
            return [master] + [int(p) for p in os.listdir("/proc") if p.isdigit() and parent(int(p)) == master]

        report("nginx_", count, *hold_idle(port, count, lambda: sum(rss_kib(pid) for pid in pids()),
                                           lambda: sum(pss_kib(pid) for pid in pids())))
    finally:
        subprocess.run(["nginx", "-p", prefix, "-c", conf, "-s", "stop"], check=False)


def parent(pid):
    try:
        return int(open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return -1


def start(binary, port, count):
    """Starts the server; returns it and the seconds from exec to its first 200 (None if none in 10 s)."""
    env = {**os.environ, "ACCESS_LOG": "off", "MAX_CONNECTIONS": str(count + 100), "PORT": str(port)}
    started = time.perf_counter()
    server = subprocess.Popen([binary], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              preexec_fn=raise_limit)
    request = b"GET /v1/agents/tamoxifen HTTP/1.1\r\nHost: a\r\n\r\n"
    first = None
    while first is None and time.perf_counter() - started < 10:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as probe:
                probe.sendall(request)
                if probe.recv(16).startswith(b"HTTP/1.1 200"):
                    first = time.perf_counter() - started
        except OSError:
            time.sleep(0.001)
    return server, first


def main(binary, count, starts=5):
    raise_limit()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # Start-up is measured `starts` times (the median is reported: one start is at the mercy of the
    # scheduler); the last server stays up for the idle connections.
    times = []
    for attempt in range(starts):
        server, first = start(binary, port, count)
        times.append(first * 1000)
        if attempt < starts - 1:
            server.terminate()
            server.wait(timeout=20)
    print(f"start_to_first_200_ms\t{statistics.median(times):.1f}")
    print(f"start_to_first_200_ms_each\t{' '.join(f'{t:.1f}' for t in times)}")
    report("", count, *hold_idle(port, count, lambda: rss_kib(server.pid), lambda: pss_kib(server.pid)))
    server.terminate()
    server.wait(timeout=20)


if __name__ == "__main__":
    if sys.argv[1] == "--nginx":
        nginx(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 10000)
    else:
        main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 10000)
