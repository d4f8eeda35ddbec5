package io.scalingsuite.aggregation;

import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;

/** The consumer group on the catalog stream: made once, not before every read, and made again when it is gone. */
@QuarkusTest
class StreamGroupTest {

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "aggregation.stream.key")
    String key;

    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisHosts;

    @Test
    void shouldNotAskRedisForTheGroupBeforeEveryRead() throws IOException {
        CatalogStream stream = new CatalogStream(redis, key);
        publishAndAwaitCard(stream, 100); // the consumers are reading

        try (GroupCreates creates = new GroupCreates(URI.create(redisHosts.split(",")[0]), key)) {
            for (int i = 1; i <= 10; i++) {
                publishAndAwaitCard(stream, 100 + i); // one at a time: a read each
            }

            assertEquals(0, creates.seen(), "XGROUP CREATE sent while 10 events were read one by one");
        }
    }

    @Test
    void shouldMakeTheGroupAgainWhenTheStreamWasDeleted() {
        CatalogStream stream = new CatalogStream(redis, key);
        publishAndAwaitCard(stream, 200);

        redis.key().del(key); // as after a FLUSHALL, or a Redis restarted without its data

        publishAndAwaitCard(stream, 201);
    }

    /** Publishes a new product and waits until its card serves the price. */
    private static void publishAndAwaitCard(CatalogStream stream, long priceCents) {
        UUID product = UUID.randomUUID();
        stream.publish("ProductCreated", product, 0,
                CatalogStream.product(product, UUID.randomUUID(), "group-test", priceCents, 1));
        String path = "/api/views/products/" + product;
        await().atMost(Duration.ofSeconds(15)).until(() -> given().get(path).statusCode() == 200);
        given().get(path).then().statusCode(200).body("priceCents", equalTo((int) priceCents));
    }

    /**
     * Counts the XGROUP CREATE commands on this test's stream that Redis runs, as MONITOR shows them to a
     * connection of its own (Redis' command statistics would also count other processes', `make run`'s for one).
     */
    private static final class GroupCreates implements AutoCloseable {

        private final Socket socket;
        private final AtomicInteger seen = new AtomicInteger();

        GroupCreates(URI redis, String key) throws IOException {
            socket = new Socket(redis.getHost(), redis.getPort());
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), US_ASCII));
            if (redis.getUserInfo() != null) {
                String password = redis.getUserInfo().substring(redis.getUserInfo().indexOf(':') + 1);
                out.write(("AUTH " + password + "\r\n").getBytes(US_ASCII));
                in.readLine();
            }
            out.write("MONITOR\r\n".getBytes(US_ASCII));
            out.flush();
            assertEquals("+OK", in.readLine(), "MONITOR");
            String command = ("\"xgroup\" \"create\" \"" + key + "\"").toLowerCase(Locale.ROOT);
            Thread reader = new Thread(() -> {
                try {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        if (line.toLowerCase(Locale.ROOT).contains(command)) {
                            seen.incrementAndGet();
                        }
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            }, "monitor");
            reader.setDaemon(true);
            reader.start();
        }

        int seen() {
            return seen.get();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
