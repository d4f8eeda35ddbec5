package io.scalingsuite.gateway;

import static io.restassured.RestAssured.given;

import org.eclipse.microprofile.config.ConfigProvider;

/** Tells the test upstreams (see {@link FakeUpstreams}) what to do, and asks what reached them. */
final class Upstreams {

    private Upstreams() {
    }

    static void down(String name) {
        control("/down/" + name);
    }

    /** From now on {@code name} answers every request with 503. */
    static void fail(String name) {
        control("/fail/" + name);
    }

    static void heal(String name) {
        control("/heal/" + name);
    }

    /** Answers every request parked on any upstream (path {@code park}). */
    static void releaseParked() {
        control("/release/all");
    }

    static void up(String name) {
        control("/up/" + name);
    }

    /** How many requests for {@code path} (without query) reached upstream {@code name}. */
    static int count(String name, String path) {
        return Integer.parseInt(given().baseUri(controlUri()).queryParam("path", path)
                .get("/count/" + name).then().statusCode(200).extract().asString());
    }

    private static void control(String path) {
        given().baseUri(controlUri()).post(path).then().statusCode(200);
    }

    private static String controlUri() {
        return "http://127.0.0.1:" + ConfigProvider.getConfig().getValue("test.upstreams.control-port", Integer.class);
    }
}
