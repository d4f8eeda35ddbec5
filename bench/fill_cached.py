#!/usr/bin/env python3
"""Reference R3's data: copies catalog's answer for each id (the very bytes it sends) into Redis as
PREFIX<id>, so the reference's one GET returns what catalog returns. Pipes RESP into redis-cli --pipe.
usage: fill_cached.py CATALOG_URL IDS_FILE PREFIX REDIS_HOST REDIS_PORT [REDIS_DB]"""
import http.client
import subprocess
import sys
import urllib.parse

base, ids_file, prefix, host, port = sys.argv[1:6]
db = sys.argv[6] if len(sys.argv) > 6 else "0"
url = urllib.parse.urlparse(base)
conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)


def command(*parts):
    out = b"*%d\r\n" % len(parts)
    for p in parts:
        p = p if isinstance(p, bytes) else p.encode()
        out += b"$%d\r\n%s\r\n" % (len(p), p)
    return out


resp = bytearray()
for line in open(ids_file):
    pid = line.strip()
    if not pid:
        continue
    conn.request("GET", "/api/catalog/products/" + pid)
    answer = conn.getresponse()
    body = answer.read()
    if answer.status != 200:
        sys.exit(f"fill_cached: {pid}: catalog answered {answer.status}")
    resp += command("SET", prefix + pid, body)
subprocess.run(["redis-cli", "-h", host, "-p", port, "-n", db, "--pipe"], input=bytes(resp), check=True,
               stdout=subprocess.DEVNULL)
