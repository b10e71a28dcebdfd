package dev.plinth.itests.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.plinth.itests.blackbox.Plinth;
import dev.plinth.itests.blackbox.RestRuntime;
import dev.plinth.itests.blackbox.TestCatalog;

/**
 * The shell, the REST API and the deploy directory acting at once with random verbs (from a fixed seed) on the same
 * and on different plugins, independent ones, one that brings a library, one that brings a library that needs another
 * library, one that needs that other library only, and a fragment of a plugin that runs throughout, while the shell
 * now and then applies a random plugin set (from a catalogue that offers these plugins) and at the end two sets that
 * change every version together: no call goes unanswered, none fails
 * inside the runtime, a reader polling the plugins never sees half-applied state ({@link Listing#halfApplied()}),
 * and in the end the plugins are exactly those the accepted operations imply ({@link HistoryModel}), the libraries
 * exactly those these plugins need, directly or through libraries ({@link LibraryGraph}), with the store
 * and the framework in agreement. {@code -Dreliability.operations=N} sets the number of operations (the
 * reliability-heavy profile raises it).
 */
class ConcurrentOperatorsIT {

    private static final int OPERATIONS = Integer.getInteger("reliability.operations", 4000);
    private static final long SEED = Long.getLong("reliability.seed", 20261129L);
    private static final Duration CALL_BOUND = Duration.ofSeconds(30);
    private static final Duration RUN_BOUND = Duration.ofMinutes(30);
    private static final String PREFIX = "org.example.concurrent.";
    /** The sample that needs a library: its install adds the library, its removal drops it. */
    private static final String GREETER = "dev.plinth.sample.greeter.en";
    /** Needs library l1, which needs library l2 (both in {@code libraries/}). */
    private static final String CHAINED = PREFIX + "c0";
    /** Needs library l2 only: l2 stays while it does, although c0 and l1 are gone. */
    private static final String SHARING = PREFIX + "c1";
    /** What the plugins of this test need, by their manifests. */
    private static final LibraryGraph NEEDS = new LibraryGraph().needs(GREETER, "dev.plinth.sample.greeting")
            .needs(CHAINED, PREFIX + "l1").needs(PREFIX + "l1", PREFIX + "l2").needs(SHARING, PREFIX + "l2");
    /** Installed and enabled before the operators start, kept by every plugin set: the host of {@link #FRAGMENT}. */
    private static final String HOST = PREFIX + "h0";
    /** A fragment of {@link #HOST}: attached (enabled) while installed, its disable refused. */
    private static final String FRAGMENT = PREFIX + "f0";
    /** Acted on by the shell and REST. */
    private static final List<String> SHARED = List.of(PREFIX + "p0", PREFIX + "p1", PREFIX + "p2", PREFIX + "p3",
            GREETER, CHAINED, SHARING, FRAGMENT);
    /** Acted on by the deploy directory: two of its own and one that the shell and REST act on too. */
    private static final List<String> DEPLOYED = List.of(PREFIX + "d0", PREFIX + "d1", PREFIX + "p0");
    private static final int REST_OPERATORS = 2;
    private static final int DEPLOY_EVERY = 10;
    /** One shell operation in so many applies a random plugin set. */
    private static final int APPLY_EVERY = 25;

    @TempDir
    static Path unpacked;

    @TempDir
    static Path jars;

    private final AtomicInteger budget = new AtomicInteger(OPERATIONS);
    private final AtomicInteger operations = new AtomicInteger();
    private final AtomicLong slowestNanos = new AtomicLong();
    private final List<String> internalErrors = new CopyOnWriteArrayList<>();
    private final List<String> halfApplied = new CopyOnWriteArrayList<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final Map<String, Boolean> deployLocks = new ConcurrentHashMap<>();
    private final AtomicInteger applies = new AtomicInteger();

    @Test
    void shellRestAndDeployDirectoryAtOnceLoseNothing() throws Exception {
        Home home = Home.unpack(unpacked);
        Files.writeString(home.path().resolve("etc/dev.plinth.manager.cfg"), "history.size = 10000000\n");
        Files.writeString(home.path().resolve("etc/dev.plinth.rest.cfg.json"),
                RestRuntime.configuration(16L << 20));
        Path libraries = home.path().resolve("libraries");
        LibraryBundles.write(libraries, PREFIX + "l1", "1.0.0", PREFIX + "l2 1.0.0 2.0.0");
        LibraryBundles.write(libraries, PREFIX + "l2", "1.0.0");
        TestCatalog catalog = new TestCatalog(jars.resolve("catalog"));
        for (int major = 1; major <= 2; major++) {
            String version = major + ".0.0";
            for (String id : List.of(PREFIX + "p0", PREFIX + "p1", PREFIX + "p2", PREFIX + "p3", PREFIX + "d0",
                    PREFIX + "d1")) {
                catalog.bundle(id, version);
            }
            catalog.bundle(CHAINED, version).imports(PREFIX + "l1", "1.0.0", "2.0.0");
            catalog.bundle(SHARING, version).imports(PREFIX + "l2", "1.0.0", "2.0.0");
            catalog.bundle(FRAGMENT, version).fragmentOf(HOST);
        }
        catalog.bundle(HOST, "1.0.0");
        catalog.write();
        Files.writeString(home.path().resolve("etc/dev.plinth.catalog.cfg.json"),
                "{\"catalogs\": [\"catalog\", \"" + catalog.folder().toUri() + "\"]}\n");
        try (var files = Files.list(catalog.folder())) {
            for (Path file : files.filter(file -> file.toString().endsWith(".0.0.jar")).toList()) {
                String name = file.getFileName().toString();
                Files.copy(file, jars.resolve(name.substring(0, name.length() - ".0.0.jar".length()) + ".jar"));
            }
        }
        for (int major = 1; major <= 2; major++) {
            Files.copy(home.path().resolve("samples").resolve(GREETER + ".jar"), jar(GREETER, major));
        }

        RestRuntime runtime = RestRuntime.start(new Plinth(home.path()), RestRuntime.freePort(), "batch");
        try {
            ShellOperator shell = new ShellOperator(runtime.process());
            shell.run("plugin:install " + jar(HOST, 1), CALL_BOUND);
            shell.run("plugin:enable " + HOST, CALL_BOUND);
            AtomicBoolean done = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(REST_OPERATORS + 2);
            Future<?> reader = pool.submit(() -> read(runtime, done));
            List<Future<?>> operators = new ArrayList<>();
            for (int i = 0; i < REST_OPERATORS; i++) {
                Random random = new Random(SEED + i);
                operators.add(pool.submit(() -> operate(() -> rest(runtime, home, random))));
            }
            Random shellRandom = new Random(SEED - 1);
            operators.add(pool.submit(() -> operate(() -> shell(shell, shellRandom))));
            for (Future<?> operator : operators) {
                operator.get(RUN_BOUND.toMinutes(), TimeUnit.MINUTES);
            }
            shell.run("plugin:apply " + everyVersion(1), CALL_BOUND);
            shell.run("plugin:apply " + everyVersion(2), CALL_BOUND);
            done.set(true);
            reader.get(CALL_BOUND.toSeconds(), TimeUnit.SECONDS);
            pool.shutdown();
            runtime.process().closeInput();
            runtime.process().await(Plinth.BOUND);
        } finally {
            runtime.process().kill();
        }
        Figures.OPERATIONS.addAndGet(operations.get());

        Plinth.Result restarted = home.batch("plugin:list --all --json");
        assertEquals(0, restarted.exit(), restarted.toString());
        Listing listing = Listing.allIn(restarted.out()).get(0);
        HistoryModel model = HistoryModel.replay(home.data("manager/history.jsonl"), "deploy", Set.of(FRAGMENT));
        Figures.ACCEPTED.addAndGet(model.accepted());
        String figures = operations + " operations (" + applies + " plugin sets applied), " + model.accepted()
                + " accepted "
                + model.acceptedByOrigin() + ", " + model.refused()
                + " refused, " + reads + " reads, slowest answer " + Duration.ofNanos(slowestNanos.get()).toMillis()
                + " ms";
        assertEquals(List.of(), internalErrors, "every call answered without an internal error; " + figures);
        assertEquals(List.of(), halfApplied, "no reader saw half-applied state; " + figures);
        assertTrue(Duration.ofNanos(slowestNanos.get()).compareTo(CALL_BOUND) < 0, figures);
        assertTrue(model.accepted() > OPERATIONS / 10, "a good part of the operations was accepted; " + figures);
        assertTrue(reads.get() > 0, figures);
        assertEquals(java.util.Set.of("deploy", "rest", "shell"), model.acceptedByOrigin().keySet(),
                "all three acted; " + figures);
        assertEquals(model.plugins(), listing.pluginStates(),
                "the plugins are those the accepted operations imply; " + figures);
        assertEquals(model.libraries(NEEDS), listing.libraries(),
                "the libraries are those the plugins the accepted operations imply need; " + figures);
        assertTrue(model.upgradedTogether() > 0, "plugin sets were applied, changing versions together; " + figures);
        assertEquals("1.0.0 enabled", model.plugins().get(HOST), "the host stayed; " + figures);
        for (String verb : List.of("INSTALL", "UPGRADE", "REMOVE")) {
            assertTrue(model.accepted(verb, FRAGMENT) > 1, "the fragment's " + verb + " was accepted; " + figures);
        }
        assertEquals("2.0.0 enabled", listing.pluginStates().get(FRAGMENT),
                "the last set upgraded the fragment with the others; " + figures);
        assertEquals(List.of(), Invariants.violations(listing, StoreFiles.of(home)), restarted.toString());
    }

    private interface Operation {
        void run() throws Exception;
    }

    /** Runs operations until the budget is spent. */
    private Void operate(Operation operation) throws Exception {
        while (budget.getAndDecrement() > 0) {
            operation.run();
            operations.incrementAndGet();
        }
        return null;
    }

    private void rest(RestRuntime runtime, Home home, Random random) throws Exception {
        if (random.nextInt(DEPLOY_EVERY) == 0) {
            deploy(home, random);
            return;
        }
        String id = SHARED.get(random.nextInt(SHARED.size()));
        String path = "/api/plugins/" + id;
        long started = System.nanoTime();
        RestRuntime.Response response = switch (random.nextInt(6)) {
            case 0 -> runtime.upload("/api/plugins?filename=" + id + ".jar", jar(id, 1 + random.nextInt(2)));
            case 1 -> runtime.upload(path + "/upgrade?filename=" + id + ".jar", jar(id, 1 + random.nextInt(2)));
            case 2, 3 -> runtime.post(path + (random.nextBoolean() ? "/enable" : "/disable"));
            case 4 -> runtime.delete(path);
            default -> runtime.get(path);
        };
        answered(started);
        if (response.status() >= 500 || (response.status() >= 400
                && !"application/problem+json".equals(response.contentType()))) {
            internalErrors.add(response.toString());
        }
    }

    private void shell(ShellOperator shell, Random random) throws Exception {
        if (random.nextInt(APPLY_EVERY) == 0) {
            long started = System.nanoTime();
            shell.run("plugin:apply " + pluginSet(random), CALL_BOUND);
            answered(started);
            return;
        }
        String id = SHARED.get(random.nextInt(SHARED.size()));
        String command = switch (random.nextInt(6)) {
            case 0 -> "plugin:install " + jar(id, 1 + random.nextInt(2));
            case 1 -> "plugin:upgrade " + id + " " + jar(id, 1 + random.nextInt(2));
            case 2 -> "plugin:enable " + id;
            case 3 -> "plugin:disable " + id;
            case 4 -> "plugin:remove " + id;
            default -> "plugin:info " + id;
        };
        long started = System.nanoTime();
        shell.run(command, CALL_BOUND);
        answered(started);
    }

    /**
     * Writes a random plugin set: each plugin the shell and REST act on, at a random version, enabled or not, or left
     * out (so that the apply removes it, as it removes the deploy directory's plugins).
     */
    private Path pluginSet(Random random) throws IOException {
        StringBuilder members = new StringBuilder();
        member(members, HOST, "1.0.0", true);
        for (String id : SHARED) {
            if (random.nextBoolean()) {
                continue;
            }
            String version = id.equals(GREETER) ? "1.0.0" : (1 + random.nextInt(2)) + ".0.0";
            member(members, id, version, id.equals(FRAGMENT) || random.nextBoolean());
        }
        return write(members);
    }

    /** A plugin set with every plugin the shell and REST act on, enabled, at {@code major} (the greeter at 1). */
    private Path everyVersion(int major) throws IOException {
        StringBuilder members = new StringBuilder();
        member(members, HOST, "1.0.0", true);
        for (String id : SHARED) {
            member(members, id, id.equals(GREETER) ? "1.0.0" : major + ".0.0", true);
        }
        return write(members);
    }

    private static void member(StringBuilder members, String id, String version, boolean enabled) {
        members.append(members.isEmpty() ? "" : ",\n").append("{\"id\": \"").append(id)
                .append("\", \"version\": \"").append(version).append("\", \"enabled\": ").append(enabled)
                .append('}');
    }

    private Path write(StringBuilder members) throws IOException {
        Path set = jars.resolve("set-" + applies.incrementAndGet() + ".json");
        Files.writeString(set, "{\"format\": \"plinth-plugin-set/1\", \"plugins\": [\n" + members + "]}\n");
        return set;
    }

    /** Adds, replaces or deletes a jar in {@code deploy/}: the directory acts on it on its own thread. */
    private void deploy(Home home, Random random) throws IOException {
        String id = DEPLOYED.get(random.nextInt(DEPLOYED.size()));
        if (deployLocks.putIfAbsent(id, true) != null) {
            return;
        }
        try {
            Path file = home.path().resolve("deploy").resolve(id + ".jar");
            if (Files.exists(file) && random.nextBoolean()) {
                Files.delete(file);
            } else {
                Path temp = file.resolveSibling(id + ".jar.part");
                Files.copy(jar(id, 1 + random.nextInt(2)), temp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            deployLocks.remove(id);
        }
    }

    /** Polls the plugins as a dashboard would until the operators are done; keeps what should never be seen. */
    private Void read(RestRuntime runtime, AtomicBoolean done) throws Exception {
        while (!done.get()) {
            RestRuntime.Response response = runtime.get("/api/plugins?all=true");
            if (response.status() != 200) {
                internalErrors.add("GET /api/plugins: " + response);
                continue;
            }
            Listing listing = Listing.of(response.array());
            List<String> seen = new ArrayList<>(listing.halfApplied());
            seen.addAll(NEEDS.violations(listing));
            if (!seen.isEmpty() && halfApplied.size() < 20) {
                halfApplied.addAll(seen);
            }
            reads.incrementAndGet();
        }
        return null;
    }

    private void answered(long startedNanos) {
        long took = System.nanoTime() - startedNanos;
        slowestNanos.accumulateAndGet(took, Math::max);
    }

    private static Path jar(String id, int major) {
        return jars.resolve(id + "-" + major + ".jar");
    }
}
