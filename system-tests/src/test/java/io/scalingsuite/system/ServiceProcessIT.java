package io.scalingsuite.system;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/**
 * The harness every process test stands on: a service is started only once it listens on its own ports. ChaosIT
 * once ran with an aggregation that had been given a port another aggregation held: it failed to bind and exited,
 * but a readiness answer had counted it as started, and a third of the view reads went to the port's holder (404s).
 */
class ServiceProcessIT {

    @Test
    void shouldNotTakeAnotherProcessReadinessAnswerForItsOwn() throws Exception {
        try (SuiteRedis redis = SuiteRedis.standalone()) {
            ServiceProcess gateway = new ServiceProcess("port-held-gateway", "gateway", redis.serviceEnv());
            HttpServer holder = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    URI.create(gateway.managementUrl()).getPort()), 0);
            holder.createContext("/", exchange -> { // UP to any question, as another service's interface is
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            holder.start();
            try {
                assertExitsDuringStartup(gateway);
            } finally {
                holder.stop(0);
                gateway.close();
            }
        }
    }

    @Test
    void shouldNotStartAServiceWhoseMainPortIsTaken() throws Exception {
        try (SuiteRedis redis = SuiteRedis.standalone()) {
            ServiceProcess gateway = new ServiceProcess("port-taken-gateway", "gateway", redis.serviceEnv());
            try (ServerSocket holder = new ServerSocket(gateway.port(), 1, InetAddress.getLoopbackAddress())) {
                assertExitsDuringStartup(gateway);
            } finally {
                gateway.close();
            }
        }
    }

    private static void assertExitsDuringStartup(ServiceProcess service) {
        IllegalStateException refused = assertThrows(IllegalStateException.class, service::start);
        assertTrue(refused.getMessage().contains("exited during startup"), refused.getMessage());
    }
}
