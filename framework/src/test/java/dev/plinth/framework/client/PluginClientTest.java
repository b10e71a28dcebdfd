package dev.plinth.framework.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** The client against small HTTP servers standing in for a runtime: whom it trusts, and what it makes of answers. */
class PluginClientTest {

    private static final String TOKEN = "the-admin-token-of-this-home-0123456789";

    @TempDir
    Path data;

    private HttpServer server;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final List<String> authorizations = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aProgramThatCannotProveItHoldsTheTokenNeverReceivesIt() throws Exception {
        String endpoint = serve(false);
        answers.put("/api/identity", "{\"proof\":\"forged\"}");
        answers.put("/api/plugins", "[]");

        int status = run("plugins");

        assertEquals(3, status, err.toString());
        assertTrue(err.toString().contains("the program listening at " + endpoint + " is not this Plinth runtime"),
                err.toString());
        assertTrue(authorizations.isEmpty(), "the token went to " + authorizations);
        assertEquals("", out.toString());
    }

    @Test
    void anEndpointFileNamingNoHttpAddressIsRefused() throws Exception {
        serve(true);
        for (String odd : new String[] {"file:///etc/passwd", "not a uri at all", "http:/no-host"}) {
            Files.writeString(data.resolve("rest/endpoint"), odd + "\n");
            err.reset();

            assertEquals(3, run("plugins"), err.toString());
            assertTrue(err.toString().contains("names no HTTP address"), err.toString());
        }
        assertTrue(authorizations.isEmpty(), "the token went to " + authorizations);
    }

    @Test
    void aTokenFileHoldingNoTokenIsNamedAndNothingIsSent() throws Exception {
        serve(true);
        answers.put("/api/plugins", "[]");
        for (byte[] content : List.of("abcdefghijklmnop\nqrstuvwxyz\n".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xff, (byte) 0xfe, 'a', 'b'}, new byte[0])) {
            Files.write(data.resolve("rest/admin.token"), content);
            err.reset();

            assertEquals(3, run("plugins"), err.toString());
            assertTrue(err.toString().startsWith("plinth: " + data.resolve("rest/admin.token") + " does not hold a "
                    + "token"), err.toString());
            assertFalse(err.toString().contains("Exception"), err.toString());
        }
        assertTrue(authorizations.isEmpty(), "a request went out with " + authorizations);
    }

    @Test
    void aByteOrderMarkBeforeTheTokenIsLeftOutAsTheRuntimeDoes() throws Exception {
        serve(true);
        answers.put("/api/plugins", "[]");
        Files.writeString(data.resolve("rest/admin.token"), "\uFEFF" + TOKEN + "\n");

        assertEquals(0, run("plugins"), err.toString());
        assertEquals(List.of("Bearer " + TOKEN), authorizations);
    }

    @Test
    void theRuntimeOfThisHomeProvesItAndGetsTheToken() throws Exception {
        serve(true);
        answers.put("/api/plugins", "[]");

        assertEquals(0, run("plugins"), err.toString());
        assertEquals("No plugins installed.", out.toString().strip());
        assertEquals(List.of("Bearer " + TOKEN), authorizations);
    }

    @Test
    void answersOfAnotherShapeAreAnErrorNotAStackTrace() throws Exception {
        serve(true);
        for (String[] odd : new String[][] {{"/api/plugins", "{\"plugins\":[]}", "plugins"},
            {"/api/plugins", "[1, \"two\"]", "plugins"},
            {"/api/plugins", "not json", "plugins"},
            {"/api/history", "[[1]]", "history"},
            {"/api/plugins/a/enable", "{\"plan\":null}", "enable"},
            {"/api/plugins/a/enable", "[]", "enable"},
            {"/api/catalog/pins/a", "\"yes\"", "pin"}}) {
            answers.clear();
            answers.put(odd[0], odd[1]);
            out.reset();
            err.reset();

            int status = run(odd[2], odd[2].equals("plugins") || odd[2].equals("history") ? null : "a");

            assertEquals(1, status, odd[1] + ": " + err);
            assertTrue(err.toString().startsWith("Error: "), odd[1] + ": " + err);
            assertFalse(err.toString().contains("Exception"), odd[1] + ": " + err);
        }
    }

    private int run(String verb, String... operands) {
        List<String> args = new java.util.ArrayList<>(List.of("--data", data.toString(), verb));
        for (String operand : operands) {
            if (operand != null) {
                args.add(operand);
            }
        }
        return new PluginClient(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    /** Starts a server and writes the home's endpoint and token files; {@code genuine}: it proves the token. */
    private String serve(boolean genuine) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String endpoint = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        server.createContext("/", exchange -> answer(exchange, genuine, endpoint));
        server.start();
        Files.createDirectories(data.resolve("rest"));
        Files.writeString(data.resolve("rest/endpoint"), endpoint + "\n");
        Files.writeString(data.resolve("rest/admin.token"), TOKEN + "\n");
        return endpoint;
    }

    private void answer(HttpExchange exchange, boolean genuine, String endpoint) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null) {
            authorizations.add(authorization);
        }
        String body = answers.get(path);
        if (genuine && path.equals("/api/identity")) {
            String nonce = exchange.getRequestURI().getQuery().substring("nonce=".length());
            body = "{\"proof\":\"" + RuntimeIdentity.proof(TOKEN, endpoint, nonce) + "\"}";
        }
        byte[] bytes = (body == null ? "{}" : body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
