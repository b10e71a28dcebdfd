package dev.plinth.itests.reliability;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import dev.plinth.itests.blackbox.Plinth;
import dev.plinth.itests.blackbox.RestRuntime;

/**
 * Broken and malicious archives and plugins: each is refused with a clear message, nothing changes (the plugins,
 * the store's files), and the same runtime keeps serving. The runtime runs with a small heap, so that an archive
 * read into memory (a compression bomb) would fail it.
 */
class HostileInputIT {

    private static final String LIST = "plugin:list --all --json";
    private static final long ARCHIVE_LIMIT = 4L << 20;
    private static final String SMALL_HEAP = "-Xmx128m";
    private static final int START_BOUND_MS = 1500;

    @TempDir
    static Path unpacked;

    @TempDir
    static Path inputs;

    private static Home home;
    private static Set<String> before;

    @BeforeAll
    static void installOnePlugin() throws Exception {
        home = Home.unpack(unpacked);
        Files.writeString(home.path().resolve("etc/dev.plinth.manager.cfg"), "archive.max.bytes = " + ARCHIVE_LIMIT
                + "\nstart.timeout.ms = " + START_BOUND_MS + "\n");
        Plinth.Result setup = home.batch("plugin:install samples/dev.plinth.sample.hello.jar --enable", LIST);
        assertEquals(0, setup.exit(), setup.toString());
        before = Listing.allIn(setup.out()).get(0).summaries();
    }

    @Test
    void everyBrokenArchiveIsRefusedWithAClearMessageAndChangesNothing() throws Exception {
        HostileArchives make = new HostileArchives(inputs);
        Map<Path, String> refusals = new LinkedHashMap<>();
        refusals.put(make.zeroBytes(), "is not a valid jar");
        refusals.put(make.truncated(home.path().resolve("samples/dev.plinth.sample.greeter.en.jar")),
                "is not a valid jar");
        refusals.put(make.plainZip(), "has no META-INF/MANIFEST.MF");
        refusals.put(make.htmlPage(), "is not a valid jar");
        refusals.put(make.noManifest(), "has no META-INF/MANIFEST.MF");
        refusals.put(make.notABundle(), "has no Bundle-SymbolicName");
        refusals.put(make.invalidVersion(), "has an invalid Bundle-Version '1.zero.0'");
        refusals.put(home.path().resolve("samples/dev.plinth.sample.hello.jar"), "already installed");
        refusals.put(make.unsafeEntry(), "has an entry with an unsafe path: ../../etc/evil.sh");
        refusals.put(make.hugeManifest(), "has a manifest larger than");
        refusals.put(make.larger(ARCHIVE_LIMIT), "is larger than the limit of " + ARCHIVE_LIMIT + " bytes");
        refusals.put(make.compressionBomb(1L << 30), "it looks like a compression bomb");
        refusals.put(make.manifestBomb(64L << 20), "it looks like a compression bomb");
        refusals.put(make.unresolvable(), "org.example.unresolvable");
        Path victim = Files.createDirectories(inputs.resolve("victim"));
        Files.writeString(victim.resolve("precious.txt"), "keep me");
        make.oddSymbolicNames(victim).forEach((name, jar) -> refusals.put(jar, "has an invalid Bundle-SymbolicName '"
                + name + "': a plugin id follows the OSGi symbolic-name grammar"));
        Map<String, String> storeBefore = StoreFiles.of(home).fingerprint();

        List<String> commands = new ArrayList<>();
        refusals.keySet().forEach(input -> commands.add("plugin:install " + input));
        commands.add("sample:hello Ada");
        commands.add(LIST);
        long started = System.nanoTime();
        Plinth.Result run = home.batchWithOptions(SMALL_HEAP, commands.toArray(String[]::new));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Figures.INPUTS.addAndGet(refusals.size());

        assertEquals(1, run.exit(), "the refused lines make the status 1\n" + run);
        List<String> errors = run.err().lines().filter(line -> line.startsWith("Error: ")).toList();
        assertEquals(refusals.size(), errors.size(), "one Error: line per input\n" + run);
        List<Executable> checks = new ArrayList<>();
        int i = 0;
        for (Map.Entry<Path, String> refusal : refusals.entrySet()) {
            String error = errors.get(i++);
            checks.add(() -> assertTrue(error.contains(refusal.getValue()), refusal.getKey().getFileName()
                    + " is refused saying '" + refusal.getValue() + "': " + error));
        }
        assertAll(checks);
        assertTrue(run.out().lines().anyMatch("Hello, Ada!"::equals), "the runtime keeps serving\n" + run);
        assertEquals(before, Listing.allIn(run.out()).get(0).summaries(), "no plugin changed\n" + run);
        assertEquals(storeBefore, StoreFiles.of(home).fingerprint(), "the store's files are unchanged");
        assertEquals(Set.of(), StoreFiles.of(home).leftovers(), "no temporary file is left behind");
        assertTrue(took.toSeconds() < 60, "reading the inputs stays bounded in time: took " + took);
        assertTrue(Files.exists(victim.resolve("precious.txt")), "nothing outside the home is touched");
    }

    @Test
    void theRestApiRefusesThemWithAProblemAndKeepsServing() throws Exception {
        HostileArchives make = new HostileArchives(Files.createDirectories(inputs.resolve("rest")));
        Map<Path, String> refusals = new LinkedHashMap<>();
        refusals.put(make.zeroBytes(), "BAD_REQUEST");
        refusals.put(make.htmlPage(), "INVALID_ARCHIVE");
        refusals.put(make.truncated(home.path().resolve("samples/dev.plinth.sample.greeter.en.jar")),
                "INVALID_ARCHIVE");
        refusals.put(make.unsafeEntry(), "INVALID_ARCHIVE");
        refusals.put(make.compressionBomb(1L << 30), "INVALID_ARCHIVE");
        refusals.put(make.larger(ARCHIVE_LIMIT), "INVALID_ARCHIVE");
        refusals.put(home.path().resolve("samples/dev.plinth.sample.hello.jar"), "DUPLICATE");
        refusals.put(make.unresolvable(), "UNRESOLVED");
        make.oddSymbolicNames(inputs.resolve("victim")).values().forEach(jar -> refusals.put(jar, "INVALID_ARCHIVE"));
        Map<String, String> storeBefore = StoreFiles.of(home).fingerprint();
        Files.writeString(home.path().resolve("etc/dev.plinth.rest.cfg.json"), RestRuntime.configuration(64L << 20));

        try (RestRuntime rest = RestRuntime.start(new Plinth(home.path()), RestRuntime.freePort())) {
            for (Map.Entry<Path, String> refusal : refusals.entrySet()) {
                RestRuntime.Response response = rest.upload("/api/plugins?filename=x.jar", refusal.getKey());
                int status = refusal.getValue().equals("BAD_REQUEST") ? 400
                        : refusal.getValue().equals("DUPLICATE") ? 409 : 422;
                assertEquals(refusal.getValue(), response.problem(status), refusal.getKey().getFileName() + ": "
                        + response);
                Figures.INPUTS.incrementAndGet();
            }
            assertEquals(200, rest.get("/api/health").status(), "the runtime keeps serving");
            assertEquals(before, Listing.of(rest.get("/api/plugins?all=true").array()).summaries());
        } finally {
            Files.delete(home.path().resolve("etc/dev.plinth.rest.cfg.json"));
        }
        assertEquals(storeBefore, StoreFiles.of(home).fingerprint(), "the store's files are unchanged");
    }

    @Test
    void theDeployDirectoryReportsThemFailedAndChangesNothing() throws Exception {
        HostileArchives make = new HostileArchives(Files.createDirectories(inputs.resolve("deploy")));
        Path deploy = home.path().resolve("deploy");
        List<Path> dropped = new ArrayList<>(List.of(make.plainZip(), make.htmlPage(), make.unsafeEntry(),
                make.invalidVersion()));
        dropped.addAll(make.oddSymbolicNames(inputs.resolve("victim")).values());
        for (Path input : dropped) {
            Path file = Files.copy(input, deploy.resolve(input.getFileName()));
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(
                    java.time.Instant.now().minus(Duration.ofHours(1))));
        }
        Figures.INPUTS.addAndGet(dropped.size());
        Map<String, String> storeBefore = StoreFiles.of(home).fingerprint();

        try {
            Plinth.Result run = home.batch("plugin:deploy-status", LIST);

            assertEquals(0, run.exit(), run.toString());
            for (Path input : dropped) {
                assertTrue(run.out().lines().anyMatch(line -> line.startsWith(input.getFileName() + " ")
                        && line.contains(" failed ")), input.getFileName() + " is reported failed\n" + run);
            }
            assertEquals(before, Listing.allIn(run.out()).get(0).summaries(), run.toString());
            assertEquals(storeBefore, StoreFiles.of(home).fingerprint(), "the store's files are unchanged");
        } finally {
            for (Path input : dropped) {
                Files.delete(deploy.resolve(input.getFileName()));
            }
        }
    }

    @Test
    void aCycleOfRequirementsIsWiredWithoutLoopingAndRemovedWhole() throws Exception {
        Path libraries = home.path().resolve("libraries");
        Path first = new HostileArchives(inputs).cycle(libraries);
        Figures.INPUTS.incrementAndGet();

        Plinth.Result run = home.batch("plugin:install " + first + " --enable", LIST,
                "plugin:remove org.example.cycle.a", LIST);
        if (run.exit() != 0) {
            home.batch("plugin:remove --cascade org.example.cycle.a");
        }

        try {
            assertEquals(0, run.exit(), run.toString());
            List<Listing> listings = Listing.allIn(run.out());
            assertEquals("org.example.cycle.a 1.0.0 enabled plugin",
                    listings.get(0).rows().get("org.example.cycle.a").summary(), run.toString());
            assertEquals("org.example.cycle.b 1.0.0 enabled library",
                    listings.get(0).rows().get("org.example.cycle.b").summary(), run.toString());
            assertEquals(before, listings.get(1).summaries(), "the library of the cycle goes with it\n" + run);
            assertEquals(List.of(), Invariants.violations(listings.get(1), StoreFiles.of(home)), run.toString());
        } finally {
            Files.delete(libraries.resolve("org.example.cycle.b.jar"));
        }
    }

    @Test
    void activatorsThatThrowOrHangLeaveTheirPluginFailedAndTheRuntimeServing() throws Exception {
        Figures.INPUTS.addAndGet(2);
        long started = System.nanoTime();
        Plinth.Result run = home.batch("plugin:install samples/dev.plinth.sample.throwing.jar",
                "plugin:enable dev.plinth.sample.throwing",
                "plugin:install samples/dev.plinth.sample.blocking.jar",
                "plugin:enable dev.plinth.sample.blocking",
                "sample:hello Ada", LIST,
                "plugin:remove dev.plinth.sample.throwing", "plugin:remove dev.plinth.sample.blocking", LIST);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertEquals(1, run.exit(), run.toString());
        List<String> errors = run.err().lines().filter(line -> line.startsWith("Error: ")).toList();
        assertEquals(2, errors.size(), run.toString());
        assertTrue(errors.get(0).contains("failed to start: IllegalStateException"), errors.get(0));
        assertTrue(errors.get(1).contains("did not start within " + START_BOUND_MS + " ms"), errors.get(1));
        assertTrue(run.out().lines().anyMatch("Hello, Ada!"::equals), run.toString());
        List<Listing> listings = Listing.allIn(run.out());
        assertEquals("failed", listings.get(0).rows().get("dev.plinth.sample.throwing").state(), run.toString());
        assertEquals("failed", listings.get(0).rows().get("dev.plinth.sample.blocking").state(), run.toString());
        assertEquals(before, listings.get(1).summaries(), "both can be removed\n" + run);
        assertTrue(took.toSeconds() < 30, "the hanging activator holds nothing up for long: took " + took);
    }
}
