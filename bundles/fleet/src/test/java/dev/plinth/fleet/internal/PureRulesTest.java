package dev.plinth.fleet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.plinth.api.catalog.Change;
import dev.plinth.api.catalog.Change.Action;
import dev.plinth.api.catalog.PluginSet;
import dev.plinth.api.fleet.Generation;
import dev.plinth.api.fleet.Generation.RolloutState;
import dev.plinth.api.fleet.Rollout;

/** The rules that need no database: targets, canaries, plans, health and drift, settings, the local record. */
class PureRulesTest {

    @TempDir
    Path dir;

    static Generation generation(long number, RolloutState state, List<String> canaries) {
        return new Generation("g", number, "t", null, 0, new Rollout("1", 120, false), state, null, canaries,
                new PluginSet(List.of()), Map.of(), null, null);
    }

    @Test
    void targets() {
        assertEquals(0, Targets.target(null, 0, "a", 0), "nothing published: nothing to do");
        assertEquals(5, Targets.target(generation(5, RolloutState.ROLLING, List.of()), 4, "a", 3));
        assertEquals(5, Targets.target(generation(5, RolloutState.DONE, List.of()), 4, "a", 3));
        assertEquals(5, Targets.target(generation(5, RolloutState.CANARY, List.of("a")), 4, "a", 4), "a canary");
        assertEquals(4, Targets.target(generation(5, RolloutState.CANARY, List.of("a")), 4, "b", 4), "b waits");
        assertEquals(0, Targets.target(generation(1, RolloutState.CANARY, List.of("a")), 0, "b", 0),
                "b waits with nothing good before");
        assertEquals(5, Targets.target(generation(5, RolloutState.HALTED, List.of("a")), 4, "a", 5),
                "a node that applied a halted generation keeps it");
        assertEquals(4, Targets.target(generation(5, RolloutState.HALTED, List.of("a")), 4, "b", 4));
        assertTrue(Targets.waiting(generation(5, RolloutState.CANARY, List.of("a")), 4));
        assertFalse(Targets.waiting(generation(5, RolloutState.ROLLING, List.of()), 5));
    }

    @Test
    void canaries() {
        List<String> live = List.of("c", "a", "b", "d", "e");
        assertEquals(List.of("a"), Canaries.pick("1", live));
        assertEquals(List.of("a", "b"), Canaries.pick("2", live));
        assertEquals(List.of("a", "b"), Canaries.pick("30%", live), "30% of 5 rounded up");
        assertEquals(List.of("a"), Canaries.pick("1%", live), "at least one");
        assertEquals(List.of(), Canaries.pick("0", live));
        assertEquals(List.of(), Canaries.pick("3", List.of()));
        assertEquals(live.stream().sorted().toList(), Canaries.pick("9", live));
        assertThrows(IllegalArgumentException.class, () -> Canaries.check("101%"));
        assertThrows(IllegalArgumentException.class, () -> Canaries.check("-1"));
        assertThrows(IllegalArgumentException.class, () -> Canaries.check("one"));
    }

    @Test
    void planDiffListsTheChangesInTheOrderAnApplyMakesThem() {
        PluginSet from = new PluginSet(List.of(new PluginSet.Member("a", "1.0.0", true, false),
                new PluginSet.Member("b", "1.0.0", true, true), new PluginSet.Member("c", "1.0.0", true, false)));
        PluginSet to = new PluginSet(List.of(new PluginSet.Member("a", "1.0", false, false),
                new PluginSet.Member("b", "2.0.0", true, false), new PluginSet.Member("d", "1.0.0", true, false,
                        Map.of("d.pid", Map.of("k", List.of("v"))), List.of())));

        assertEquals(List.of(new Change(Action.REMOVE, "c", "1.0.0", null),
                new Change(Action.DISABLE, "a", "1.0.0", "1.0"), new Change(Action.INSTALL, "d", null, "1.0.0"),
                new Change(Action.UPGRADE, "b", "1.0.0", "2.0.0"),
                new Change(Action.SETTINGS, "d", null, "1.0.0", "d.pid: k"),
                new Change(Action.ENABLE, "d", null, "1.0.0"), new Change(Action.UNPIN, "b", null, "2.0.0")),
                PlanDiff.changes(from, to));
        assertEquals(List.of(), PlanDiff.changes(to, to));
    }

    @Test
    void healthAndDrift() {
        Generation wanted = new Generation("g", 3, "t", null, 0, new Rollout("1", 120, false), RolloutState.ROLLING,
                null, List.of(), new PluginSet(List.of(new PluginSet.Member("a", "1.0.0", true, false),
                        new PluginSet.Member("b", "1.0.0", true, true), new PluginSet.Member("c", "1.0.0", false,
                                false))), Map.of("a", "aa", "b", "bb", "c", "cc"), null, null);
        FakeRuntime runtime = new FakeRuntime().offer("a", "1.0.0", "aa").offer("b", "1.0.0", "b0")
                .offer("c", "2.0.0", "cc").offer("x", "1.0.0", "xx").failStart("a", "1.0.0");
        runtime.set(new PluginSet.Member("a", "1.0.0", true, false));
        runtime.set(new PluginSet.Member("b", "1.0.0", true, false));
        runtime.set(new PluginSet.Member("c", "2.0.0", false, false));
        runtime.set(new PluginSet.Member("x", "1.0.0", true, false));

        Health health = Health.of(wanted, runtime.export(), runtime.plugins());

        assertEquals("a 1.0.0 is failed: activator of a threw IllegalStateException: boom, wanted enabled",
                health.health());
        assertEquals(List.of("b 1.0.0: unpinned, wanted pinned", "b 1.0.0: archive differs from the published SHA-256",
                "c 1.0.0: runs 2.0.0", "x 1.0.0: not in generation 3"), health.drift());
        assertFalse(health.clean());
    }

    @Test
    void settingsAreCheckedAndNeverShowThePassword() {
        FleetSettings settings = FleetSettings.of(config("jdbc:postgresql://db.example:6543/fleet?ssl=true", "",
                "10%"), "Host-1.Example");
        assertEquals("host-1.example", settings.node());
        assertEquals("default", settings.group());
        assertEquals("db.example:6543/fleet", settings.location());
        assertFalse(settings.toString().contains("s3cret"), settings.toString());
        assertEquals(new Rollout("10%", 120, false), settings.rollout());

        assertEquals("the fleet's url mysql://x is not of the form jdbc:postgresql://host[:port]/database",
                assertThrows(IllegalArgumentException.class, () -> FleetSettings.of(config("mysql://x", "", "1"),
                        "h")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FleetSettings.of(
                config("jdbc:postgresql://h/d", "Node A", "1"), "h")).getMessage().startsWith(
                        "the fleet's node Node A is not a name"));
        assertThrows(IllegalArgumentException.class, () -> FleetSettings.of(config("jdbc:postgresql://h/d", "", "x"),
                "h"));
    }

    @Test
    void theLocalRecordKeepsTheAppliedGenerationOfItsGroupAndNode() throws Exception {
        FleetFixture.Messages log = new FleetFixture.Messages();
        LocalRecord record = new LocalRecord(dir.resolve("fleet/node.json"));
        assertEquals(0, record.applied("g", "a", log));
        record.write("g", "a", 7);
        assertEquals(7, record.applied("g", "a", log));
        assertEquals(0, record.applied("other", "a", log));
        Files.writeString(record.file(), "{\"group\": \"g\", \"node\": \"a\", \"appl");
        assertEquals(0, record.applied("g", "a", log));
        assertEquals(1, log.warnings().size());
    }

    static FleetConfiguration config(String url, String node, String canaries) {
        return new FleetConfiguration() {
            @Override
            public Class<? extends java.lang.annotation.Annotation> annotationType() {
                return FleetConfiguration.class;
            }

            @Override
            public String url() {
                return url;
            }

            @Override
            public String user() {
                return "fleet";
            }

            @Override
            public String _password() {
                return "s3cret";
            }

            @Override
            public String group() {
                return "default";
            }

            @Override
            public String node() {
                return node;
            }

            @Override
            public int poll_seconds() {
                return 10;
            }

            @Override
            public int stale_seconds() {
                return 30;
            }

            @Override
            public String canaries() {
                return canaries;
            }

            @Override
            public int canary_seconds() {
                return 120;
            }

            @Override
            public boolean auto_rollback() {
                return false;
            }
        };
    }
}
