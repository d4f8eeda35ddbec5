#!/usr/bin/env python3
"""Writes src/test/resources/hostile/corpus.tsv: the hostile-input corpus HostileInputIT replays through the gateway.

Run from system-tests/ after editing the lists below; the generated file is committed, so a review sees every case.
Columns (tab-separated): name, expected statuses (comma list; 2xx / 4xx classes allowed), method, target, headers
(joined by ' || '), body. Escapes: \\r \\n \\t \\0 \\xNN. Placeholders: {C} category id, {P} product id, {V} review id,
{SKU} a fresh SKU, {READ}/{WRITE}/{ADMIN}/{REVOKED} API keys, {REPEAT:c:n} c repeated n times, {NEST:n} n nested
arrays, {QS:n} n query parameters, {CURSOR} a real cursor. Method RAW: target is the whole request, sent as is.
"""
import json

cases = []
W = "X-API-Key: {WRITE}"
JSONH = "Content-Type: application/json"


def case(name, expect, method, target, headers=(), body=""):
    cases.append((name, expect, method, target, " || ".join(headers), body))


def product(**overrides):
    fields = {"sku": "{SKU}", "name": "Hostile lamp", "description": "d", "priceCents": 100, "currency": "EUR",
              "categoryId": "{C}", "merchantId": "hostile", "stock": 1, "attributes": {"k": "v"}}
    fields.update(overrides)
    return fields


def post_product(name, expect, body_text, headers=(W, JSONH)):
    case(name, expect, "POST", "/api/catalog/products", headers, body_text)


INJECTIONS = [
    "' OR '1'='1", "1; DROP TABLE catalog.product; --", "\"); DELETE FROM product; --",
    "' UNION SELECT usename, passwd FROM pg_shadow --", "x' AND pg_sleep(5) IS NULL --", "$$; SELECT 1; $$",
    "{\"$gt\": \"\"}", "attributes->>'k'", "@> '{\"k\":\"v\"}'", "?| array['k']", "#>> '{}'",
    "jsonb_path_query(attributes, '$.**')",
]
STRING_FIELDS = ["sku", "name", "description", "currency", "merchantId"]
TYPED_FIELDS = ["priceCents", "stock", "categoryId", "attributes"]

# SQL and JSONB-operator injection in every body field: free-text fields store it verbatim (201), the others refuse
for i, inj in enumerate(INJECTIONS):
    for field in STRING_FIELDS:
        expect = "201" if field in ("name", "description") else "400"
        body = product(**{field: inj})
        if field == "currency":
            expect = "400"
        post_product(f"inject-body-{field}-{i}", expect, json.dumps(body))
    for field in TYPED_FIELDS:
        post_product(f"inject-body-{field}-{i}", "400", json.dumps(product(**{field: inj})))
    post_product(f"inject-attribute-key-{i}", "201", json.dumps(product(attributes={inj: inj})))

# ... and in every filter and path parameter, percent-encoded as a browser would
def enc(s):
    from urllib.parse import quote
    return quote(s, safe="")


CATALOG_FILTERS = ["categoryId", "merchantId", "minPriceCents", "maxPriceCents", "inStock", "sort", "limit",
                   "cursor", "fields"]
VIEW_FILTERS = ["categoryId", "sort", "limit", "cursor"]
for i, inj in enumerate(INJECTIONS):
    for f in CATALOG_FILTERS:
        case(f"inject-filter-{f}-{i}", "400", "GET", f"/api/catalog/products?{f}={enc(inj)}")
    for f in VIEW_FILTERS:
        case(f"inject-view-filter-{f}-{i}", "400", "GET", f"/api/views/products?{f}={enc(inj)}")
    case(f"inject-path-product-{i}", "400", "GET", f"/api/catalog/products/{enc(inj)}")
    case(f"inject-path-view-{i}", "400", "GET", f"/api/views/products/{enc(inj)}")
    case(f"inject-path-review-{i}", "400", "GET", f"/api/catalog/products/{{P}}/reviews/{enc(inj)}")

# malformed and truncated JSON
full = json.dumps(product())
for n in (1, 2, 10, 40, len(full) // 2, len(full) - 1):
    post_product(f"truncated-json-{n}", "400", full[:n])
post_product("malformed-bom", "201", "\\xEF\\xBB\\xBF" + full)  # a UTF-8 BOM is tolerated: the body is valid
for name, text in [("not-json", "hello"), ("empty-object", "{}"), ("array", "[]"), ("null", "null"),
                   ("number", "42"), ("string", "\"x\""), ("trailing-comma", full[:-1] + ",}"),
                   ("single-quotes", full.replace('"', "'")), ("duplicate-keys", full[:-1] + ", \"sku\": \"B\"}"),
                   ("comment", "/* c */" + full), ("two-documents", full + full),
                   ("unknown-field", full[:-1] + ", \"admin\": true}"), ("nan", full.replace("100,", "NaN,", 1)),
                   ("infinity", full.replace("100,", "Infinity,", 1)), ("hex-number", full.replace("100,", "0x64,", 1)),
                   ("empty-body", ""), ("whitespace-body", "   ")]:
    post_product(f"malformed-{name}", "400", text)

# deep nesting
post_product("nested-attributes-100", "201", full.replace('{"k": "v"}', '{"k": {NEST:100}}'))  # valid JSON, 101 deep
for depth in (100, 1000, 10000):
    post_product(f"nested-arrays-{depth}", "400", "{NEST:%d}" % depth)
for depth in (1000, 10000):
    post_product(f"nested-attributes-{depth}", "400",
                 full.replace('{"k": "v"}', '{"k": ' + "{NEST:%d}" % depth + "}"))
case("nested-merge-patch-10000", "400", "PATCH", "/api/catalog/products/{P}",
     (W, "Content-Type: application/merge-patch+json", 'If-Match: "0"'), '{"attributes": {"k": {NEST:10000}}}')

# huge numbers and wrong types
for name, value in [("price-1e400", "1e400"), ("price-huge-int", "9" * 400), ("price-negative", "-1"),
                    ("price-fraction", "1.5"), ("price-long-overflow", "9223372036854775808"),
                    ("price-string", "\"100\""), ("price-bool", "true"), ("price-object", "{}"),
                    ("price-array", "[100]"), ("price-null", "null"), ("price-exp", "1e3"),
                    ("price-minus-zero", "-0.0")]:
    post_product(f"number-{name}", "400", full.replace('"priceCents": 100', '"priceCents": ' + value))
for name, value in [("stock-huge", "1" + "0" * 30), ("stock-int-overflow", "2147483648"), ("stock-negative", "-5"),
                    ("stock-string", "\"many\""), ("category-number", None), ("attributes-array", None),
                    ("attributes-string", None), ("currency-number", None), ("sku-object", None)]:
    if value is not None:
        post_product(f"type-{name}", "400", full.replace('"stock": 1', '"stock": ' + value))
post_product("type-category-number", "400", json.dumps(product(categoryId=12)))
post_product("type-attributes-array", "400", json.dumps(product(attributes=[1, 2])))
post_product("type-attributes-string", "400", json.dumps(product(attributes="k=v")))
post_product("type-currency-number", "400", json.dumps(product(currency=978)))
post_product("type-sku-object", "400", json.dumps(product(sku={"a": 1})))
post_product("type-category-not-found", "422", json.dumps(product(categoryId="0190f5e4-8a5b-7cc3-9d51-3f1c2a7b6e10")))
post_product("huge-attributes-count", "400", json.dumps(product(attributes={f"k{i}": i for i in range(500)})))
post_product("long-name", "400", json.dumps(product(name="n" * 201)))
post_product("long-description", "400", json.dumps(product(description="d" * 10001)))

# NUL bytes and invalid UTF-8
for field in ("name", "description", "sku", "merchantId"):
    post_product(f"nul-escaped-{field}", "400", full.replace('"' + {"name": "Hostile lamp", "description": "d",
                 "sku": "{SKU}", "merchantId": "hostile"}[field] + '"', '"a\\\\u0000b"', 1))
post_product("nul-escaped-attribute-value", "400", full.replace('"v"', '"\\\\u0000"'))
post_product("nul-escaped-attribute-key", "400", full.replace('"k"', '"\\\\u0000"'))
post_product("nul-raw-in-name", "400", full.replace("Hostile lamp", "Hostile\\0lamp"))
for name, seq in [("lone-continuation", "\\x80"), ("overlong-slash", "\\xC0\\xAF"), ("truncated-3byte", "\\xE2\\x82"),
                  ("surrogate", "\\xED\\xA0\\x80"), ("ff-byte", "\\xFF\\xFE"), ("lone-high-surrogate-escape", "\\\\uD800")]:
    # An overlong '/' (C0 AF) is decoded by Jackson as '/' rather than refused: harmless in a name, noted in SECURITY.md
    post_product(f"utf8-{name}", "201,400" if name == "overlong-slash" else "400",
                 full.replace("Hostile lamp", "Hostile" + seq))
case("utf8-invalid-in-query", "400", "GET", "/api/catalog/products?merchantId=%C0%AF")
case("utf8-invalid-in-path", "400", "GET", "/api/catalog/products/%FF%FE")
case("nul-in-query", "400", "GET", "/api/catalog/products?merchantId=a%00b")
case("nul-in-header", "400,bare", "GET", "/api/catalog/products", ("X-Test: a\\0b",))

# oversized input
post_product("body-10mb-declared", "413", "{REPEAT:x:10485760}")
case("body-10mb-chunked", "413", "RAW",
     "POST /api/catalog/products HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nX-API-Key: {WRITE}\\r\\nContent-Type: application/json"
     "\\r\\nTransfer-Encoding: chunked\\r\\nConnection: close\\r\\n\\r\\n{CHUNKS:65536:160}0\\r\\n\\r\\n")
case("body-2mb-json-string", "413", "POST", "/api/catalog/products", (W, JSONH),
     '{"sku":"{SKU}","name":"{REPEAT:n:2097152}"}')
case("header-1mb", "431,bare", "GET", "/api/catalog/products", ("X-Big: {REPEAT:h:1048576}",))
case("header-many", "431,bare", "GET", "/api/catalog/products", tuple(f"X-H{i}: {i}" for i in range(3000)))
case("header-17k-cookie", "431,bare", "GET", "/api/catalog/products", ("Cookie: {REPEAT:c:17000}",))
case("uri-100k", "414,bare", "GET", "/api/catalog/products?fields={REPEAT:a:100000}")
for n in (1000, 5000):
    case(f"query-params-{n}", "414,bare", "GET", "/api/catalog/products?{QS:%d}" % n)
case("query-repeated-limit", "414,bare", "GET", "/api/catalog/products?" + "&".join(["limit=5"] * 2000))

# path traversal in every encoding
TRAVERSALS = ["/api/catalog/../../etc/passwd", "/api/catalog/%2e%2e/%2e%2e/etc/passwd", "/api/catalog/%2E%2E/admin/export",
              "/api/catalog/products/..%2f..%2fadmin%2fexport", "/api/catalog/products/..%252f..%252fadmin",
              "/api/catalog/products/%252e%252e/admin", "/api/catalog/products/..\\\\..\\\\admin",
              "/api/catalog/products/..%5c..%5cadmin", "/api/catalog/products/%c0%ae%c0%ae/admin",
              "/api/catalog/products/.%2e/admin/export", "/api/catalog//admin/export", "/api/catalog/./admin/export",
              "/api/catalog/products;/../admin/export", "/api/catalog/admin;x=1/export", "/api/views/../catalog/admin/export",
              "/api/views/%2e%2e%2fcatalog%2fadmin%2fexport", "/api/catalog/products/%00/../admin",
              "/api/catalog/products/%u002e%u002e/admin", "/api/catalog/products/..%c0%afadmin",
              "/api/catalog/products/....//....//admin", "/api/catalog%2fadmin%2fexport", "/API/CATALOG/ADMIN/EXPORT",
              "/api/catalog/admin/export/..", "/api/catalog/admin/export%20", "/%2e%2e/%2e%2e/q/health",
              "/q/health", "/q/metrics", "/q/openapi", "/q/dev-ui", "/api/catalog/q/metrics"]
for i, path in enumerate(TRAVERSALS):
    case(f"traversal-{i}", "400,401,404,bare", "GET", path)

# unknown and unusual methods
for m in ["TRACE", "TRACK", "CONNECT", "PROPFIND", "MKCOL", "FOO", "DEBUG", "PURGE", "LINK", "BREW"]:
    case(f"method-{m}", "400,401,405,501,bare", m, "/api/catalog/products", (W,))
case("method-put-collection", "405", "PUT", "/api/catalog/products", (W, JSONH), full)
case("method-delete-collection", "405", "DELETE", "/api/catalog/products", (W,))
case("method-post-item", "405", "POST", "/api/catalog/products/{P}", (W, JSONH), full)
case("method-patch-view", "403,405", "PATCH", "/api/views/products/{P}", (W, JSONH), "{}")
case("method-override-header", "200", "GET", "/api/catalog/products/{P}", ("X-HTTP-Method-Override: DELETE", W))
case("method-lowercase", "400,401,405,501,bare", "get", "/api/catalog/products")

# request smuggling over a raw socket
SM = "Host: 127.0.0.1\\r\\nX-API-Key: {WRITE}\\r\\nContent-Type: application/json\\r\\n"
case("smuggle-cl-te", "400,bare", "RAW", "POST /api/catalog/products HTTP/1.1\\r\\n" + SM +
     "Content-Length: 6\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\n\\r\\nDELETE /api/catalog/products/{P} HTTP/1.1\\r\\n" + SM + "\\r\\n")
case("smuggle-te-cl", "400,bare", "RAW", "POST /api/catalog/products HTTP/1.1\\r\\n" + SM +
     "Transfer-Encoding: chunked\\r\\nContent-Length: 4\\r\\n\\r\\n5c\\r\\nDELETE /api/catalog/products/{P} HTTP/1.1\\r\\n" + SM + "\\r\\n0\\r\\n\\r\\n")
case("smuggle-te-te-obfuscated", "400,501,bare", "RAW", "POST /api/catalog/products HTTP/1.1\\r\\n" + SM +
     "Transfer-Encoding: chunked\\r\\nTransfer-Encoding: x\\r\\nContent-Length: 4\\r\\n\\r\\n0\\r\\n\\r\\n")
case("smuggle-te-space", "400,501,bare", "RAW", "POST /api/catalog/products HTTP/1.1\\r\\n" + SM +
     "Transfer-Encoding : chunked\\r\\nContent-Length: 4\\r\\n\\r\\n0\\r\\n\\r\\n")
case("smuggle-two-content-lengths", "400,bare", "RAW", "POST /api/catalog/products HTTP/1.1\\r\\n" + SM +
     "Content-Length: 4\\r\\nContent-Length: 40\\r\\n\\r\\n{}{}")
case("smuggle-negative-content-length", "400,bare", "RAW", "POST /api/catalog/products HTTP/1.1\\r\\n" + SM +
     "Content-Length: -1\\r\\n\\r\\n{}")
case("smuggle-bad-chunk-size", "0,400,bare", "RAW", "POST /api/catalog/products HTTP/1.1\\r\\n" + SM +
     "Transfer-Encoding: chunked\\r\\n\\r\\nzz\\r\\n{}\\r\\n0\\r\\n\\r\\n")
case("smuggle-lf-only", "400,401,404,200,bare", "RAW", "GET /api/catalog/products HTTP/1.1\\nHost: 127.0.0.1\\n\\n")
case("smuggle-http09", "0,400,505,bare", "RAW", "GET /api/catalog/products\\r\\n\\r\\n")
case("smuggle-http2-preface", "0,400,505,bare", "RAW", "PRI * HTTP/2.0\\r\\n\\r\\nSM\\r\\n\\r\\n")
case("smuggle-absolute-uri-other-host", "200,400", "RAW",
     "GET http://evil.example/api/catalog/products HTTP/1.1\\r\\nHost: evil.example\\r\\nConnection: close\\r\\n\\r\\n")
case("smuggle-no-host", "200,400", "RAW", "GET /api/catalog/products HTTP/1.1\\r\\nConnection: close\\r\\n\\r\\n")

# Content-Type mismatches
for i, ct in enumerate(["text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                        "application/json; charset=utf-16", "application/merge-patch+json", "", "application/javascript",
                        "application/json, text/plain"]):
    # a charset label the body does not match, or no Content-Type at all: the body is still read as JSON
    expect = "201,400,415" if i in (4, 6) else "400,415"
    post_product(f"content-type-{i}", expect, full, (W, "Content-Type: " + ct) if ct else (W,))
case("content-type-xml-body", "400,415", "POST", "/api/catalog/products", (W, "Content-Type: application/xml"),
     "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><p>&e;</p>")
case("patch-with-json-array", "400", "PATCH", "/api/catalog/products/{P}",
     (W, "Content-Type: application/merge-patch+json", 'If-Match: "0"'), "[]")
case("accept-xml", "200,406", "GET", "/api/catalog/products/{P}", ("Accept: application/xml",))

# forged X-Forwarded-For and friends (the peer is not a trusted proxy: ignored, never an error)
for i, xff in enumerate(["127.0.0.1", "10.0.0.1, 127.0.0.1", "' OR 1=1", "{REPEAT:1:8000}", "::1", "unknown", "a\\tb"]):
    case(f"xff-{i}", "200", "GET", "/api/catalog/products/{P}", ("X-Forwarded-For: " + xff,))
case("x-forwarded-host", "200", "GET", "/api/catalog/products/{P}", ("X-Forwarded-Host: evil.example",))
case("forwarded-header", "200", "GET", "/api/catalog/products/{P}", ("Forwarded: for=1.2.3.4;host=evil",))
case("x-real-ip", "200", "GET", "/api/catalog/products/{P}", ("X-Real-IP: 127.0.0.1",))

# cursor tampering
for i, cursor in enumerate(["AAAA", "{REPEAT:A:5000}", "not base64!", "eyJzIjoieCJ9", "%00", "{CURSOR}x", "x{CURSOR}",
                            "{CURSOR}{CURSOR}", "' OR 1=1 --", "eyJpZCI6IjEnIE9SIDEgPSAxIn0=", "{REPEAT:%2F:300}"]):
    # a raw space is not a valid request line: the codec refuses it
    codec = ",bare" if " " in cursor else ""
    case(f"cursor-{i}", ("414" if "5000" in cursor else "400") + codec + (",bare" if "5000" in cursor else ""),
         "GET", f"/api/catalog/products?cursor={cursor}")
    case(f"cursor-views-{i}", ("414" if "5000" in cursor else "400") + codec + (",bare" if "5000" in cursor else ""),
         "GET", f"/api/views/products?cursor={cursor}")
case("cursor-other-listing", "400", "GET", "/api/catalog/products?sort=-price&cursor={CURSOR}")
case("cursor-reviews", "400", "GET", "/api/catalog/products/{P}/reviews?cursor={CURSOR}")

# If-Match games
case("if-match-star-missing", "404,412", "PATCH", "/api/catalog/products/0190f5e4-8a5b-7cc3-9d51-3f1c2a7b6e10",
     (W, "Content-Type: application/merge-patch+json", "If-Match: *"), '{"stock": 999}')
for i, im in enumerate(['"999"', '"-1"', 'W/"0"', '"999", "998"', "0", '""', '"' + "9" * 40 + '"', "' OR 1=1", '"abc"']):
    case(f"if-match-patch-{i}", "400,412,428", "PATCH", "/api/catalog/products/{P}",
         (W, "Content-Type: application/merge-patch+json", "If-Match: " + im), '{"stock": 999}')
    case(f"if-match-delete-{i}", "400,412", "DELETE", "/api/catalog/products/{P}", (W, "If-Match: " + im))
case("if-match-missing", "428", "PATCH", "/api/catalog/products/{P}",
     (W, "Content-Type: application/merge-patch+json"), '{"stock": 999}')
case("if-none-match-garbage", "200", "GET", "/api/catalog/products/{P}", ('If-None-Match: {REPEAT:x:4000}',))

# limit games
for i, limit in enumerate(["-1", "0", "-2147483648", "2147483648", "99999999999999999999", "1e3", "1.5", "%20", "",
                           "0x10", "+5", "NaN", "１"]):
    expect = "200,400" if limit in ("99999999999999999999", "2147483648", "") else "400"
    expect += ",bare" if limit in ("１",) else ""
    case(f"limit-{i}", expect, "GET", f"/api/catalog/products?limit={limit}")
    case(f"limit-views-{i}", expect, "GET", f"/api/views/products?limit={limit}")
    case(f"limit-reviews-{i}", expect, "GET", f"/api/catalog/products/{{P}}/reviews?limit={limit}")

# keys and doors
case("no-key-write", "401", "POST", "/api/catalog/products", (JSONH,), full)
case("read-key-write", "403", "POST", "/api/catalog/products", ("X-API-Key: {READ}", JSONH), full)
case("revoked-key-read", "401", "GET", "/api/catalog/products", ("X-API-Key: {REVOKED}",))
case("empty-key", "200,401", "GET", "/api/catalog/products", ("X-API-Key: ",))
case("key-with-nul", "400,401,bare", "GET", "/api/catalog/products", ("X-API-Key: {WRITE}\\0",))
case("two-keys", "401,403", "DELETE", "/api/catalog/products/{P}", ("X-API-Key: {READ}", "X-API-Key: {WRITE}"))
case("admin-export-writer", "403", "GET", "/api/catalog/admin/export", (W,))
case("admin-rebuild-no-key", "401", "POST", "/api/views/admin/rebuild")
case("idempotency-key-too-long", "400", "POST", "/api/catalog/products", (W, JSONH, "Idempotency-Key: {REPEAT:k:300}"), full)
case("idempotency-key-nonascii", "400", "POST", "/api/catalog/products", (W, JSONH, "Idempotency-Key: \\xC3\\xA9"), full)

def esc(text):
    return text.replace("\t", "\\t")

with open("src/test/resources/hostile/corpus.tsv", "w", encoding="utf-8") as out:
    out.write("# Generated by scripts/make-hostile-corpus.py; columns and escapes are described there.\n")
    for c in cases:
        out.write("\t".join(esc(x) for x in c) + "\n")
print(len(cases), "cases")
