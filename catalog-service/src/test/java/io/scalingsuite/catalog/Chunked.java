package io.scalingsuite.catalog;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.RestAssured;
import io.scalingsuite.contracts.CallerSignature;
import io.scalingsuite.devinfra.SignedTestRequests;

/** A request written byte for byte (chunked framing included) on a fresh connection; the whole answer as text. */
final class Chunked {

    private Chunked() {
    }

    /** The caller header line (with its CRLF) a request through the gateway would carry. */
    static String signedAsGateway(String method, String target) {
        String keys = ConfigProvider.getConfig().getValue("suite.internal-auth.keys", String.class);
        return CallerSignature.HEADER + ": " + SignedTestRequests.signer(keys).sign(method, target,
                SignedTestRequests.CALLER, "read,write") + "\r\n";
    }

    static String send(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            try {
                socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            } catch (IOException closedEarly) {
                // refused before the whole body was read: the answer is already on its way
            }
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
