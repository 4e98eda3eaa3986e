"""What the scripts know of a server process, said once: start it on port 0 and learn its port from the
`listening` line of its JSON log, and read its memory and descriptors from /proc.

Used by scripts/attack, scripts/soak, scripts/ops_checks.py, scripts/check-api and the benchmarks:
    sys.path.insert(0, <repository>/scripts/lib); import server
"""
import json
import os
import subprocess
import sys
import time


def listening_port(log_path):
    """The port of the `listening` event in a JSON log file, or None while there is none."""
    with open(log_path) as log:
        for line in log:
            try:
                event = json.loads(line)
            except ValueError:
                continue
            if isinstance(event, dict) and event.get("event") == "listening":
                return event["port"]
    return None


def start(command, log_path, name="server", timeout=10.0, **popen):
    """Starts `command` (which must ask for port 0) with its output in `log_path`; returns the process
    and its port once it logs `listening`. Exits the script when it does not within `timeout` seconds."""
    process = subprocess.Popen(command, stdout=open(log_path, "w"), stderr=subprocess.STDOUT, **popen)
    deadline = time.time() + timeout
    while time.time() < deadline:
        port = listening_port(log_path)
        if port:
            return process, port
        if process.poll() is not None:
            break
        time.sleep(0.05)
    process.kill()
    raise SystemExit(f"{name}: the server did not start: {open(log_path).read()[-2000:]}")


def rss_kib(pid):
    """Resident memory of a process, in KiB."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def descriptors(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


if __name__ == "__main__":
    # `server.py port LOG`: prints the port of a log's `listening` line (for shell scripts), or nothing.
    if len(sys.argv) == 3 and sys.argv[1] == "port":
        port = listening_port(sys.argv[2])
        if port:
            print(port)
    else:
        sys.exit("usage: server.py port LOG")
