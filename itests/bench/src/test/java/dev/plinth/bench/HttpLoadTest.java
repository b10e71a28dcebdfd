package dev.plinth.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

class HttpLoadTest {

    private HttpServer server;
    private URI base;
    private final AtomicInteger served = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/fixed", exchange -> {
            boolean authorized = "Bearer secret".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = (authorized ? "[\"fixed\"]" : "no").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(authorized ? 200 : 401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            served.incrementAndGet();
        });
        server.createContext("/chunked", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("first,".getBytes(StandardCharsets.UTF_8));
                out.flush();
                out.write("second".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void readsAnswersWithALengthOrInChunksOnOneConnection() throws IOException {
        try (HttpLoad client = new HttpLoad(base, "secret")) {
            HttpLoad.Answer fixed = client.send("GET", "/fixed");
            HttpLoad.Answer chunked = client.send("GET", "/chunked");
            HttpLoad.Answer again = client.send("GET", "/fixed");

            assertEquals(200, fixed.status());
            assertEquals("[\"fixed\"]", fixed.text());
            assertEquals("first,second", chunked.text());
            assertEquals("[\"fixed\"]", again.text());
        }
    }

    @Test
    void loadTimesEveryRequestOfEveryConnection() throws Exception {
        long[] latencies = HttpLoad.load(base, "secret", "/fixed", 4, 5);

        assertEquals(20, latencies.length);
        assertEquals(20, served.get());
        for (long micros : latencies) {
            assertTrue(micros > 0, "a latency is measured: " + micros);
        }
    }

    @Test
    void aRefusedRequestFailsTheLoad() {
        IOException failure = assertThrows(IOException.class, () -> HttpLoad.load(base, "wrong", "/fixed", 2, 3));

        assertTrue(failure.getMessage().contains("401"), failure.getMessage());
    }
}
