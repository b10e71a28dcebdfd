package dev.plinth.itests.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.plinth.itests.blackbox.Plinth;
import dev.plinth.itests.blackbox.TestCatalog;

/**
 * An operation to crash in, with the commands that prepare its home and the named fault points it passes.
 * The operator's view before and after it is taken from a run without faults.
 */
enum CrashScenario {

    INSTALL(List.of(), "plugin:install samples/dev.plinth.sample.greeter.en.jar --enable",
            "install.intent", "install.stored", "install.bundle-installed", "install.started",
            "install.before-commit", "install.committed", "install.finished", "install.executed",
            "write.intent.json.unrenamed", "write.state.json.unrenamed"),
    ENABLE(List.of("plugin:install samples/dev.plinth.sample.greeter.en.jar"),
            "plugin:enable dev.plinth.sample.greeter.en",
            "enable.intent", "enable.started", "enable.before-commit", "enable.committed", "enable.executed",
            "append.state.changes.jsonl.unforced", "append.history.jsonl.unforced", "write.intent.json.unrenamed"),
    FAILING_ENABLE(List.of("plugin:install samples/dev.plinth.sample.throwing.jar"),
            "plugin:enable dev.plinth.sample.throwing",
            "enable.undone"),
    DISABLE(List.of("plugin:install samples/dev.plinth.sample.greeter.en.jar --enable"),
            "plugin:disable dev.plinth.sample.greeter.en",
            "disable.intent", "disable.stopped", "disable.committed", "write.intent.json.unrenamed",
            "append.state.changes.jsonl.unforced"),
    UPGRADE(List.of("plugin:install samples/dev.plinth.sample.versioned-1.jar --enable"),
            "plugin:upgrade dev.plinth.sample.versioned samples/dev.plinth.sample.versioned-2.jar",
            "upgrade.intent", "upgrade.stopped", "upgrade.stored", "upgrade.bundle-updated", "upgrade.refreshed",
            "upgrade.started", "upgrade.before-commit", "upgrade.committed", "upgrade.executed"),
    ROLLBACK(List.of("plugin:install samples/dev.plinth.sample.versioned-1.jar --enable",
            "plugin:upgrade dev.plinth.sample.versioned samples/dev.plinth.sample.versioned-2.jar"),
            "plugin:rollback dev.plinth.sample.versioned",
            "rollback.intent", "rollback.stopped", "rollback.bundle-updated", "rollback.refreshed",
            "rollback.started", "rollback.committed"),
    REMOVE(List.of("plugin:install samples/dev.plinth.sample.greeter.en.jar --enable"),
            "plugin:remove dev.plinth.sample.greeter.en",
            "remove.intent", "remove.stopped", "remove.before-commit", "remove.committed", "remove.uninstalled",
            "remove.finished", "remove.executed"),
    /** A fragment installed after its running host: the host is stopped, refreshed to attach it, started. */
    FRAGMENT(List.of("plugin:install " + FragmentJars.HOST_JAR + " --enable"),
            "plugin:install " + FragmentJars.FRAGMENT_JAR + " --enable",
            "install.intent", "install.stopped", "install.stored", "install.bundle-installed", "install.host-refreshed",
            "install.started", "install.before-commit", "install.committed", "install.executed"),
    /** The removal of a fragment: its host is refreshed after the commit. */
    FRAGMENT_REMOVE(List.of("plugin:install " + FragmentJars.HOST_JAR + " --enable",
            "plugin:install " + FragmentJars.FRAGMENT_JAR),
            "plugin:remove " + FragmentJars.FRAGMENT_ID,
            "remove.intent", "remove.before-commit", "remove.committed", "remove.uninstalled", "remove.finished"),
    /** A jar dropped into {@code deploy/}: the deploy directory installs it as a batch. */
    DEPLOY(List.of(), null, "batch.intent", "batch.bundles-installed", "batch.before-commit", "batch.committed"),
    /**
     * An upgrade of a plugin that needs a library that needs another library (t.p needs t.l1, which needs t.l2,
     * from {@code libraries/}); the old version needed t.l3 as well, which the upgrade drops.
     */
    LIBRARY_CHAIN(List.of("plugin:install t/t.p-1.0.0.jar --enable"), "plugin:upgrade t.p t/t.p-2.0.0.jar",
            "upgrade.intent", "upgrade.bundle-updated", "upgrade.refreshed", "upgrade.before-commit",
            "upgrade.committed", "upgrade.uninstalled", "upgrade.executed"),
    /** An update from the catalogue whose new version needs t.lib 2.x while t.lib 1.0 is installed: it replaces it. */
    LIBRARY_REPLACED(List.of("plugin:install --enable t.app@1.0.0"), "plugin:update t.app",
            "upgrade.intent", "upgrade.bundle-updated", "upgrade.refreshed", "upgrade.before-commit",
            "upgrade.committed"),
    /**
     * A plugin set applied from the catalogue: removes t.gone (and its libraries t.l1 and t.l2), disables t.off,
     * installs t.new, moves t.pa and t.pb (which must move together) to 2.0.0, enables t.new. Each of these is one
     * manager operation; a crash may fall between them.
     */
    APPLY(List.of("plugin:install --enable t.gone@1.0.0", "plugin:install --enable t.off@1.0.0",
            "plugin:install --enable t.pb@1.0.0", "plugin:install --enable t.pa@1.0.0"), "plugin:apply t/set.json",
            "remove.committed", "remove.uninstalled", "disable.committed", "batch.intent", "batch.committed",
            "upgrade.intent", "upgrade.bundle-updated", "upgrade.refreshed", "upgrade.before-commit",
            "upgrade.committed", "enable.committed");

    static final String DEPLOYED_JAR = "dev.plinth.sample.hello.jar";

    /** What the bundles of the scenarios need, by their manifests. */
    static final LibraryGraph NEEDS = new LibraryGraph()
            .needs("dev.plinth.sample.greeter.en", "dev.plinth.sample.greeting")
            .needs("dev.plinth.sample.greeter.fr", "dev.plinth.sample.greeting")
            .needs("t.p", "t.l1").needs("t.p 1.0.0", "t.l1", "t.l3").needs("t.l1", "t.l2")
            .needs("t.app", "t.lib").needs("t.gone", "t.l1");

    /** The operations of {@link #APPLY}, in order: the managed bundles each one changes (null: removed). */
    private static final List<Map<String, String>> APPLIED = List.of(
            mapOf("t.gone", null, "t.l1", null, "t.l2", null),
            mapOf("t.off", "t.off 1.0.0 installed plugin"),
            mapOf("t.new", "t.new 1.0.0 installed plugin"),
            mapOf("t.pa", "t.pa 2.0.0 enabled plugin", "t.pb", "t.pb 2.0.0 enabled plugin"),
            mapOf("t.new", "t.new 1.0.0 enabled plugin"));

    private final List<String> setup;
    private final String command;
    private final List<String> points;

    CrashScenario(List<String> setup, String command, String... points) {
        this.setup = setup;
        this.command = command;
        this.points = List.of(points);
    }

    List<String> setup() {
        return setup;
    }

    List<String> points() {
        return points;
    }

    /**
     * What the operator sees before and after the operation, when the scenario states it (a fault-free run must
     * give exactly this); null for the scenarios that take it from that run only.
     */
    List<Set<String>> stated() {
        return switch (this) {
            case LIBRARY_CHAIN -> List.of(
                    Set.of("t.p 1.0.0 enabled plugin", "t.l1 1.0.0 enabled library", "t.l2 1.0.0 enabled library",
                            "t.l3 1.0.0 enabled library"),
                    Set.of("t.p 2.0.0 enabled plugin", "t.l1 1.0.0 enabled library", "t.l2 1.0.0 enabled library"));
            case LIBRARY_REPLACED -> List.of(Set.of("t.app 1.0.0 enabled plugin", "t.lib 1.0.0 enabled library"),
                    Set.of("t.app 1.1.0 enabled plugin", "t.lib 2.0.0 enabled library"));
            case APPLY -> List.of(
                    Set.of("t.gone 1.0.0 enabled plugin", "t.l1 1.0.0 enabled library", "t.l2 1.0.0 enabled library",
                            "t.off 1.0.0 enabled plugin", "t.pa 1.0.0 enabled plugin", "t.pb 1.0.0 enabled plugin"),
                    Set.of("t.off 1.0.0 installed plugin", "t.new 1.0.0 enabled plugin", "t.pa 2.0.0 enabled plugin",
                            "t.pb 2.0.0 enabled plugin"));
            default -> null;
        };
    }

    /**
     * The states a crash in the operation may leave, from the fault-free {@code beforeAndAfter}: before or after for
     * one operation; for a plugin set's apply, several operations in a row, the state after each of them (each
     * operation all or nothing, in order).
     */
    List<Set<String>> crashStates(List<Set<String>> beforeAndAfter) {
        if (this != APPLY) {
            return beforeAndAfter;
        }
        List<Set<String>> states = new ArrayList<>();
        Map<String, String> state = new TreeMap<>();
        beforeAndAfter.get(0).forEach(summary -> state.put(summary.split(" ")[0], summary));
        states.add(new TreeSet<>(state.values()));
        for (Map<String, String> operation : APPLIED) {
            operation.forEach((id, summary) -> {
                if (summary == null) {
                    state.remove(id);
                } else {
                    state.put(id, summary);
                }
            });
            states.add(new TreeSet<>(state.values()));
        }
        return states;
    }

    /** The command that, run again after the restart, must bring the rest of the change; null when none is. */
    String converging() {
        return this == APPLY ? command : null;
    }

    /**
     * Writes what the scenarios beyond the samples use: libraries of libraries into {@code libraries/}, the plugin
     * that needs them into {@code t/}, a catalogue {@code t/catalog} (added after the home's own) and the plugin set
     * {@code t/set.json}.
     */
    static void provide(Home home) throws IOException {
        Path libraries = home.path().resolve("libraries");
        LibraryBundles.write(libraries, "t.l1", "1.0.0", "t.l2 1.0.0 2.0.0");
        LibraryBundles.write(libraries, "t.l2", "1.0.0");
        LibraryBundles.write(libraries, "t.l3", "1.0.0");
        Path t = home.path().resolve("t");
        LibraryBundles.write(t, "t.p", "1.0.0", "t.l1 1.0.0 2.0.0", "t.l3 1.0.0 2.0.0");
        LibraryBundles.write(t, "t.p", "2.0.0", "t.l1 1.0.0 2.0.0");
        TestCatalog catalog = new TestCatalog(t.resolve("catalog"));
        catalog.bundle("t.lib", "1.0.0").exports("t.lib", "1.0.0");
        catalog.bundle("t.lib", "2.0.0").exports("t.lib", "2.0.0");
        catalog.bundle("t.app", "1.0.0").imports("t.lib", "1.0.0", "2.0.0");
        catalog.bundle("t.app", "1.1.0").imports("t.lib", "2.0.0", "3.0.0");
        catalog.bundle("t.pb", "1.0.0").exports("t.pb", "1.0.0");
        catalog.bundle("t.pb", "2.0.0").exports("t.pb", "2.0.0");
        catalog.bundle("t.pa", "1.0.0").imports("t.pb", "1.0.0", "2.0.0");
        catalog.bundle("t.pa", "2.0.0").imports("t.pb", "2.0.0", "3.0.0");
        catalog.bundle("t.gone", "1.0.0").imports("t.l1", "1.0.0", "2.0.0");
        catalog.bundle("t.off", "1.0.0");
        catalog.bundle("t.new", "1.0.0");
        catalog.write();
        Files.writeString(home.path().resolve("etc/dev.plinth.catalog.cfg.json"),
                "{\"catalogs\": [\"catalog\", \"t/catalog\"]}\n");
        Files.writeString(t.resolve("set.json"), """
                {
                    "format": "plinth-plugin-set/1",
                    "plugins": [
                        {"id": "t.off", "version": "1.0.0", "enabled": false},
                        {"id": "t.new", "version": "1.0.0"},
                        {"id": "t.pa", "version": "2.0.0"},
                        {"id": "t.pb", "version": "2.0.0"}
                    ]
                }
                """);
    }

    private static Map<String, String> mapOf(String... idsAndSummaries) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < idsAndSummaries.length; i += 2) {
            map.put(idsAndSummaries[i], idsAndSummaries[i + 1]);
        }
        return map;
    }

    /** Runs the setup on a wiped home; fails when a step of it fails. */
    void prepare(Home home) throws IOException, InterruptedException {
        home.wipeData();
        FragmentJars.writeTo(home.path());
        if (!setup.isEmpty()) {
            Plinth.Result result = home.batch(setup.toArray(String[]::new));
            if (result.exit() != 0) {
                throw new AssertionError("setting up " + this + " failed\n" + result);
            }
        }
    }

    /** The command without faults, between two listings: the operator's view before and after. */
    Plinth.Result reference(Home home) throws IOException, InterruptedException {
        if (command == null) {
            throw new IllegalStateException(this + " has no shell command");
        }
        return home.batch("plugin:list --all --json", command, "plugin:list --all --json");
    }

    /** Runs the operation with {@code point} armed; returns how the runtime ended. */
    Plinth.Result crash(Home home, String point) throws IOException, InterruptedException {
        if (command != null) {
            return home.batchHaltingAt(point, command);
        }
        Files.copy(home.path().resolve("samples").resolve(DEPLOYED_JAR),
                home.path().resolve("deploy").resolve(DEPLOYED_JAR));
        Plinth.Running daemon = new Plinth(home.path()).env("PLINTH_OPTS", "-Dplinth.fault=" + point)
                .start("daemon");
        return daemon.await(Plinth.BOUND);
    }
}
