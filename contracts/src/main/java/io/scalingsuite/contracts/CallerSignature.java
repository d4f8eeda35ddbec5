package io.scalingsuite.contracts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The signed caller header, {@value #HEADER}: how catalog and aggregation know that a request came through the
 * gateway (or from another service of the suite), for whom, and with which scopes.
 * <ul>
 * <li>The signer covers the method, the exact request target it sends (path as forwarded, and query), the caller
 * (an API key's name, or {@code anonymous}), its scopes, a timestamp and a random nonce, with HMAC-SHA256 under the
 * first of the shared {@link SigningKeys}.</li>
 * <li>A verifier accepts the header only when the signature is valid under the key it names, the timestamp is
 * within {@code maxAgeSeconds} of its own clock either way, and method and target are what it received; it must
 * then also accept each nonce once ({@link NonceLedger}), so a captured header cannot be replayed.</li>
 * <li>The body is not covered: the gateway streams bodies. Within the cluster, integrity of a body in flight is
 * TLS's job; the nonce still makes a header good for one request only.</li>
 * </ul>
 * Format: {@code v1 kid=<id> ts=<epoch seconds> nonce=<32 hex> caller=<name> scopes=<a,b> sig=<base64url>}.
 */
public final class CallerSignature {

    public static final String HEADER = "X-Suite-Caller";
    /** The caller name of requests without an API key. */
    public static final String ANONYMOUS = "anonymous";

    private static final Pattern CALLER = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern SCOPES = Pattern.compile("([a-z]{1,16}(,[a-z]{1,16}){0,7})?");
    private static final Pattern NONCE = Pattern.compile("[0-9a-f]{32}");
    private static final String[] NAMES = { "kid", "ts", "nonce", "caller", "scopes", "sig" };
    private static final Map<String, Pattern> GRAMMAR = Map.of("kid", SigningKeys.KEY_ID, "ts",
            Pattern.compile("[0-9]{1,12}"), "nonce", NONCE, "caller", CALLER, "scopes", SCOPES, "sig",
            Pattern.compile("[A-Za-z0-9_-]{43}"));
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
    private static final HexFormat HEX = HexFormat.of();

    private final SigningKeys keys;
    private final Clock clock;

    public CallerSignature(SigningKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** The header value for one request, with the current time and a fresh nonce. */
    public String sign(String method, String target, String caller, String scopes) {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce); // unique, not secret: the MAC is what cannot be forged
        return sign(method, target, caller, scopes, clock.instant().getEpochSecond(), HEX.formatHex(nonce));
    }

    /** {@code scopes}: comma-separated, as the verifier will read them back. */
    public String sign(String method, String target, String caller, String scopes, long epochSeconds, String nonce) {
        if (!CALLER.matcher(caller).matches() || !SCOPES.matcher(scopes).matches() || !NONCE.matcher(nonce).matches()) {
            throw new IllegalArgumentException("caller, scopes or nonce out of the header's grammar");
        }
        SigningKeys.Key key = keys.signing();
        String fields = "v1 kid=" + key.id() + " ts=" + epochSeconds + " nonce=" + nonce + " caller=" + caller
                + " scopes=" + scopes;
        return fields + " sig=" + BASE64.encodeToString(key.mac(material(fields, method, target)));
    }

    /** Checks a header against the request that carried it; never throws on hostile input. */
    public Verification verify(String header, String method, String target, long maxAgeSeconds) {
        if (header == null || header.isEmpty()) {
            return Verification.of(Verification.Status.MISSING);
        }
        Map<String, String> fields = parse(header);
        if (fields == null) {
            return Verification.of(Verification.Status.MALFORMED);
        }
        SigningKeys.Key key = keys.find(fields.get("kid"));
        if (key == null) {
            return Verification.of(Verification.Status.UNKNOWN_KEY);
        }
        String signed = header.substring(0, header.lastIndexOf(" sig="));
        byte[] expected = BASE64.encode(key.mac(material(signed, method, target)));
        if (!MessageDigest.isEqual(expected, fields.get("sig").getBytes(StandardCharsets.US_ASCII))) {
            return Verification.of(Verification.Status.FORGED);
        }
        long timestamp = Long.parseLong(fields.get("ts"));
        if (Math.abs(clock.instant().getEpochSecond() - timestamp) > maxAgeSeconds) {
            return Verification.of(Verification.Status.EXPIRED);
        }
        return Verification.valid(fields.get("caller"), fields.get("scopes"), fields.get("nonce"), timestamp);
    }

    /** The fields of a header in exactly the signer's order and grammar, or null. */
    private static Map<String, String> parse(String header) {
        String[] tokens = header.split(" ", -1);
        if (tokens.length != NAMES.length + 1 || !tokens[0].equals("v1")) {
            return null;
        }
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i < NAMES.length; i++) {
            String prefix = NAMES[i] + "=";
            String value = tokens[i + 1].startsWith(prefix) ? tokens[i + 1].substring(prefix.length()) : "";
            if (!GRAMMAR.get(NAMES[i]).matcher(value).matches()) {
                return null;
            }
            fields.put(NAMES[i], value);
        }
        return fields;
    }

    private static byte[] material(String fields, String method, String target) {
        return (fields + "\n" + method + "\n" + target).getBytes(StandardCharsets.UTF_8);
    }
}
