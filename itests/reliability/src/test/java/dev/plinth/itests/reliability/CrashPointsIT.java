package dev.plinth.itests.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

import dev.plinth.itests.blackbox.Plinth;

/**
 * Halts the runtime at every named fault point of every verb (and, after some, again while it recovers), restarts it
 * and checks that nothing was lost: the plugins are all as they were before the operation or all as they are after
 * it, the store and the framework agree (see {@link Invariants}), and the next operation works.
 */
class CrashPointsIT {

    private static final String NEXT = "plugin:install samples/dev.plinth.sample.greeter.fr.jar --enable";
    private static final String NEXT_ID = "dev.plinth.sample.greeter.fr";
    private static final String LIST = "plugin:list --all --json";
    /** No crash while recovering. */
    private static final String NONE = "";

    @TempDir
    static Path unpacked;

    private static Home home;
    private static final Map<CrashScenario, List<Set<String>>> REFERENCE = new EnumMap<>(CrashScenario.class);

    @BeforeAll
    static void unpack() throws Exception {
        home = Home.unpack(unpacked);
        CrashScenario.provide(home);
    }

    /**
     * Every scenario's points, then the points of the recovery at start, each after a crash in the middle of an
     * upgrade and after the commit of a removal, and the recovery's writing of the state whole after a disable
     * committed as a line of the changes file; the system properties {@code reliability.points} (a regex over a
     * point's name, or over the scenario and the point, "APPLY upgrade.intent") and {@code reliability.scenarios} (a
     * regex of scenario names) pick some.
     */
    static Stream<Arguments> points() {
        String wanted = System.getProperty("reliability.points", ".*");
        String scenarios = System.getProperty("reliability.scenarios", ".*");
        Stream<Arguments> operations = Stream.of(CrashScenario.values()).flatMap(scenario -> scenario.points()
                .stream().map(point -> Arguments.of(scenario, point, NONE)));
        Stream<Arguments> recoveries = Stream.concat(Stream.of("recover.reconciled", "recover.saved").flatMap(point ->
                Stream.of(Arguments.of(CrashScenario.UPGRADE, "upgrade.bundle-updated", point),
                        Arguments.of(CrashScenario.REMOVE, "remove.committed", point))),
                Stream.of(Arguments.of(CrashScenario.DISABLE, "disable.committed", "store.changes-written-whole")));
        return Stream.concat(operations, recoveries).filter(arguments -> {
            Object[] values = arguments.get();
            return ((CrashScenario) values[0]).name().matches(scenarios)
                    && (((String) values[1]).matches(wanted) || ((String) values[2]).matches(wanted)
                            || (values[0] + " " + values[1]).matches(wanted));
        });
    }

    @ParameterizedTest(name = "{0} halted at {1} {2}")
    @MethodSource("points")
    void aCrashAtTheStepLosesNothing(CrashScenario scenario, String point, String recoveryPoint) throws Exception {
        List<Set<String>> expected = beforeAndAfter(scenario);

        home.restoreData(scenario.name());
        Plinth.Result crashed = scenario.crash(home, point);
        assertEquals(Home.HALTED, crashed.exit(), "the runtime halted at " + point + "\n" + crashed);
        Figures.CRASH_POINTS.incrementAndGet();
        if (!recoveryPoint.equals(NONE)) {
            Plinth.Result recovering = home.batchHaltingAt(recoveryPoint, LIST);
            assertEquals(Home.HALTED, recovering.exit(), "the recovery halted at " + recoveryPoint + "\n"
                    + recovering);
            Figures.CRASH_POINTS.incrementAndGet();
        }

        String converging = scenario.converging();
        Plinth.Result restarted = converging == null ? home.batch(LIST, NEXT, "french:greet Ada", LIST)
                : home.batch(LIST, converging, LIST, NEXT, "french:greet Ada", LIST);
        assertEquals(0, restarted.exit(), "the restart after the crash, then the next operation\n" + restarted);
        List<Listing> listings = Listing.allIn(restarted.out());
        assertEquals(converging == null ? 2 : 3, listings.size(), "a listing before and after each operation\n"
                + restarted);
        Set<String> found = listings.get(0).summaries();
        List<Set<String>> possible = scenario.crashStates(expected);
        assertTrue(possible.contains(found), "after a crash at " + point + " every plugin is as before "
                + expected.get(0) + " or as after " + (possible.size() > 2 ? "each operation, " + possible.subList(1,
                        possible.size()) : expected.get(1)) + ", all of them; found " + found + "\n" + restarted);
        assertEquals(List.of(), CrashScenario.NEEDS.violations(listings.get(0)),
                "the libraries after the restart are those the plugins need\n" + restarted);
        if (converging != null) {
            assertEquals(expected.get(1), listings.get(1).summaries(),
                    "running " + converging + " again after the restart finishes the change\n" + restarted);
        }
        assertTrue(restarted.out().lines().anyMatch(line -> line.strip().equals("Bonjour, Ada !")),
                "the plugin installed after the crash works\n" + restarted);
        Listing last = listings.get(listings.size() - 1);
        assertEquals("enabled", last.rows().get(NEXT_ID).state(), restarted.toString());
        assertEquals(List.of(), Invariants.violations(last, StoreFiles.of(home)), restarted.toString());
        assertEquals(List.of(), CrashScenario.NEEDS.violations(last), restarted.toString());
    }

    /** The operator's view before and after the scenario's operation, from a run without faults. */
    private static List<Set<String>> beforeAndAfter(CrashScenario scenario) throws Exception {
        if (REFERENCE.containsKey(scenario)) {
            return REFERENCE.get(scenario);
        }
        List<Set<String>> reference;
        scenario.prepare(home);
        home.saveData(scenario.name());
        if (scenario == CrashScenario.DEPLOY) {
            reference = List.of(Set.of(), Set.of("dev.plinth.sample.hello 1.0.0 enabled plugin"));
        } else {
            Plinth.Result run = scenario.reference(home);
            List<Listing> listings = Listing.allIn(run.out());
            assertEquals(2, listings.size(), run.toString());
            reference = List.of(listings.get(0).summaries(), listings.get(1).summaries());
            for (Listing listing : listings) {
                assertEquals(List.of(), CrashScenario.NEEDS.violations(listing), scenario + " without a fault\n" + run);
            }
        }
        assertNotEquals(reference.get(0), reference.get(1), scenario + " changes something");
        if (scenario.stated() != null) {
            assertEquals(scenario.stated(), reference, scenario + " without a fault");
        }
        List<Set<String>> states = scenario.crashStates(reference);
        assertEquals(reference.get(1), states.get(states.size() - 1), scenario + ": its operations, one after another,"
                + " end where the whole run does");
        REFERENCE.put(scenario, reference);
        return reference;
    }
}
