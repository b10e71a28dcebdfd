package dev.plinth.itests.blackbox;

import static dev.plinth.itests.blackbox.FleetHarness.GREETER;
import static dev.plinth.itests.blackbox.FleetHarness.HELLO;
import static dev.plinth.itests.blackbox.FleetHarness.SLOW;
import static dev.plinth.itests.blackbox.FleetHarness.VERSIONED;
import static dev.plinth.itests.blackbox.FleetHarness.generationIs;
import static dev.plinth.itests.blackbox.FleetHarness.member;
import static dev.plinth.itests.blackbox.FleetHarness.nodeOf;
import static dev.plinth.itests.blackbox.FleetHarness.publication;
import static dev.plinth.itests.blackbox.FleetHarness.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;

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
 * Issue 28, faults during a rollout on three runtimes (every publish goes to every node at once, canaries 0): a node
 * killed with {@code kill -9} in the middle of its apply, the database stopped and started again while a node is
 * applying, a node down while a generation rolls out, a canary too slow to report in time. Each converges once the
 * fault is gone. The steps build on each other: generations 1 to 6, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 150)
class FleetFaultsIT {

    private static final String FIRST = set(member(GREETER, "1.0.0"));
    private static final String SLOW_ONE = set(member(GREETER, "1.0.0"), member(SLOW, "1.0.0"));
    private static final String SLOW_TWO = set(member(GREETER, "1.0.0"), member(SLOW, "2.0.0"),
            member(HELLO, "1.0.0"));
    private static final String VERSIONED_TWO = set(member(GREETER, "1.0.0"), member(SLOW, "2.0.0"),
            member(HELLO, "1.0.0"), member(VERSIONED, "2.0.0"));

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path work;

    private static FleetHarness fleet;
    private static FleetNode a;
    private static FleetNode b;
    private static FleetNode c;

    @BeforeAll
    static void startTheFleetAndPublishAFirstGeneration() throws Exception {
        fleet = FleetHarness.start(work, "\"canaries\": \"0\"", FleetHarness.Password.ENVIRONMENT, "node-a",
                "node-b", "node-c");
        a = fleet.node("node-a");
        b = fleet.node("node-b");
        c = fleet.node("node-c");
        publish(a, FIRST, 0, 1);
        fleet.awaitFleet(a, "generation 1 done on every node",
                generationIs(1, "done").and(fleet.everyNodeConvergedOn(1)));
    }

    @AfterAll
    static void stopTheFleet() throws Exception {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    @Order(1)
    void aNodeKilledInTheMiddleOfItsApplyConvergesWhenItStartsAgain() throws Exception {
        b.hold();
        publish(a, SLOW_ONE, 1, 2);
        b.awaitHeld(FleetHarness.BOUND);

        b.kill();
        b.release();

        for (FleetNode node : List.of(a, c)) {
            FleetHarness.awaitPlugins(node, Map.of(SLOW, "1.0.0 enabled"));
        }
        b.start();
        fleet.awaitFleet(a, "generation 2 done on every node, node-b too",
                generationIs(2, "done").and(fleet.everyNodeConvergedOn(2)));
        FleetHarness.awaitPlugins(b, Map.of(SLOW, "1.0.0 enabled", GREETER, "1.0.0 enabled"));
        JsonObject status = nodeOf(b.fleet(), "node-b");
        assertTrue(status.isNull("failure"), "no failure is left from the crash: " + status);
    }

    @Test
    @Order(2)
    void theDatabaseStoppedDuringARolloutLeavesEveryNodeAsItWasThenTheyCatchUp() throws Exception {
        c.hold();
        publish(a, SLOW_TWO, 2, 3);
        c.awaitHeld(FleetHarness.BOUND);
        for (FleetNode node : List.of(a, b)) {
            FleetHarness.awaitPlugins(node, Map.of(SLOW, "2.0.0 enabled", HELLO, "1.0.0 enabled"));
        }

        fleet.postgres().stop();
        try {
            for (FleetNode node : fleet.nodes()) {
                RestRuntime.Response unavailable = node.rest().get("/api/fleet");
                assertEquals("FLEET_UNAVAILABLE", unavailable.problem(503), unavailable.toString());
                assertFalse(unavailable.body().contains(fleet.password()), unavailable.toString());
            }
            Plinth.Result status = b.exec("fleet:status");
            assertNotEquals(0, status.exit(), status.toString());
            assertFalse((status.out() + status.err()).contains(fleet.password()), status.toString());
            RestRuntime.Response refused = a.publish(publication(FIRST, "0", 60, false, 0), false);
            assertEquals("FLEET_UNAVAILABLE", refused.problem(503), refused.toString());

            c.release();
            FleetHarness.awaitPlugins(c, Map.of(SLOW, "2.0.0 enabled", HELLO, "1.0.0 enabled"));
            for (FleetNode node : List.of(a, b)) {
                assertEquals(Map.of(SLOW, "2.0.0 enabled", HELLO, "1.0.0 enabled", GREETER, "1.0.0 enabled"),
                        node.plugins(), node + " keeps what it applied");
            }
        } finally {
            c.release();
            fleet.postgres().restart();
        }

        fleet.awaitFleet(b, "generation 3 done on every node, node-c's apply reported after the outage",
                generationIs(3, "done").and(fleet.everyNodeConvergedOn(3)));
        Await.until("every node saying it was cut off", FleetHarness.BOUND, () -> fleet.query("SELECT DISTINCT node "
                + "FROM plinth_fleet.report WHERE outcome = 'reconnected' ORDER BY node"),
                List.of("node-a", "node-b", "node-c")::equals);
        for (FleetNode node : fleet.nodes()) {
            String log = Files.readString(node.home().resolve("data/log/plinth.log"));
            assertEquals(1, log.lines().filter(line -> line.contains("WARN") && line.contains("cannot be reached"))
                    .count(), node + " warns once however long the outage\n" + log);
            assertFalse(log.contains(fleet.password()), node.name());
        }
    }

    @Test
    @Order(3)
    void aNodeDownDuringARolloutConvergesAtItsNextStart() throws Exception {
        c.stop();
        fleet.awaitFleet(a, "node-c shown stale", fleet -> nodeOf(fleet, "node-c").getBoolean("stale"));

        publish(a, VERSIONED_TWO, 3, 4);
        JsonObject done = fleet.awaitFleet(a, "generation 4 done on the live nodes",
                generationIs(4, "done").and(f -> nodeOf(f, "node-a").getJsonNumber("applied").longValue() == 4
                        && nodeOf(f, "node-b").getJsonNumber("applied").longValue() == 4));
        assertEquals(3, nodeOf(done, "node-c").getJsonNumber("applied").longValue(), done.toString());
        FleetHarness.awaitPlugins(b, Map.of(VERSIONED, "2.0.0 enabled"));

        c.start();

        fleet.awaitFleet(a, "node-c converged on generation 4 after its start",
                fleet.everyNodeConvergedOn(4).and(f -> !nodeOf(f, "node-c").getBoolean("stale")));
        FleetHarness.awaitPlugins(c, Map.of(VERSIONED, "2.0.0 enabled", SLOW, "2.0.0 enabled"));
    }

    @Test
    @Order(4)
    void aCanaryThatDoesNotReportInTimeHaltsTheWaveAndARollbackBringsItBack() throws Exception {
        String slowOne = set(member(GREETER, "1.0.0"), member(SLOW, "1.0.0"), member(HELLO, "1.0.0"),
                member(VERSIONED, "2.0.0"));
        a.hold();
        try {
            RestRuntime.Response published = b.publish(publication(slowOne, "1", 3, false, 4), false);
            assertEquals(201, published.status(), published.toString());
            a.awaitHeld(FleetHarness.BOUND);

            JsonObject halted = fleet.awaitFleet(b, "generation 5 halted", generationIs(5, "halted"));

            String reason = FleetHarness.current(halted).orElseThrow().getString("reason");
            assertTrue(reason.contains("node-a") && reason.contains("3 s"), halted.toString());
            for (FleetNode other : List.of(b, c)) {
                assertEquals(4, nodeOf(halted, other.name()).getJsonNumber("target").longValue(), halted.toString());
                assertEquals("2.0.0 enabled", other.plugins().get(SLOW), other + " is unchanged");
            }
        } finally {
            a.release();
        }
        FleetHarness.awaitPlugins(a, Map.of(SLOW, "1.0.0 enabled"));

        RestRuntime.Response rolledBack = c.rollback(false);
        assertTrue(rolledBack.status() == 200 || rolledBack.status() == 201, rolledBack.toString());
        fleet.awaitFleet(c, "generation 6 (the rollback) done on every node",
                generationIs(6, "done").and(fleet.everyNodeConvergedOn(6)));
        FleetHarness.awaitPlugins(a, Map.of(SLOW, "2.0.0 enabled"));
    }

    @Test
    @Order(5)
    void aPublishThatNamesNoRolloutTakesTheNodesConfiguredOne() throws Exception {
        String set = set(member(GREETER, "1.0.0"), member(SLOW, "2.0.0"), member(HELLO, "1.0.0"));

        Plinth.Result shell = a.exec("fleet:publish -s " + fleet.setFile("no-rollout.json", set));
        RestRuntime.Response rest = b.publish("{\"plugins\": " + set + "}", true);

        assertEquals(0, shell.exit(), shell.toString());
        assertFalse(shell.out().contains("canary wave"), "this fleet's configuration says canaries 0\n" + shell);
        assertEquals(200, rest.status(), rest.toString());
        JsonObject generation = rest.object().getJsonObject("generation");
        assertEquals("[]", generation.getJsonArray("canaries").toString(), rest.toString());
        assertEquals("0", generation.getJsonObject("rollout").getString("canaries"), rest.toString());
    }

    @Test
    @Order(6)
    void aWrongConfigurationTakesTheNodeOutSayingWhyAndChangesNothingUntilItIsSetRight() throws Exception {
        Path file = c.home().resolve("etc/dev.plinth.fleet.cfg.json");
        String good = Files.readString(file);
        java.util.Map<String, String> running = c.plugins();
        Files.writeString(file, good.replace("\"group\": \"" + FleetHarness.GROUP + "\"", "\"group\": \"Web!\""));
        try {
            Plinth.Result status = Await.until("node-c out of the fleet", FleetHarness.BOUND,
                    () -> c.exec("fleet:status"), result -> result.exit() == 1);
            assertTrue(status.err().contains("not a node of a fleet"), status.toString());
            Path log = c.home().resolve("data/log/plinth.log");
            String errors = Await.until("the reason in node-c's log", FleetHarness.BOUND, () -> Files.readString(log),
                    text -> text.lines().anyMatch(l -> l.contains("ERROR") && l.contains("Web!")));
            assertTrue(errors.lines().anyMatch(l -> l.contains("ERROR") && l.contains("not a node of a fleet")
                    && l.contains("Web!")), errors);
            assertEquals(running, c.plugins(), "its plugins stay as they are");
        } finally {
            Files.writeString(file, good);
        }

        fleet.awaitFleet(c, "node-c back in the fleet", fleet.everyNodeConvergedOn(6)
                .and(f -> !nodeOf(f, "node-c").getBoolean("stale")));
    }

    /** Publishes {@code set} from {@code node} (canaries 0) and checks it became generation {@code expected}. */
    private static void publish(FleetNode node, String set, long basedOn, long expected) throws Exception {
        RestRuntime.Response published = node.publish(publication(set, "0", 60, false, basedOn), false);
        assertEquals(201, published.status(), published.toString());
        assertEquals(expected, published.object().getJsonObject("generation").getJsonNumber("number").longValue(),
                published.toString());
    }
}
