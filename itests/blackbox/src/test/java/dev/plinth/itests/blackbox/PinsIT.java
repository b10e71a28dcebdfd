package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import jakarta.json.JsonString;

/** Pins over REST: never lost under concurrent requests, and a pins file that cannot be read refuses, naming it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PinsIT {

    private static final int PLUGINS = 8;
    private static final int ROUNDS = 20;

    @TempDir
    static Path unpacked;

    @TempDir
    static Path work;

    @AutoClose
    private static RestRuntime rest;
    private static List<String> ids;

    @BeforeAll
    static void start() throws Exception {
        Plinth plinth = new Plinth(Distribution.unpack(unpacked));
        ids = IntStream.range(0, PLUGINS).mapToObj(i -> "org.example.pinned" + i).toList();
        StringBuilder install = new StringBuilder("plugin:install");
        for (String id : ids) {
            install.append(' ').append(TestBundles.empty(work.resolve(id + ".jar"), id, "1.0.0"));
        }
        Plinth.Result installed = plinth.run(null, "exec", install.toString());
        assertEquals(0, installed.exit(), installed.toString());
        rest = RestRuntime.start(plinth, RestRuntime.freePort());
    }

    @Test
    @Order(1)
    void pinsMadeAtTheSameTimeAreAllKept() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(PLUGINS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                assertEquals(List.of(true), answers(clients, "PUT"), "every PUT answers pinned, round " + round);
                assertEquals(Set.copyOf(ids), pinned(), "round " + round);
                assertEquals(List.of(false), answers(clients, "DELETE"), "every DELETE answers unpinned");
                assertEquals(Set.of(), pinned(), "round " + round);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    @Order(2)
    void aPinsFileThatCannotBeReadRefusesUpdatesAndPinsNamingIt() throws Exception {
        Path file = rest.home().resolve("data/catalog/pins.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"pinned\": [\"org.example.pinned0\"");

        for (RestRuntime.Response answer : List.of(rest.post("/api/catalog/update"),
                rest.method("PUT", "/api/catalog/pins/" + ids.get(1), rest.adminToken()),
                rest.get("/api/catalog/outdated"), rest.get("/api/catalog/export"))) {
            assertEquals("IO_ERROR", answer.problem(500), answer.toString());
            assertTrue(answer.body().contains("pins.json is damaged"), answer.toString());
            assertTrue(answer.body().contains("nothing is updated or pinned until the file is repaired"),
                    answer.toString());
        }
        assertEquals("{\"pinned\": [\"org.example.pinned0\"", Files.readString(file), "the file is left as it was");

        Files.delete(file);
        assertEquals(200, rest.method("PUT", "/api/catalog/pins/" + ids.get(1), rest.adminToken()).status());
        assertEquals(Set.of(ids.get(1)), pinned());
    }

    private static List<Boolean> answers(ExecutorService clients, String method) throws Exception {
        List<Callable<RestRuntime.Response>> requests = new ArrayList<>();
        for (String id : ids) {
            requests.add(() -> rest.method(method, "/api/catalog/pins/" + id, rest.adminToken()));
        }
        List<Boolean> answers = new ArrayList<>();
        for (Future<RestRuntime.Response> answer : clients.invokeAll(requests)) {
            RestRuntime.Response response = answer.get();
            assertEquals(200, response.status(), response.toString());
            answers.add(response.object().getBoolean("pinned"));
        }
        return answers.stream().distinct().toList();
    }

    private static Set<String> pinned() throws Exception {
        return rest.get("/api/catalog/pins").array().getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).collect(Collectors.toSet());
    }
}
