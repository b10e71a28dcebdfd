package dev.plinth.itests.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import dev.plinth.itests.blackbox.Plinth;

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
            "store.previous-kept", "write.state.previous.json.unrenamed"),
    FAILING_ENABLE(List.of("plugin:install samples/dev.plinth.sample.throwing.jar"),
            "plugin:enable dev.plinth.sample.throwing",
            "enable.undone"),
    DISABLE(List.of("plugin:install samples/dev.plinth.sample.greeter.en.jar --enable"),
            "plugin:disable dev.plinth.sample.greeter.en",
            "disable.intent", "disable.stopped", "disable.committed"),
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
    DEPLOY(List.of(), null, "batch.intent", "batch.bundles-installed", "batch.before-commit", "batch.committed");

    static final String DEPLOYED_JAR = "dev.plinth.sample.hello.jar";

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
