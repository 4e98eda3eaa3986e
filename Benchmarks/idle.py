#!/usr/bin/env python3
"""Start-up time, and memory with 10,000 idle keep-alive connections, for Benchmarks/run.

usage: Benchmarks/idle.py BINARY [CONNECTIONS]
"""
import os
import resource
import socket
import subprocess
import sys
import time


def rss_kib(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def raise_limit():
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def main(binary, count):
    raise_limit()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
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
    print(f"start_to_first_200_ms\t{first * 1000:.1f}")
    time.sleep(0.5)
    baseline = rss_kib(server.pid)
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
    loaded = rss_kib(server.pid)
    for client in clients:
        client.setblocking(False)
    alive = 0
    for client in clients:
        try:
            alive += client.recv(1) != b""
        except BlockingIOError:
            alive += 1
    print(f"idle_connections\t{count}")
    print(f"idle_connections_alive\t{alive}")
    print(f"rss_baseline_kib\t{baseline}")
    print(f"rss_with_idle_kib\t{loaded}")
    print(f"rss_per_connection_kib\t{(loaded - baseline) / count:.2f}")
    for client in clients:
        client.close()
    server.terminate()
    server.wait(timeout=20)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 10000)
