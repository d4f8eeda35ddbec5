-- Shared by every bench script: at the end, one JSON line with throughput, latency percentiles (ms) and errors.
function done(summary, latency, requests)
  local s = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    'JSON {"requests":%d,"seconds":%.3f,"rps":%.1f,"bytes":%d,"p50":%.3f,"p90":%.3f,"p99":%.3f,"p999":%.3f,' ..
    '"max":%.3f,"connect":%d,"read":%d,"write":%d,"timeout":%d,"non2xx":%d}\n',
    summary.requests, s, summary.requests / s, summary.bytes, latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000,
    latency.max / 1000, e.connect, e.read, e.write, e.timeout, e.status))
end
