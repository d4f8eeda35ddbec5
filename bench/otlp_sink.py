# A stand-in OTLP/HTTP receiver: accepts every POST (/v1/traces) with 200 and counts the bytes.
import http.server, sys
total = [0, 0]
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        n = int(self.headers.get("Content-Length", 0)); self.rfile.read(n)
        total[0] += 1; total[1] += n
        self.send_response(200); self.send_header("Content-Type", "application/x-protobuf"); self.send_header("Content-Length", "0"); self.end_headers()
        with open(sys.argv[2], "w") as f: f.write(f"{total[0]} {total[1]}\n")
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
