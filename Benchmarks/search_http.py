#!/usr/bin/env python3
"""Search latency over HTTP: the server (as shipped: access log on, to a file) on a content directory,
one keep-alive connection, every query distinct (so none is answered from the query cache): the agents'
names and the glossary's terms (a spread of 1,000 of them on a large library) and a few typos.

usage: Benchmarks/search_http.py BINARY CONTENT_DIR FACTOR
Prints one line: search_http_<FACTOR>x  queries N  p50 µs  p99 µs  max µs.
"""
import http.client
import json
import os
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts", "lib"))
import server  # noqa: E402


def queries(directory):
    agents = json.load(open(os.path.join(directory, "agents.json")))["agents"]
    glossary = json.load(open(os.path.join(directory, "glossary.json")))["entries"]
    names = [a["name"] for a in agents] + [g["term"] for g in glossary]
    if len(names) > 1000:
        names = names[:: len(names) // 1000 + 1]
    typos = ["clomid", "tamoxifin", "hypothalamic", "estrogen", "bone density loss", "ralox"]
    return list(dict.fromkeys(names + typos))


def main(binary, directory, factor):
    log = tempfile.NamedTemporaryFile(prefix="search-http-", suffix=".log", delete=False).name
    process, port = server.start([binary, "--port", "0", "--content-dir", directory], log, name="search_http",
                                 timeout=30)
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port)
        connection.connect()  # outside the timing: http.client would otherwise connect in the first request
        times = []
        for query in queries(directory):
            path = "/v1/search?q=" + urllib.parse.quote(query)
            start = time.perf_counter()
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            times.append((time.perf_counter() - start) * 1e6)
            if response.status != 200:
                sys.exit(f"search_http: {path} answered {response.status}")
        times.sort()
        def percentile(p):
            return times[min(len(times) - 1, int(p * len(times)))]
        print(f"search_http_{factor}x\tqueries {len(times)}\tp50 {percentile(0.5):.0f} µs\t"
              f"p99 {percentile(0.99):.0f} µs\tmax {times[-1]:.0f} µs")
    finally:
        process.terminate()
        process.wait()
        os.unlink(log)


if __name__ == "__main__":
    main(*sys.argv[1:4])
