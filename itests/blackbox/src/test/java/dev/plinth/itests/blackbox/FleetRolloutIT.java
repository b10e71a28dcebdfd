package dev.plinth.itests.blackbox;

import static dev.plinth.itests.blackbox.FleetHarness.GREETER;
import static dev.plinth.itests.blackbox.FleetHarness.NEEDY;
import static dev.plinth.itests.blackbox.FleetHarness.VERSIONED;
import static dev.plinth.itests.blackbox.FleetHarness.HELLO;
import static dev.plinth.itests.blackbox.FleetHarness.current;
import static dev.plinth.itests.blackbox.FleetHarness.generationIs;
import static dev.plinth.itests.blackbox.FleetHarness.is;
import static dev.plinth.itests.blackbox.FleetHarness.member;
import static dev.plinth.itests.blackbox.FleetHarness.nodeOf;
import static dev.plinth.itests.blackbox.FleetHarness.publication;
import static dev.plinth.itests.blackbox.FleetHarness.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 28, the rollout on three runtimes sharing one PostgreSQL: a publish converging on every node after its canary,
 * a canary that cannot run its version halting the wave (the others unchanged), a manual rollback, an automatic one,
 * and two publishes at once. The steps build on each other: generations 1 to 6, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 150)
class FleetRolloutIT {

    private static final String BASE = set(member(GREETER, "1.0.0"), member(VERSIONED, "1.0.0"),
            member(NEEDY, "1.0.0"));
    /** BASE with the version of NEEDY no runtime can resolve. */
    private static final String UNRESOLVABLE = set(member(GREETER, "1.0.0"), member(VERSIONED, "1.0.0"),
            member(NEEDY, "2.0.0"));
    /** BASE with the version of NEEDY whose start fails on these nodes. */
    private static final String BROKEN = set(member(GREETER, "1.0.0"), member(VERSIONED, "1.0.0"),
            member(NEEDY, "3.0.0"));
    private static final Map<String, String> BASE_RUNNING = Map.of(GREETER, "1.0.0 enabled",
            VERSIONED, "1.0.0 enabled", NEEDY, "1.0.0 enabled");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path work;

    private static FleetHarness fleet;
    private static FleetNode a;
    private static FleetNode b;
    private static FleetNode c;

    @BeforeAll
    static void startTheFleet() throws Exception {
        fleet = FleetHarness.start(work, null, FleetHarness.Password.SECRET_FILE, "node-a", "node-b", "node-c");
        a = fleet.node("node-a");
        b = fleet.node("node-b");
        c = fleet.node("node-c");
    }

    @AfterAll
    static void stopTheFleet() throws Exception {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    @Order(1)
    void aPublishGoesToTheCanaryFirstThenConvergesOnEveryNode() throws Exception {
        Plinth.Result dryRun = b.exec("fleet:publish -s " + fleet.setFile("base.json", BASE));
        assertEquals(0, dryRun.exit(), "the node's defaults fill in what is not given\n" + dryRun);
        assertTrue(dryRun.out().contains("(simulated, nothing changed): generation 1"), dryRun.toString());
        assertTrue(dryRun.out().contains("within 120 s"), "the configured canary time\n" + dryRun);
        assertTrue(dryRun.out().contains("node-a (canary wave)"), dryRun.toString());
        assertTrue(dryRun.out().contains("node-c (rest wave)"), dryRun.toString());
        RestRuntime.Response plan = b.publish(publication(BASE, "1", 60, false, 0), true);
        assertEquals(200, plan.status(), plan.toString());
        JsonObject simulated = plan.object();
        assertTrue(simulated.getBoolean("simulated"), plan.toString());
        assertEquals(1, simulated.getJsonObject("generation").getJsonNumber("number").longValue(), plan.toString());
        List<JsonObject> plans = simulated.getJsonArray("plans").stream().map(JsonValue::asJsonObject).toList();
        assertEquals(List.of("node-a", "node-b", "node-c"), plans.stream().map(p -> p.getString("node")).toList(),
                plan.toString());
        assertEquals(List.of("canary", "rest", "rest"), plans.stream().map(p -> p.getString("wave")).toList(),
                plan.toString());
        for (JsonObject node : plans) {
            assertTrue(node.getJsonArray("changes").toString().contains(NEEDY), "every node installs it: " + plan);
        }
        assertTrue(current(a.fleet()).isEmpty(), "a dry run writes nothing");

        RestRuntime.Response published = b.publish(publication(BASE, "1", 60, false, 0), false);

        assertEquals(201, published.status(), published.toString());
        JsonObject generation = published.object().getJsonObject("generation");
        assertEquals(1, generation.getJsonNumber("number").longValue(), published.toString());
        assertEquals("[\"node-a\"]", generation.getJsonArray("canaries").toString(), published.toString());
        fleet.awaitFleet(c, "generation 1 done on every node",
                generationIs(1, "done").and(fleet.everyNodeConvergedOn(1)));
        for (FleetNode node : fleet.nodes()) {
            FleetHarness.awaitPlugins(node, BASE_RUNNING);
        }
        JsonObject recorded = current(c.fleet()).orElseThrow();
        assertEquals("node-a", recorded.getString("librariesRecordedBy"), "the canary applied it first: " + recorded);
        assertTrue(recorded.getJsonObject("libraries").keySet().stream()
                .anyMatch(key -> key.startsWith("dev.plinth.sample.greeting@")),
                "the library the greeter is wired to, with its SHA-256: " + recorded);
        Plinth.Result status = c.exec("fleet:status");
        assertEquals(0, status.exit(), status.toString());
        for (FleetNode node : fleet.nodes()) {
            List<String> row = status.row(node.name()).orElseThrow(() -> new AssertionError(status.toString()));
            assertTrue(row.contains("converged"), row + "\n" + status);
        }
        assertTrue(status.out().contains("done"), status.toString());
        Plinth.Result cli = a.plinth().run(null, "fleet", "nodes", "--json");
        assertEquals(0, cli.exit(), cli.toString());
        for (FleetNode node : fleet.nodes()) {
            assertTrue(cli.out().contains("\"" + node.name() + "\""), "bin/plinth fleet nodes --json\n" + cli);
        }
    }

    @Test
    @Order(2)
    void aCanaryThatCannotRunItsVersionHaltsTheWaveAndSaysWhy() throws Exception {
        RestRuntime.Response unresolvable = b.publish(publication(UNRESOLVABLE, "1", 60, false, 1), false);
        assertEquals("UNRESOLVED", unresolvable.problem(422), unresolvable.toString());
        assertTrue(unresolvable.object().getString("detail").contains("org.example.fleet.missing"),
                "the publishing node's dry run says what is missing: " + unresolvable);
        assertEquals(1, current(a.fleet()).orElseThrow().getJsonNumber("number").longValue(), "nothing published");

        RestRuntime.Response published = b.publish(publication(BROKEN, "1", 60, false, 1), false);
        assertEquals(201, published.status(), published.toString());

        JsonObject halted = fleet.awaitFleet(b, "generation 2 halted and the canary back on generation 1",
                generationIs(2, "halted").and(fleetNow -> nodeOf(fleetNow, "node-a").getJsonNumber("target")
                        .longValue() == 1 && is(nodeOf(fleetNow, "node-a").getString("state"), "converged")));

        String reason = current(halted).orElseThrow().getString("reason");
        assertTrue(reason.contains("node-a"), "the reason names the canary: " + halted);
        JsonObject canary = nodeOf(halted, "node-a");
        assertTrue(is(canary.getString("state"), "converged"), "back on the last good generation: " + canary);
        assertEquals(1, canary.getJsonNumber("target").longValue(), canary.toString());
        assertTrue(canary.getString("failure").contains(NEEDY)
                && canary.getString("failure").contains("allow-start is missing"),
                "the failure names the plugin and why it did not start: " + canary);
        for (FleetNode other : List.of(b, c)) {
            JsonObject status = nodeOf(halted, other.name());
            assertEquals(1, status.getJsonNumber("applied").longValue(), status.toString());
            assertEquals(1, status.getJsonNumber("target").longValue(), "the wave stopped: " + status);
            assertEquals(BASE_RUNNING, subset(other.plugins(), BASE_RUNNING), other + " is unchanged");
        }
        assertEquals(List.of("node-a"),
                fleet.query("SELECT DISTINCT node FROM plinth_fleet.report WHERE generation = 2"),
                "only the canary tried generation 2");
        Plinth.Result status = b.exec("fleet:status");
        assertTrue(status.out().contains("halted"), status.toString());
        assertTrue(status.out().contains(reason), "fleet:status shows the reason\n" + status);
    }

    @Test
    @Order(3)
    void aManualRollbackRepublishesTheLastGoodGenerationToEveryNode() throws Exception {
        RestRuntime.Response plan = c.rollback(true);
        assertEquals(200, plan.status(), plan.toString());
        assertTrue(plan.object().getBoolean("simulated"), plan.toString());
        assertEquals(2, plan.object().getJsonObject("generation").getJsonNumber("rollbackOf").longValue(),
                plan.toString());
        assertTrue(generationIs(2, "halted").test(a.fleet()), "a dry run writes nothing");

        RestRuntime.Response rolledBack = c.rollback(false);

        assertTrue(rolledBack.status() == 200 || rolledBack.status() == 201, rolledBack.toString());
        JsonObject generation = rolledBack.object().getJsonObject("generation");
        assertEquals(3, generation.getJsonNumber("number").longValue(), rolledBack.toString());
        assertEquals(2, generation.getJsonNumber("rollbackOf").longValue(), rolledBack.toString());
        assertEquals("[]", generation.getJsonArray("canaries").toString(), "a rollback has no canary wave");
        fleet.awaitFleet(a, "generation 3 done on every node",
                generationIs(3, "done").and(fleet.everyNodeConvergedOn(3)));
        for (FleetNode node : fleet.nodes()) {
            FleetHarness.awaitPlugins(node, BASE_RUNNING);
        }
        RestRuntime.Response history = a.rest().get("/api/fleet/generations?limit=10");
        assertEquals(200, history.status(), history.toString());
        assertEquals(List.of(3L, 2L, 1L), history.array().stream()
                .map(g -> g.asJsonObject().getJsonNumber("number").longValue()).toList(), history.toString());
    }

    @Test
    @Order(4)
    void aHaltedRolloutRollsBackOnItsOwnWhenConfigured() throws Exception {
        RestRuntime.Response published = a.publish(publication(BROKEN, "1", 60, true, 3), false);
        assertEquals(201, published.status(), published.toString());
        assertEquals(4, published.object().getJsonObject("generation").getJsonNumber("number").longValue());

        JsonObject after = fleet.awaitFleet(b, "generation 5 (the automatic rollback) done on every node",
                generationIs(5, "done").and(fleet.everyNodeConvergedOn(5)));

        assertEquals(4, current(after).orElseThrow().getJsonNumber("rollbackOf").longValue(), after.toString());
        RestRuntime.Response four = b.rest().get("/api/fleet/generations/4");
        assertEquals(200, four.status(), four.toString());
        assertTrue(is(four.object().getString("state"), "rolled-back"), four.toString());
        assertTrue(four.object().getString("reason").contains("node-a"), four.toString());
        assertEquals(List.of("node-a"), fleet.query("SELECT DISTINCT node FROM plinth_fleet.report "
                + "WHERE generation = 4"), "only the canary tried generation 4");
        for (FleetNode node : fleet.nodes()) {
            FleetHarness.awaitPlugins(node, BASE_RUNNING);
        }
    }

    @Test
    @Order(5)
    void ofTwoPublishesAtOnceOneIsRefusedAsStale() throws Exception {
        String withHello = set(member(GREETER, "1.0.0"), member(VERSIONED, "1.0.0"), member(NEEDY, "1.0.0"),
                member(HELLO, "1.0.0"));
        String withVersionTwo = set(member(GREETER, "1.0.0"), member(VERSIONED, "2.0.0"), member(NEEDY, "1.0.0"));
        CountDownLatch go = new CountDownLatch(1);
        List<RestRuntime.Response> answers = new ArrayList<>(List.of());
        List<Thread> publishers = new ArrayList<>();
        Map<FleetNode, String> bodies = Map.of(b, publication(withHello, "0", 60, false, 5), c,
                publication(withVersionTwo, "0", 60, false, 5));
        List<Throwable> failures = new ArrayList<>();
        for (Map.Entry<FleetNode, String> publisher : bodies.entrySet()) {
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                    RestRuntime.Response answer = publisher.getKey().publish(publisher.getValue(), false);
                    synchronized (answers) {
                        answers.add(answer);
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            thread.start();
            publishers.add(thread);
        }
        go.countDown();
        for (Thread thread : publishers) {
            thread.join(60_000);
        }

        assertEquals(List.of(), failures);
        List<Integer> statuses = answers.stream().map(RestRuntime.Response::status).sorted().toList();
        assertEquals(List.of(201, 409), statuses, answers.toString());
        RestRuntime.Response refused = answers.stream().filter(r -> r.status() == 409).findFirst().orElseThrow();
        assertEquals("STALE_GENERATION", refused.problem(409), refused.toString());
        assertTrue(refused.object().getString("detail").contains("generation 6"), refused.toString());
        JsonObject winner = answers.stream().filter(r -> r.status() == 201).findFirst().orElseThrow().object();
        boolean helloWon = winner.getJsonObject("generation").toString().contains(HELLO);
        fleet.awaitFleet(a, "generation 6 done on every node",
                generationIs(6, "done").and(fleet.everyNodeConvergedOn(6)));
        Map<String, String> expected = helloWon
                ? Map.of(HELLO, "1.0.0 enabled", VERSIONED, "1.0.0 enabled")
                : Map.of(VERSIONED, "2.0.0 enabled");
        for (FleetNode node : fleet.nodes()) {
            FleetHarness.awaitPlugins(node, expected);
        }

        Path file = fleet.setFile("stale.json", BASE);
        Plinth.Result stale = a.exec("fleet:publish --base 5 " + file);
        assertNotEquals(0, stale.exit(), stale.toString());
        assertTrue((stale.out() + stale.err()).contains("generation 6"), stale.toString());
        assertEquals(6, current(a.fleet()).orElseThrow().getJsonNumber("number").longValue(),
                "the refused publish wrote nothing");
    }

    @Test
    @Order(6)
    void aPluginDisabledBehindTheFleetsBackIsSetRightAgain() throws Exception {
        Plinth.Result disabled = b.exec("plugin:disable " + NEEDY);
        assertEquals(0, disabled.exit(), disabled.toString());

        FleetHarness.awaitPlugins(b, Map.of(NEEDY, "1.0.0 enabled"));
        fleet.awaitFleet(a, "node-b converged again", fleet.everyNodeConvergedOn(6));
        assertEquals(List.of(), fleet.query("SELECT failure FROM plinth_fleet.node WHERE name = 'node-b' "
                + "AND failure IS NOT NULL"), "no failure");
    }

    @Test
    @Order(7)
    void thePasswordOfTheFleetsRoleShowsNowhereButInItsSecretFile() throws Exception {
        for (FleetNode node : fleet.nodes()) {
            assertFalse(node.output().contains(fleet.password()), node.name());
            try (var files = java.nio.file.Files.walk(node.home())) {
                for (Path file : files.filter(java.nio.file.Files::isRegularFile)
                        .filter(f -> !f.toString().endsWith(".jar") && !f.startsWith(node.home().resolve("secrets")))
                        .toList()) {
                    String text;
                    try {
                        text = java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1);
                    } catch (java.nio.file.NoSuchFileException gone) {
                        continue; // a temporary file, such as the client's class archive being written
                    }
                    assertFalse(text.contains(fleet.password()), file.toString());
                }
            }
        }
    }

    private static Map<String, String> subset(Map<String, String> plugins, Map<String, String> keys) {
        Map<String, String> subset = new java.util.TreeMap<>();
        keys.keySet().forEach(id -> subset.put(id, plugins.get(id)));
        return subset;
    }
}
