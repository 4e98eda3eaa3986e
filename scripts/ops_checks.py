#!/usr/bin/env python3
"""Operational checks against real server processes on 127.0.0.1 (used by scripts/check-ops).

  runtime BINARY            run the release binary the way the Dockerfile's runtime stage does
  proxy BINARY              nginx (deploy/nginx.conf) in front of two instances under /api
  sigterm BINARY            SIGTERM during a slow in-flight response: it completes, exit 0
  sighup BINARY             SIGHUP with broken content keeps serving; fixed content swaps in
  watch BINARY              WATCH_CONTENT=on: edits in place and a ConfigMap's ..data swap reload by themselves
  cpus BINARY               event loops under taskset, EVENT_LOOPS and a one-CPU cgroup quota
Each prints what it checked; exit 1 on the first failure. Log lines of every instance must be JSON.
"""
import email.utils
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import server  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def fail(message):
    print(f"ops: FAIL: {message}")
    sys.exit(1)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Instance:
    """A server process with its stdout captured; every line must be a JSON object."""

    def __init__(self, binary, env=None, cwd=ROOT, user=None, args=(), prefix=()):
        self.port = int((env or {}).get("PORT", 0)) or free_port()
        environment = {"PATH": os.environ["PATH"], "PORT": str(self.port), "SHUTDOWN_GRACE": "5"}
        environment.update(env or {})
        environment["PORT"] = str(self.port)
        command = [*prefix, binary, "serve", *args]
        if user is not None:
            command = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *command]
        self.process = subprocess.Popen(command, cwd=cwd, env=environment, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True)
        self.lines = []
        self.reading = threading.Event()  # cleared: stdout is not read, as by a stalled log collector
        self.reading.set()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.wait_for("listening")

    def _read(self):
        while True:
            self.reading.wait()
            line = self.process.stdout.readline()
            if not line:
                return
            self.lines.append(line.rstrip("\n"))

    def rss_kib(self):
        return server.rss_kib(self.process.pid)

    def events(self):
        parsed = []
        for line in list(self.lines):
            try:
                event = json.loads(line)
            except ValueError:
                fail(f"log line is not JSON: {line!r}")
            if not isinstance(event, dict):
                fail(f"log line is not a JSON object: {line!r}")
            parsed.append(event)
        return parsed

    def wait_for(self, name, timeout=15, count=1):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if sum(1 for e in self.events() if e.get("event") == name) >= count:
                return
            if self.process.poll() is not None:
                time.sleep(0.2)
                fail(f"server exited ({self.process.returncode}) before '{name}': {self.lines[-5:]}")
            time.sleep(0.05)
        fail(f"no '{name}' log line within {timeout}s: {self.lines[-5:]}")

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=20)
        self.reader.join(timeout=5)
        self.events()
        return code


def get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def runtime(binary):
    """Builds /app from the Dockerfile's runtime-stage COPY lines, then runs it as the image would."""
    dockerfile = open(os.path.join(ROOT, "Dockerfile")).read()
    stage = dockerfile.split("AS runtime", 1)[1]
    app = tempfile.mkdtemp(prefix="runtime-")
    env = {}
    for line in re.sub(r"\\\n\s*", " ", stage).splitlines():
        words = line.split()
        if not words:
            continue
        if words[0] == "COPY":
            sources, target = [w for w in words[1:] if not w.startswith("--")][:-1], words[-1]
            source = binary if "--from=build" in words else os.path.join(ROOT, sources[0])
            if "--from=docs" in words:  # the docs stage: docs-ui with Swagger UI's files installed
                source = os.path.join(tempfile.mkdtemp(prefix="docs-stage-"), "docs-ui")
                shutil.copytree(os.path.join(ROOT, "docs-ui"), source)
                subprocess.run([os.path.join(ROOT, "scripts/install-docs-assets"), source], check=True,
                               stdout=subprocess.DEVNULL)
            destination = os.path.join(app, os.path.relpath(target, "/app"))
            if os.path.isdir(source):
                shutil.copytree(source, destination)
            else:
                shutil.copy2(source, destination)
        elif words[0] == "ENV":
            for pair in words[1:]:
                key, _, value = pair.partition("=")
                env[key] = value.replace("/app", app)
        elif words[0] == "USER":
            user = words[1].split(":")[0]
    os.chmod(app, 0o755)
    listed = sorted(os.listdir(app))
    print(f"runtime: /app holds {listed}; env {sorted(env)}; user {user}")
    instance = Instance(os.path.join(app, "hormone-therapy-api"), env=env, cwd=app, user=int(user))
    probe = {**os.environ, **env, "PORT": str(instance.port)}
    healthcheck = subprocess.run([os.path.join(app, "hormone-therapy-api"), "healthcheck"], env=probe)
    if healthcheck.returncode != 0:
        fail("healthcheck subcommand did not pass against the runtime-stage instance")
    usage = subprocess.run([os.path.join(app, "hormone-therapy-api"), "healthcheck", "--help"],
                           capture_output=True, text=True).stdout
    for option in ("--path", "--timeout", "--host", "--port"):
        text = " ".join(usage.split(f"  {option} ", 1)[1].split("\n  --", 1)[0].split())
        if text.lower().count("default") != 1:
            fail(f"healthcheck --help says the default of {option} {text.lower().count('default')} times: {text}")
    listening = [e for e in instance.events() if e.get("event") == "listening"][0]
    if listening.get("host") != "0.0.0.0":
        fail(f"runtime instance listens on {listening.get('host')}, not 0.0.0.0")
    status, _, body = get(instance.url("/openapi.yaml"))
    if status != 200 or not body.startswith(b"openapi: 3.1"):
        fail("runtime instance does not serve its openapi.yaml")
    status, headers, _ = get(instance.url("/docs"))
    if status != 200 or not headers.get("Content-Type", "").startswith("text/html"):
        fail(f"runtime instance does not serve its docs page: {status}")
    if any(e.get("event") == "docs_unavailable" for e in instance.events()):
        fail("runtime instance logged docs_unavailable")
    if instance.stop() != 0:
        fail("runtime instance did not exit 0")
    shutil.rmtree(app)
    print("runtime: healthcheck passed as a non-root user with HOST=0.0.0.0; /docs served; exit 0 on SIGTERM")


def proxy(binary):
    ports = [free_port() for _ in range(3)]
    prefix = tempfile.mkdtemp(prefix="nginx-")
    conf = open(os.path.join(ROOT, "deploy/nginx.conf")).read()
    conf = conf.replace("127.0.0.1:8090", f"127.0.0.1:{ports[0]}")
    conf = conf.replace("127.0.0.1:8091", f"127.0.0.1:{ports[1]}").replace("127.0.0.1:8092", f"127.0.0.1:{ports[2]}")
    conf_path = os.path.join(prefix, "nginx.conf")
    open(conf_path, "w").write(conf)
    env = {"BASE_PATH": "/api", "TRUSTED_PROXIES": "127.0.0.1"}
    replicas = [Instance(binary, env={**env, "PORT": str(port)}) for port in ports[1:]]
    untrusted = Instance(binary, env={"BASE_PATH": "/api"})
    nginx = subprocess.run(["nginx", "-p", prefix, "-c", conf_path])
    if nginx.returncode != 0:
        fail("nginx did not start with deploy/nginx.conf")
    try:
        base = f"http://127.0.0.1:{ports[0]}"
        for _ in range(6):
            status, headers, body = get(base + "/api/v1/agents/tamoxifen", {"X-Forwarded-For": "198.51.100.7"})
            if status != 200:
                fail(f"through nginx: status {status}")
            links = json.loads(body)["links"]
            flat = [link for value in links.values() for link in (value if isinstance(value, list) else [value])]
            if not all(link.startswith("/api/") for link in flat):
                fail(f"links do not carry the base path: {links}")
        status, headers, body = get(base + "/api/v1/glossary?limit=2")
        if status != 200 or "</api/v1/glossary?" not in headers.get("Link", ""):
            fail(f"Link header does not carry the base path: {headers.get('Link')}")
        # Every kind of link is followed through the proxy: the Link header's next, the body's links.next
        # (both relative) and a FHIR Bundle's next (absolute: it must name the proxy's host and port).
        followed = []
        header_next = re.search(r'<([^>]*)>; rel="next"', headers.get("Link", ""))
        followed.append(("Link header next", header_next and base + header_next.group(1)))
        followed.append(("links.next", base + json.loads(body)["links"]["next"]))
        status, _, body = get(base + "/api/fhir/MedicationKnowledge?_count=1")
        bundle_next = [link["url"] for link in json.loads(body).get("link", []) if link["relation"] == "next"]
        if status != 200 or not bundle_next or not bundle_next[0].startswith(base + "/api/fhir/"):
            fail(f"a FHIR next link through nginx does not name the proxy's host and port: {bundle_next}")
        followed.append(("FHIR Bundle next", bundle_next[0]))
        for name, url in followed:
            if not url or get(url)[0] != 200:
                fail(f"the {name} link does not work through nginx: {url}")
        status, _, _ = get(base + "/api/nope")
        if status != 404:
            fail("unknown path through nginx is not 404")
        for private in ("/api/metrics", "/api/readyz"):
            status, _, _ = get(base + private)
            if status != 404:
                fail(f"{private} is public through nginx (status {status})")
        trace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
        status, headers, _ = get(base + "/api/v1/classes", {"traceparent": trace, "X-Request-Id": "from-client"})
        request_id = headers.get("X-Request-Id", "")
        if status != 200 or not re.fullmatch(r"[0-9a-f]{32}", request_id):
            fail(f"nginx's request id did not reach the client: {request_id!r}")
        get(untrusted.url("/api/v1/agents"), {"X-Forwarded-For": "198.51.100.7"})
        time.sleep(0.3)
        served = [e for r in replicas for e in r.events() if e.get("event") == "request"]
        if len({r.port for r in replicas if any(e.get("event") == "request" for e in r.events())}) != 2:
            fail("nginx did not spread requests over both replicas")
        if not all(e["client"] == "198.51.100.7" for e in served if e["path"].startswith("/api/v1/agents")):
            fail(f"trusted proxy: client not taken from X-Forwarded-For: {[e['client'] for e in served]}")
        direct = [e for e in untrusted.events() if e.get("event") == "request"]
        if not direct or direct[-1]["client"] != "127.0.0.1":
            fail("untrusted peer: X-Forwarded-For was not ignored")
        logged = [e for e in served if e.get("request_id") == request_id]
        if len(logged) != 1 or logged[0].get("trace_id") != trace.split("-")[1]:
            fail(f"the replica did not log nginx's request id with the trace id: {logged}")
        time.sleep(0.2)
        if f"request_id={request_id}" not in open(os.path.join(prefix, "access.log")).read():
            fail("nginx's access log does not carry the request id")
        # The docs page through the proxy, under its prefix, in a real browser (where CI has one).
        docs = "not checked (no chromium)"
        if shutil.which("chromium") and shutil.which("chromedriver"):
            run = subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "scripts/check-docs-page"), base + "/api"],
                                 capture_output=True, text=True, timeout=180)
            if run.returncode != 0:
                fail(f"the docs page through nginx: {run.stdout[-600:]}{run.stderr[-300:]}")
            docs = "rendered in Chromium, Try it out answered through it"
        print(f"proxy: /api/docs {docs}")
        print(f"proxy: {len(served)} requests through nginx over 2 replicas; links under /api, and the Link header's,"
              " links.next and a FHIR Bundle's absolute next link followed through it; "
              "client from X-Forwarded-For only when the peer is trusted; /api/metrics and /api/readyz private; "
              "one request id in nginx's log, the replica's log (with the trace id) and the response")
    finally:
        subprocess.run(["nginx", "-p", prefix, "-c", conf_path, "-s", "stop"])
        for instance in replicas + [untrusted]:
            if instance.stop() != 0:
                fail("an instance did not exit 0")
        shutil.rmtree(prefix, ignore_errors=True)


def sigterm(binary):
    instance = Instance(binary, env={"SHUTDOWN_GRACE": "15"})
    client = socket.socket()
    client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    client.connect(("127.0.0.1", instance.port))
    client.sendall(b"GET /v1/export HTTP/1.1\r\nHost: a\r\n\r\n")
    received = b""
    while b"\r\n\r\n" not in received:
        received += client.recv(1024)
    head, _, body = received.partition(b"\r\n\r\n")
    length = int(re.search(rb"Content-Length: (\d+)", head).group(1))
    instance.process.send_signal(signal.SIGTERM)
    started = time.time()
    instance.wait_for("stopping")
    refused = False
    try:
        socket.create_connection(("127.0.0.1", instance.port), timeout=1).close()
    except OSError:
        refused = True
    while len(body) < length:
        chunk = client.recv(1024)
        if not chunk:
            break
        body += chunk
        time.sleep(0.01)
    code = instance.stop()
    if len(body) != length:
        fail(f"in-flight response cut short: {len(body)} of {length} bytes")
    if b"Connection: close" not in head and client.recv(1) != b"":
        fail("connection not closed after the in-flight response")
    if not refused:
        fail("new connections still accepted while draining")
    if code != 0:
        fail(f"exit status {code} after SIGTERM")
    print(f"sigterm: a {length}-byte response read slowly over {time.time() - started:.1f}s completed; "
          "new connections refused; exit 0")


def sighup(binary):
    content = tempfile.mkdtemp(prefix="content-")
    shutil.rmtree(content)
    shutil.copytree(os.path.join(ROOT, "Resources"), content)
    instance = Instance(binary, env={"CONTENT_DIR": content})
    results = {"ok": 0, "failed": 0, "versions": set()}
    stop = threading.Event()
    running = threading.Event()
    running.set()
    lock = threading.Lock()

    def load():
        while not stop.is_set():
            running.wait()
            status, headers, _ = get(instance.url("/v1/agents/tamoxifen"))
            with lock:
                results["ok" if status == 200 else "failed"] += 1
                results["versions"].add(headers.get("X-Content-Version"))

    threads = [threading.Thread(target=load) for _ in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(0.5)
    _, headers, _ = get(instance.url("/"))
    original = headers["X-Content-Version"]
    original_modified = email.utils.parsedate_to_datetime(headers["Last-Modified"])
    open(os.path.join(content, "notes.json"), "a").write("{ broken")
    instance.process.send_signal(signal.SIGHUP)
    instance.wait_for("content_reload_refused")
    refused = [e for e in instance.events() if e.get("event") == "content_reload_refused"][0]
    if not any("notes.json" in p for p in refused.get("problems", [])):
        fail(f"refused reload does not name the broken file: {refused}")
    time.sleep(0.5)
    _, headers, _ = get(instance.url("/"))
    if headers["X-Content-Version"] != original:
        fail("a refused reload changed the served version")
    shutil.copy2(os.path.join(ROOT, "Resources/notes.json"), os.path.join(content, "notes.json"))
    library = json.load(open(os.path.join(content, "library.json")))
    library["lastReviewed"] = "2026-11-27"
    json.dump(library, open(os.path.join(content, "library.json"), "w"), indent=2)
    # Pause the load: every request answered so far must be logged before the reload's own event.
    running.clear()
    time.sleep(0.3)
    with lock:
        answered = results["ok"] + results["failed"]
    instance.process.send_signal(signal.SIGHUP)
    instance.wait_for("content_reloaded")
    events = instance.events()
    reloaded_at = next(i for i, e in enumerate(events) if e.get("event") == "content_reloaded")
    logged_before = sum(1 for e in events[:reloaded_at] if e.get("path") == "/v1/agents/tamoxifen")
    if logged_before < answered:
        fail(f"SIGHUP: {answered} requests answered, only {logged_before} logged before the reload event")
    running.set()
    time.sleep(0.5)
    stop.set()
    for thread in threads:
        thread.join()
    _, headers, _ = get(instance.url("/"))
    if headers["X-Content-Version"] == original:
        fail("the fixed content was not swapped in")
    # The edit is newer than anything served before: Last-Modified moves forward, even though the
    # edited lastReviewed went back a day.
    if email.utils.parsedate_to_datetime(headers["Last-Modified"]) <= original_modified:
        fail(f"Last-Modified did not move forward: {headers['Last-Modified']}")
    status, _, metrics = get(instance.url("/metrics"))
    text = metrics.decode()
    if 'content_reloads_total{result="failed"} 1' not in text or 'content_reloads_total{result="ok"} 1' not in text:
        fail("reload counters wrong in /metrics")
    if 'access_log_dropped_lines_total 0' not in text:
        fail("access log lines dropped (or the counter missing) with a reader keeping up")
    if results["failed"]:
        fail(f"{results['failed']} requests failed during the reloads")
    instance.stop()
    # SIGTERM flushes every loop's buffer: each request made has its line.
    logged = sum(1 for e in instance.events() if e.get("path") == "/v1/agents/tamoxifen")
    if logged != results["ok"] + results["failed"]:
        fail(f"{results['ok'] + results['failed']} requests made, {logged} logged after SIGTERM")
    shutil.rmtree(content)
    print(f"sighup: {results['ok']} requests, 0 failed; broken content refused (old version kept); "
          f"fixed content swapped in ({len(results['versions'])} versions seen); every request logged, those "
          "before a reload before its event; none dropped")


def configmap_version(mount, name, source):
    """Writes `source` into the mount as the kubelet writes a ConfigMap version: a `..<timestamp>` folder,
    then `..data` swapped onto it with a rename (every visible name a symlink through `..data`)."""
    versioned = os.path.join(mount, name)
    shutil.copytree(source, versioned)
    temporary = os.path.join(mount, "..data_tmp")
    os.symlink(name, temporary)
    os.rename(temporary, os.path.join(mount, "..data"))
    for entry in os.listdir(versioned):
        if not os.path.lexists(os.path.join(mount, entry)):
            os.symlink(os.path.join("..data", entry), os.path.join(mount, entry))


def watch(binary):
    """WATCH_CONTENT=on over a ConfigMap-shaped mount: an edit in place reloads, a broken edit is refused
    (the old version served), a ..data swap reloads, with no signal sent; Last-Modified follows the files
    through their symlinks, not the symlinks' own dates."""
    work = tempfile.mkdtemp(prefix="watch-")
    source = os.path.join(work, "source")
    shutil.copytree(os.path.join(ROOT, "Resources"), source)
    reviewed = json.load(open(os.path.join(source, "library.json")))["lastReviewed"]
    stamp = email.utils.parsedate_to_datetime(
        time.strftime("%a, %d %b %Y 00:00:00 GMT", time.strptime(reviewed, "%Y-%m-%d"))).timestamp()
    for folder, _, names in os.walk(source):
        for name in names:
            os.utime(os.path.join(folder, name), (stamp - 86400, stamp - 86400))
    mount = os.path.join(work, "mount")
    os.mkdir(mount)
    configmap_version(mount, "..2026_12_06_10_00_00.1", source)
    time.sleep(1.1)  # the symlinks are dated after the files by at least a second
    instance = Instance(binary, env={"CONTENT_DIR": mount, "WATCH_CONTENT": "on"})
    listening = next(e for e in instance.events() if e.get("event") == "listening")
    if str(listening.get("watch_content")).lower() != "true":
        fail(f"the listening line does not say the content is watched: {listening}")

    def served():
        _, headers, _ = get(instance.url("/"))
        return headers["X-Content-Version"], headers["Last-Modified"]

    def wait_version(previous, what):
        deadline = time.time() + 10
        while time.time() < deadline:
            version, modified = served()
            if version != previous:
                return version, modified
            time.sleep(0.05)
        fail(f"{what}: still serving {previous} 10 s later: {instance.lines[-3:]}")

    original, modified = served()
    if email.utils.parsedate_to_datetime(modified).timestamp() != stamp:
        fail(f"Last-Modified {modified} is not the last review ({reviewed}): the symlinks' dates were read")
    # 1. An edit in place, through the mount's symlink (an operator editing a plain directory does this).
    notes = os.path.join(mount, "notes.json")
    text = open(notes).read()
    open(notes, "w").write(text + "\n")
    edited, _ = wait_version(original, "an edit in place")
    instance.wait_for("content_reloaded")
    reloaded = [e for e in instance.events() if e.get("event") == "content_reloaded"][-1]
    if reloaded.get("trigger") != "watch":
        fail(f"the reload does not say the watcher asked for it: {reloaded}")
    # 2. A broken edit: refused, logged with its file, the edited version still served.
    open(notes, "w").write(text + "{ broken")
    instance.wait_for("content_reload_refused")
    refused = [e for e in instance.events() if e.get("event") == "content_reload_refused"][0]
    if refused.get("trigger") != "watch" or not any("notes.json" in p for p in refused.get("problems", [])):
        fail(f"the refused reload does not name the watcher and the broken file: {refused}")
    if served()[0] != edited:
        fail("a refused reload changed the served version")
    # 3. A ConfigMap update: a new version swapped in whole (the broken folder is left behind).
    open(os.path.join(source, "library.json"), "a").write("\n")  # a different version, valid
    configmap_version(mount, "..2026_12_06_10_01_00.2", source)
    swapped, _ = wait_version(edited, "a ConfigMap ..data swap")
    if swapped == original:
        fail("the swap served the original version again")
    # 4. A change inside the new version's schema folder is seen too (the watch followed the swap).
    schema = os.path.join(mount, "..2026_12_06_10_01_00.2", "schema", "claims.schema.json")
    open(schema, "a").write("\n")
    wait_version(swapped, "an edit below the swapped-in version")
    counts = [e.get("event") for e in instance.events()]
    instance.stop()
    shutil.rmtree(work)
    print(f"watch: edit in place reloaded, broken edit refused (old version kept), ConfigMap ..data swap "
          f"reloaded, then an edit under it; {counts.count('content_reloaded')} reloads, "
          f"{counts.count('content_reload_refused')} refused, no signal sent; Last-Modified from the files")


def slowstdout(binary):
    """A log reader that stops for 10 s under load: requests go on being answered, memory stays bounded,
    the lines that could not wait are counted as dropped, and what is written stays whole JSON lines."""
    instance = Instance(binary)
    warm = subprocess.run(["wrk", "-t1", "-c16", "-d2s", instance.url("/v1/agents/tamoxifen")],
                          capture_output=True, text=True)
    if warm.returncode != 0:
        fail(f"wrk failed: {warm.stderr}")
    baseline = instance.rss_kib()
    instance.reading.clear()
    stalled = subprocess.run(["wrk", "-t1", "-c16", "-d10s", "--timeout", "2s", "--latency",
                              instance.url("/v1/agents/tamoxifen")], capture_output=True, text=True).stdout
    grown = instance.rss_kib() - baseline
    status, _, metrics = get(instance.url("/metrics"))
    instance.reading.set()
    requests = int(re.search(r"(\d+) requests in", stalled).group(1))
    dropped = int(re.search(r"access_log_dropped_lines_total (\d+)", metrics.decode()).group(1))
    if "Socket errors" in stalled or "Non-2xx" in stalled:
        fail(f"requests failed while stdout was stalled: {stalled}")
    if requests < 10_000:
        fail(f"only {requests} requests answered in 10 s while stdout was stalled")
    if dropped == 0:
        fail("a stalled stdout under load dropped no line: the queue is not bounded")
    if grown > 32 * 1024:
        fail(f"RSS grew {grown} KiB while stdout was stalled")
    if instance.stop() != 0:
        fail("did not exit 0")
    logged = sum(1 for e in instance.events() if e.get("event") == "request")  # every line parses as JSON
    p99 = re.search(r"99%\s+(\S+)", stalled).group(1)
    print(f"slowstdout: reader stalled 10 s under load: {requests} requests answered (p99 {p99}), RSS +{grown} KiB, "
          f"{dropped} lines dropped and counted, {logged} written, all whole JSON lines")


def settings(binary):
    """Bad settings are all reported at once, before anything starts; the help says each default."""
    env = {"PATH": os.environ["PATH"], "PORT": "eighty", "LOG_LEVEL": "loud", "BASE_PATH": "api/",
           "BUSY_POLL_US": "5000", "EVENT_LOOPS": "0", "WATCH_CONTENT": "sometimes"}
    run = subprocess.run([binary, "serve"], env=env, capture_output=True, text=True, timeout=30)
    if run.returncode != 64:
        fail(f"bad settings: exit {run.returncode}, not 64")
    # Each names the flag and the variable, whichever was given.
    for name in ("--port / PORT", "--log-level / LOG_LEVEL", "--base-path / BASE_PATH",
                 "--busy-poll-us / BUSY_POLL_US must be between 0 and 1000",
                 "--event-loops / EVENT_LOOPS must be between 1 and 1024",
                 "--watch-content / WATCH_CONTENT must be on or off, not 'sometimes'"):
        if name not in run.stderr:
            fail(f"bad settings: {name} not reported in {run.stderr!r}")
    flag = subprocess.run([binary, "--port", "99999"], capture_output=True, text=True, timeout=30)
    if flag.returncode != 64 or "--port / PORT must be between 0 and 65535, not 99999" not in flag.stderr:
        fail(f"--port 99999: exit {flag.returncode}, {flag.stderr!r}")
    top = " ".join(subprocess.run([binary, "--help"], capture_output=True, text=True).stdout.split())
    if "--port <port>" not in top or "Env: PORT" not in top:
        fail("the top-level --help does not show serve's options")
    holder = Instance(binary)
    taken = subprocess.run([binary, "--port", str(holder.port)], capture_output=True, text=True, timeout=30)
    holder.stop()
    if taken.returncode == 0 or "--port or PORT" not in taken.stdout + taken.stderr:
        fail(f"a port in use does not point at --port / PORT: {taken.stdout + taken.stderr!r}")
    usage = subprocess.run([binary, "serve", "--help"], capture_output=True, text=True).stdout
    for default in ("Default: 8080.", "Default: 75.", "Default: Resources.", "BUSY_POLL_US. Default: 0."):
        if default not in " ".join(usage.split()):
            fail(f"serve --help does not say '{default}'")
    print("settings: six bad values reported at once (exit 64), each by flag and variable; the top-level help"
          " shows serve's options; a port in use points at --port / PORT; the help says the defaults")


def cpus(binary):
    """Event loops follow the CPUs the process may use: its affinity mask, its cgroup's CPU quota, or
    EVENT_LOOPS; the listening line and /metrics say how many and why."""
    from prometheus_client.parser import text_string_to_metric_families

    def loops(instance):
        listening = [e for e in instance.events() if e.get("event") == "listening"][0]
        _, _, body = get(instance.url("/metrics"))
        family = {f.name: f for f in text_string_to_metric_families(body.decode())}.get("event_loops")
        sample = family.samples[0] if family else None
        instance.stop()
        if not sample or sample.value != listening.get("event_loops") \
                or sample.labels.get("reason") != listening.get("event_loops_reason"):
            fail(f"/metrics event_loops {sample} disagrees with the listening line {listening}")
        return listening.get("event_loops"), listening.get("event_loops_reason")

    said = [f"affinity {loops(Instance(binary, prefix=['taskset', '-c', '0']))}"]
    if said[0] != "affinity (1, 'affinity')" and os.cpu_count() > 1:
        fail(f"under taskset -c 0: {said[0]}, not 1 loop for the affinity")
    configured = loops(Instance(binary, env={"EVENT_LOOPS": "3"}, prefix=["taskset", "-c", "0"]))
    if configured != (3, "configured"):
        fail(f"EVENT_LOOPS=3: {configured}")
    said.append(f"configured {configured}")
    group = None
    for root, files in (("/sys/fs/cgroup/cpu", {"cpu.cfs_period_us": "100000", "cpu.cfs_quota_us": "100000"}),
                        ("/sys/fs/cgroup", {"cpu.max": "100000 100000"})):
        candidate = os.path.join(root, f"hta-ops-{os.getpid()}")
        try:
            os.makedirs(candidate)
            for name, value in files.items():
                with open(os.path.join(candidate, name), "w") as f:
                    f.write(value)
            group = candidate
            break
        except OSError:
            if os.path.isdir(candidate):
                os.rmdir(candidate)
    if group is None:
        print("cpus: skipped the cgroup quota case: no cgroup with a CPU quota can be made here (not root?)")
    else:
        join = ["sh", "-c", f'echo $$ > {group}/cgroup.procs && exec "$0" "$@"']
        try:
            quota = loops(Instance(binary, prefix=join))
        finally:
            time.sleep(0.2)
            os.rmdir(group)
        if os.cpu_count() > 1 and quota != (1, "cgroup-quota"):
            fail(f"under a one-CPU cgroup quota: {quota}, not 1 loop for the quota")
        said.append(f"quota {quota}")
    print(f"cpus: event loops (count, reason): {', '.join(said)}; /metrics agrees with the log each time")


def metrics(binary):
    from prometheus_client.parser import text_string_to_metric_families
    instance = Instance(binary)
    for path in ["/", "/v1/agents", "/nope", "/v1/search?q=bone"]:
        get(instance.url(path))
    _, headers, body = get(instance.url("/metrics"))
    families = {family.name: family for family in text_string_to_metric_families(body.decode())}
    for name in ["http_requests", "http_request_duration_seconds", "http_response_bytes", "http_open_connections",
                 "content_info", "content_reloads", "content_load_duration_seconds", "event_loops"]:
        if name not in families:
            fail(f"/metrics lacks {name}: {sorted(families)}")
    samples = sum(len(f.samples) for f in families.values())
    instance.stop()
    print(f"metrics: {len(families)} families, {samples} samples parsed by prometheus_client")


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in {"runtime", "proxy", "sigterm", "sighup", "watch", "slowstdout",
                                                     "settings", "cpus", "metrics"}:
        print(__doc__)
        sys.exit(2)
    globals()[sys.argv[1]](os.path.abspath(sys.argv[2]))
