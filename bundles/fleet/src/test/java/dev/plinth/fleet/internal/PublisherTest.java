package dev.plinth.fleet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.plinth.api.PluginException;
import dev.plinth.api.catalog.Change;
import dev.plinth.api.catalog.Change.Action;
import dev.plinth.api.fleet.Generation;
import dev.plinth.api.fleet.Generation.RolloutState;
import dev.plinth.api.fleet.Publication;
import dev.plinth.api.fleet.Rollout;

class PublisherTest extends FleetTestBase {

    @Test
    void aVersionNoCatalogueOffersIsRefusedByNameAndNothingIsPublished() throws Exception {
        join("node-a");
        PluginException e = assertThrows(PluginException.class, () -> fleet().publish(set(on("a", "1.0.0"),
                on("a2", "1.0.0"), on("b", "9.9.9")), canaries("0"), 0, "test", false));

        assertEquals(PluginException.Code.INVALID_INPUT, e.code());
        assertEquals("no catalogue of this runtime offers a2 1.0.0, b 9.9.9: nothing was published", e.getMessage());
        assertEquals(List.of(), fleet().history(10));
    }

    @Test
    void aPublishBasedOnAnOlderGenerationIsRefusedNamingWhatWasPublishedSince() throws Exception {
        fleet().publish(set(on("a", "1.0.0")), canaries("0"), 0, "alice@node-a", false);
        fleet().publish(set(on("a", "2.0.0")), canaries("0"), 1, "bob@node-b", false);

        PluginException e = assertThrows(PluginException.class,
                () -> fleet().publish(set(on("b", "1.0.0")), canaries("0"), 1, "carol", false));

        assertEquals(PluginException.Code.STALE_GENERATION, e.code());
        assertTrue(e.getMessage().startsWith("generation 2 was published by bob@node-b at "), e.getMessage());
        assertTrue(e.getMessage().endsWith(" while this publish was based on 1; review it and publish again"),
                e.getMessage());
        assertEquals(2, fleet().history(10).size());
        assertEquals(PluginException.Code.INVALID_INPUT, assertThrows(PluginException.class,
                () -> fleet().publish(set(), canaries("0"), 7, "carol", false)).code());
    }

    @Test
    void ofTwoPublishesAtOnceThePrimaryKeyRefusesTheLater() throws Exception {
        fleet().publish(set(on("a", "1.0.0")), canaries("0"), 0, "first", false);
        try (Connection other = DriverManager.getConnection(fixture.pg.jdbcUrl(FleetFixture.DATABASE),
                FleetFixture.USER, FleetFixture.PASSWORD)) {
            other.setAutoCommit(false);
            Generation two = new Generation(group, 2, "other@node-b", null, 0, canaries("0"), RolloutState.ROLLING,
                    null, List.of(), set(on("a", "2.0.0")), java.util.Map.of("a", "aa02"), null, null);
            Generations.insert(other, two);

            CompletableFuture<Publication> racing = CompletableFuture.supplyAsync(() -> {
                try {
                    return fleet().publish(set(on("b", "1.0.0")), canaries("0"), 1, "racer", false);
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            assertTrue(await(() -> waitsForALock(), Duration.ofSeconds(20)), "the racing insert waits for the key");
            other.commit();

            Throwable failure = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> racing.get(20, TimeUnit.SECONDS)).getCause();
            PluginException e = (PluginException) failure;
            assertEquals(PluginException.Code.STALE_GENERATION, e.code());
            assertTrue(e.getMessage().startsWith("generation 2 was published by other@node-b at "), e.getMessage());
        }
        assertEquals(List.of(2L, 1L), fleet().history(10).stream().map(Generation::number).toList());
        assertEquals("other@node-b", generation(2).publishedBy());
    }

    @Test
    void aPublishWithoutABaseIsBasedOnTheGenerationCurrentWhenItStarts() throws Exception {
        fleet().publish(set(on("a", "1.0.0")), canaries("0"), 0, "first", false);
        CountDownLatch based = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FleetService slow = fleet(new GatedRuntime(catalogue(), () -> {
            based.countDown();
            assertTrue(release.await(20, TimeUnit.SECONDS));
        }));
        CompletableFuture<Publication> later = CompletableFuture.supplyAsync(() -> {
            try {
                return slow.publish(set(on("b", "1.0.0")), canaries("0"), 0, "slow", false);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        assertTrue(based.await(20, TimeUnit.SECONDS), "the slow publish looks up its archives");

        Publication quick = fleet().publish(set(on("a", "2.0.0")), canaries("0"), 0, "quick", false);
        release.countDown();

        assertEquals(2, quick.generation().number());
        PluginException e = (PluginException) assertThrows(java.util.concurrent.ExecutionException.class,
                () -> later.get(20, TimeUnit.SECONDS)).getCause();
        assertEquals(PluginException.Code.STALE_GENERATION, e.code());
        assertTrue(e.getMessage().startsWith("generation 2 was published by quick at "), e.getMessage());
        assertTrue(e.getMessage().endsWith(" while this publish was based on 1; review it and publish again"),
                e.getMessage());
        assertEquals(List.of(2L, 1L), fleet().history(10).stream().map(Generation::number).toList());
    }

    @Test
    void ofEightPublishesAtOnceWithoutABaseOneIsWrittenAndTheOthersAreRefused() throws Exception {
        fleet().publish(set(on("a", "1.0.0")), canaries("0"), 0, "first", false);
        int publishers = 8;
        CyclicBarrier together = new CyclicBarrier(publishers);
        List<CompletableFuture<Publication>> publishes = new java.util.ArrayList<>();
        for (int i = 0; i < publishers; i++) {
            FleetService one = fleet(new GatedRuntime(catalogue(), () -> together.await(20, TimeUnit.SECONDS)));
            String by = "publisher-" + i;
            publishes.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return one.publish(set(on("a", "2.0.0")), canaries("0"), 0, by, false);
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }, java.util.concurrent.Executors.newSingleThreadExecutor()));
        }

        int written = 0;
        for (CompletableFuture<Publication> publish : publishes) {
            try {
                Publication p = publish.get(30, TimeUnit.SECONDS);
                assertEquals(1, p.basedOn());
                written++;
            } catch (java.util.concurrent.ExecutionException e) {
                assertEquals(PluginException.Code.STALE_GENERATION, ((PluginException) e.getCause()).code(),
                        String.valueOf(e.getCause()));
            }
        }

        assertEquals(1, written, "one publish is written, the others were based on generation 1 too");
        assertEquals(List.of(2L, 1L), fleet().history(10).stream().map(Generation::number).toList());
    }

    private static boolean waitsForALock() {
        try (Connection c = fixture.superuser("postgres");
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE datname = ? "
                        + "AND wait_event_type = 'Lock'")) {
            s.setString(1, FleetFixture.DATABASE);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getInt(1) > 0;
            }
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    @Test
    void aDryRunGivesEachNodesPlanFromWhatItLastReportedAndWritesNothing() throws Exception {
        List<FleetFixture.Node> n = join("node-a", "node-b", "node-c");
        fleet().publish(set(on("a", "1.0.0")), canaries("0"), 0, "test", false);
        n.get(0).agent().step();
        n.get(1).agent().step();

        Publication dryRun = fleet().publish(set(on("a", "2.0.0"), on("b", "1.0.0")), canaries("1"), 0, "test",
                true);

        assertTrue(dryRun.simulated());
        assertEquals(1, dryRun.basedOn());
        assertEquals(2, dryRun.generation().number());
        assertEquals(List.of("node-a"), dryRun.generation().canaries());
        assertEquals(List.of("node-a", "node-b", "node-c"),
                dryRun.plans().stream().map(Publication.NodePlan::node).toList());
        assertEquals(List.of("canary", "rest", "rest"),
                dryRun.plans().stream().map(Publication.NodePlan::wave).toList());
        assertEquals(List.of(new Change(Action.INSTALL, "b", null, "1.0.0"), new Change(Action.UPGRADE, "a", "1.0.0",
                "2.0.0"), new Change(Action.ENABLE, "b", null, "1.0.0")), dryRun.plans().get(0).changes());
        assertEquals(List.of(new Change(Action.INSTALL, "a", null, "2.0.0"), new Change(Action.INSTALL, "b", null,
                "1.0.0"), new Change(Action.ENABLE, "a", null, "2.0.0"), new Change(Action.ENABLE, "b", null, "1.0.0")),
                dryRun.plans().get(2).changes(), "node-c has not taken generation 1 yet: its last report says so");
        assertFalse(dryRun.plans().get(0).stale());
        assertEquals(1, fleet().history(10).size(), "a dry run writes nothing");
        assertEquals(RolloutState.ROLLING, generation(1).state());
    }

    @Test
    void aStaleNodeIsNoCanaryAndItsPlanSaysItIsStale() throws Exception {
        join("node-a", "node-b");
        fixture.execute("UPDATE plinth_fleet.node SET last_seen = now() - interval '1 hour' WHERE grp = '" + group
                + "' AND name = 'node-a'");

        Publication dryRun = fleet().publish(set(on("a", "1.0.0")), canaries("50%"), 0, "test", true);

        assertEquals(List.of("node-b"), dryRun.generation().canaries());
        assertTrue(dryRun.plans().get(0).stale());
        assertTrue(node("node-a").stale());
        assertFalse(node("node-b").stale());
    }

    @Test
    void aBadRolloutIsRefused() throws Exception {
        assertEquals(PluginException.Code.INVALID_INPUT, assertThrows(PluginException.class,
                () -> fleet().publish(set(), new Rollout("many", 120, false), 0, "test", true)).code());
        assertEquals(PluginException.Code.INVALID_INPUT, assertThrows(PluginException.class,
                () -> fleet().publish(set(), new Rollout("1", 0, false), 0, "test", true)).code());
        assertEquals(PluginException.Code.INVALID_INPUT, assertThrows(PluginException.class,
                () -> fleet().history(0)).code());
        PluginException twice = assertThrows(PluginException.class,
                () -> fleet().publish(set(on("a", "1.0.0"), on("a", "2.0.0")), canaries("0"), 0, "test", false));
        assertEquals("the plugin set lists a more than once: nothing was published", twice.getMessage());
        assertEquals(List.of(), fleet().history(10));
    }

    @Test
    void historyIsNewestFirstWithItsSetsAndOneGenerationCanBeRead() throws Exception {
        fleet().publish(set(on("a", "1.0.0")), canaries("0"), 0, "alice", false);
        fleet().publish(set(on("a", "2.0.0")), null, 0, "bob", false);

        List<Generation> history = fleet().history(10);
        assertEquals(List.of(2L, 1L), history.stream().map(Generation::number).toList());
        assertEquals(set(on("a", "2.0.0")), history.get(0).plugins());
        assertEquals("bob", history.get(0).publishedBy());
        assertEquals(new Rollout("1", 120, false), history.get(0).rollout(), "the configured defaults");
        assertEquals(1, fleet().history(1).size());
        assertEquals(set(on("a", "1.0.0")), fleet().generation(1).orElseThrow().plugins());
        assertTrue(fleet().generation(3).isEmpty());
    }

    @Test
    void theSchemaIsCreatedOnceWhenNodesStartTogether() throws Exception {
        List<CompletableFuture<Void>> starts = new java.util.ArrayList<>();
        FleetDatabase database = fixture.database(fixture.settings(group, "x"));
        for (int i = 0; i < 4; i++) {
            starts.add(CompletableFuture.runAsync(() -> {
                try (Connection c = database.connect()) {
                    Schema.ensure(c);
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }));
        }
        CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        try (Connection c = fixture.superuser(FleetFixture.DATABASE); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT string_agg(table_name, ',' ORDER BY table_name) FROM "
                        + "information_schema.tables WHERE table_schema = 'plinth_fleet'")) {
            r.next();
            assertEquals("generation,node,report", r.getString(1));
        }
    }

    @Test
    void theLastGoodGenerationIsOneThatReachedEveryNodeWithoutHalting() throws Exception {
        join("node-a", "node-b");
        fleet().publish(set(on("a", "1.0.0")), canaries("0"), 0, "test", false);
        fleet().publish(set(on("a", "2.0.0")), canaries("0"), 0, "test", false);
        fleet().publish(set(on("b", "1.0.0")), canaries("1"), 0, "test", false);
        fleet().publish(set(on("b", "2.0.0")), canaries("1"), 0, "test", false);

        assertEquals(List.of(RolloutState.CANARY, RolloutState.SUPERSEDED, RolloutState.SUPERSEDED,
                RolloutState.SUPERSEDED), fleet().history(10).stream().map(Generation::state).toList());
        try (Connection c = fixture.database(fixture.settings(group, "x")).connect()) {
            assertEquals(2, Generations.lastGood(c, group, 4).orElseThrow().number(),
                    "3 was superseded in its canary wave; 2 had rolled to every node");
            assertTrue(Generations.lastGood(c, group, 1).isEmpty());
        }
        assertEquals(2, fleet().rollback("ops", true).plans().size());
        assertEquals(set(on("a", "2.0.0")), fleet().rollback("ops", true).generation().plugins());
    }

    @Test
    void aRollbackBasedOnAGenerationThatIsNoLongerCurrentIsRefusedAndWritesNothing() throws Exception {
        join("node-a");
        fleet().publish(set(on("a", "1.0.0")), canaries("0"), 0, "test", false);
        fleet().publish(set(on("a", "2.0.0")), canaries("0"), 0, "test", false);

        assertEquals(3, fleet().rollback(2, "first", false).generation().number());
        PluginException second = assertThrows(PluginException.class, () -> fleet().rollback(2, "second", false));

        assertEquals(PluginException.Code.STALE_GENERATION, second.code());
        assertTrue(second.getMessage().startsWith("the current generation of group " + group + " is 3 (by first at "),
                second.getMessage());
        assertEquals(3, fleet().history(10).size(), "the second rollback wrote nothing");
        assertEquals(PluginException.Code.INVALID_INPUT,
                assertThrows(PluginException.class, () -> fleet().rollback(-1, "x", true)).code());
    }

    @Test
    void aWrongPasswordIsUnavailableAndNotShown() throws Exception {
        FleetSettings wrong = new FleetSettings(fixture.pg.jdbcUrl(FleetFixture.DATABASE), FleetFixture.USER,
                "wrong-password-4711", group, "x", Duration.ofSeconds(10), Duration.ofSeconds(30), canaries("1"));
        FleetService fleet = new FleetService(fixture.database(wrong), catalogue(), wrong);

        PluginException e = assertThrows(PluginException.class, fleet::status);

        assertEquals(PluginException.Code.FLEET_UNAVAILABLE, e.code());
        assertTrue(e.getMessage().contains("password authentication failed for user \"fleet\""), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-password-4711"), e.getMessage());
        assertFalse(wrong.toString().contains("wrong-password-4711"));
    }

    @Test
    void theServiceWorksBeforeAnyNodeHasCreatedTheSchema() throws Exception {
        fixture.execute("DROP SCHEMA IF EXISTS plinth_fleet CASCADE");

        assertEquals(List.of(), fleet().history(5));
        assertEquals(null, fleet().status().current());
    }

    @Test
    void aRoleThatOwnsOnlyTheSchemaIsEnough() throws Exception {
        try (Connection c = fixture.superuser("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE schema_owner LOGIN PASSWORD 'owner-pw'");
            s.execute("CREATE DATABASE shared");
        }
        try (Connection c = fixture.superuser("shared"); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA plinth_fleet AUTHORIZATION schema_owner");
        }
        FleetSettings settings = new FleetSettings(fixture.pg.jdbcUrl("shared"), "schema_owner", "owner-pw", group,
                "x", Duration.ofSeconds(10), Duration.ofSeconds(30), canaries("0"));
        FleetService fleet = new FleetService(fixture.database(settings), catalogue(), settings);

        fleet.publish(set(on("a", "1.0.0")), canaries("0"), 0, "test", false);

        assertEquals(1, fleet.history(5).size());
    }
}
