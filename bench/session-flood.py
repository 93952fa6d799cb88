#!/usr/bin/env python3
"""Opens many MCP sessions with one key, as a misbehaving client would, and counts the answers.

    session-flood.py URL KEY COUNT [WORKERS]     e.g. session-flood.py http://127.0.0.1:8080/mcp k 20000 4

Each request is an MCP `initialize` over Streamable HTTP and never closed by the client. Prints one
line `FLOOD sent=… created=… refused=… other=… refused_code_ok=…`: `created` are 2xx with an
Mcp-Session-Id, `refused` are HTTP 429, and `refused_code_ok` says every refusal named
`too_many_sessions`. Exits 1 if any answer was neither.
"""
import http.client
import json
import sys
import threading
import urllib.parse

url, key, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
workers = int(sys.argv[4]) if len(sys.argv) > 4 else 4
target = urllib.parse.urlsplit(url)
body = json.dumps({
    "jsonrpc": "2.0", "id": 1, "method": "initialize",
    "params": {"protocolVersion": "2025-11-25", "capabilities": {},
               "clientInfo": {"name": "session-flood", "version": "0.1"}},
}).encode()
headers = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream", "X-API-Key": key}
lock = threading.Lock()
counts = {"created": 0, "refused": 0, "other": 0, "bad_refusal": 0}
samples = []


def worker(n):
    conn = None
    for _ in range(n):
        for attempt in range(2):  # the server may close a kept-alive connection; one retry on a new one
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
                conn.request("POST", target.path, body, headers)
                resp = conn.getresponse()
                text = resp.read().decode("utf-8", "replace")
                break
            except (OSError, http.client.HTTPException):
                if conn is not None:
                    conn.close()
                conn = None
                if attempt == 1:
                    raise
        with lock:
            if 200 <= resp.status < 300 and resp.getheader("Mcp-Session-Id"):
                counts["created"] += 1
            elif resp.status == 429:
                counts["refused"] += 1
                if "too_many_sessions" not in text:
                    counts["bad_refusal"] += 1
            else:
                counts["other"] += 1
                if len(samples) < 3:
                    samples.append(f"HTTP {resp.status}: {text[:200]}")


threads = [threading.Thread(target=worker, args=(count // workers + (1 if i < count % workers else 0),))
           for i in range(workers)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for s in samples:
    print("unexpected answer:", s, file=sys.stderr)
print(f"FLOOD sent={count} created={counts['created']} refused={counts['refused']} other={counts['other']}"
      f" refused_code_ok={'yes' if counts['bad_refusal'] == 0 else 'no'}")
sys.exit(0 if counts["other"] == 0 and counts["bad_refusal"] == 0 else 1)
