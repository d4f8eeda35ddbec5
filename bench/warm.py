"""Requests every path once (4 keep-alive connections), so the caches in front of it hold them all.
usage: warm.py BASE_URL PATHS_FILE [API_KEY]"""
import http.client
import sys
import threading
import urllib.parse

base, paths_file = sys.argv[1], sys.argv[2]
key = sys.argv[3] if len(sys.argv) > 3 else None
paths = [line.strip() for line in open(paths_file) if line.strip()]
url = urllib.parse.urlparse(base)
failed = []


def walk(part):
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    for path in part:
        conn.request("GET", path, headers={"X-API-Key": key} if key else {})
        answer = conn.getresponse()
        answer.read()
        if answer.status != 200:
            failed.append(f"{path}: {answer.status}")


threads = [threading.Thread(target=walk, args=(paths[i::4],)) for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
if failed:
    sys.exit(f"warm: {len(failed)} failed, e.g. {failed[0]}")
