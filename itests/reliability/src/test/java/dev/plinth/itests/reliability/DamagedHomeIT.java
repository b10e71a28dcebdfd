package dev.plinth.itests.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.plinth.itests.blackbox.Plinth;

/**
 * A home damaged while the runtime was stopped: a torn or empty state file (also with enables and disables committed
 * since as lines of the changes file), a deleted framework cache, a cache
 * written by another JDK, jars changed in {@code deploy/}. The runtime starts, shows the plugins as they were, keeps
 * the store and the framework in agreement, and the next operation works.
 */
class DamagedHomeIT {

    private static final String LIST = "plugin:list --all --json";
    private static final String NEXT = "plugin:install samples/dev.plinth.sample.greeter.fr.jar --enable";
    private static final String BASELINE = "damaged-baseline";

    @TempDir
    static Path unpacked;

    private static Home home;
    private static Set<String> baseline;

    @BeforeAll
    static void installSomePlugins() throws Exception {
        home = Home.unpack(unpacked);
        Plinth.Result setup = home.batch("plugin:install samples/dev.plinth.sample.hello.jar --enable",
                "plugin:install samples/dev.plinth.sample.greeter.en.jar --enable",
                "plugin:install samples/dev.plinth.sample.versioned-1.jar --enable",
                "plugin:install samples/dev.plinth.sample.throwing.jar",
                "plugin:upgrade dev.plinth.sample.versioned samples/dev.plinth.sample.versioned-2.jar", LIST);
        assertEquals(0, setup.exit(), setup.toString());
        baseline = Listing.allIn(setup.out()).get(0).summaries();
        home.saveData(BASELINE);
    }

    @BeforeEach
    void fromTheBaseline() throws IOException {
        home.restoreData(BASELINE);
    }

    @Test
    void aTornStateFileLosesNoPlugin() throws Exception {
        Path state = home.data("manager/state.json");
        byte[] content = Files.readAllBytes(state);
        Files.write(state, java.util.Arrays.copyOf(content, content.length / 2));

        assertComesBackAsBefore("a torn state.json");
    }

    @Test
    void aTornStateFileKeepsTheDisablesCommittedAsLinesOfTheChangesFile() throws Exception {
        Plinth.Result halted = home.batchHaltingAt("install.intent", "plugin:disable dev.plinth.sample.hello",
                "plugin:disable dev.plinth.sample.greeter.en", NEXT);
        assertEquals(Home.HALTED, halted.exit(), halted.toString());
        assertEquals(2, Files.readAllLines(home.data("manager/state.changes.jsonl")).size(), halted.toString());

        Listing listing = tornStateKeepsTheTwoDisables();

        assertEquals("enabled", listing.rows().get("dev.plinth.sample.versioned").state());
        assertTrue(Files.exists(home.data("manager/state.changes.jsonl.unreadable")), "kept beside the state");
    }

    @Test
    void aTornStateFileAfterACleanStopKeepsTheDisablesWrittenWholeAtStop() throws Exception {
        Plinth.Result stopped = home.batch("plugin:disable dev.plinth.sample.hello",
                "plugin:disable dev.plinth.sample.greeter.en");
        assertEquals(0, stopped.exit(), stopped.toString());
        assertFalse(Files.exists(home.data("manager/state.changes.jsonl")), "written whole at stop");

        tornStateKeepsTheTwoDisables();
    }

    /** Tears state.json, restarts: hello and greeter.en are disabled, as the last operations left them. */
    private static Listing tornStateKeepsTheTwoDisables() throws Exception {
        Path state = home.data("manager/state.json");
        byte[] content = Files.readAllBytes(state);
        Files.write(state, java.util.Arrays.copyOf(content, content.length / 2));

        Plinth.Result restarted = home.batch(LIST);

        assertEquals(0, restarted.exit(), restarted.toString());
        Listing listing = Listing.allIn(restarted.out()).get(0);
        assertEquals("installed", listing.rows().get("dev.plinth.sample.hello").state(), restarted.toString());
        assertEquals("installed", listing.rows().get("dev.plinth.sample.greeter.en").state(), restarted.toString());
        assertEquals(List.of(), Invariants.violations(listing, StoreFiles.of(home)), restarted.toString());
        return listing;
    }

    @Test
    void aDeletedStateFileLosesNoPlugin() throws Exception {
        Files.delete(home.data("manager/state.json"));

        assertComesBackAsBefore("a deleted state.json");
    }

    @Test
    void anEmptyStateFileLosesNoPlugin() throws Exception {
        Files.write(home.data("manager/state.json"), new byte[0]);

        assertComesBackAsBefore("an empty state.json");
    }

    @Test
    void anEmptyStateFileWithoutAPreviousOneLosesNoPlugin() throws Exception {
        Files.write(home.data("manager/state.json"), new byte[0]);
        Files.delete(home.data("manager/state.previous.json"));

        assertComesBackAsBefore("an empty state.json and no state.previous.json");
    }

    @Test
    void aDeletedFrameworkCacheIsRebuiltFromTheStore() throws Exception {
        Home.delete(home.data("cache"));

        assertComesBackAsBefore("no framework cache");
    }

    @Test
    void aFrameworkCacheOfAnotherJdkIsUsedOrRebuilt() throws Exception {
        Path other = otherJdk();
        assumeTrue(other != null, "a second JDK of 17 or later beside " + System.getProperty("java.home"));
        home.wipeData();
        Plinth.Result setup = new Plinth(home.path()).env("JAVA_HOME", other.toString())
                .run("plugin:install samples/dev.plinth.sample.greeter.en.jar --enable\n"
                        + "plugin:install samples/dev.plinth.sample.versioned-1.jar\n" + LIST + "\n");
        assertEquals(0, setup.exit(), setup.toString());
        Set<String> before = Listing.allIn(setup.out()).get(0).summaries();

        Plinth.Result restarted = home.batch(LIST, NEXT, "english:greet Ada", LIST);

        assertEquals(0, restarted.exit(), restarted.toString());
        List<Listing> listings = Listing.allIn(restarted.out());
        assertEquals(before, listings.get(0).summaries(), "the plugins as " + other + " left them\n" + restarted);
        assertTrue(restarted.out().contains("Hello, Ada!"), restarted.toString());
        assertEquals(List.of(), Invariants.violations(listings.get(1), StoreFiles.of(home)), restarted.toString());
    }

    @Test
    void jarsChangedInTheDeployDirectoryWhileStoppedAreFollowed() throws Exception {
        home.wipeData();
        Path deploy = home.path().resolve("deploy");
        copySample("dev.plinth.sample.hello.jar", deploy.resolve("hello.jar"));
        copySample("dev.plinth.sample.versioned-1.jar", deploy.resolve("versioned.jar"));
        copySample("dev.plinth.sample.throwing.jar", deploy.resolve("throwing.jar"));
        Plinth.Result deployed = home.batch(LIST);
        assertEquals(0, deployed.exit(), deployed.toString());
        assertEquals("dev.plinth.sample.versioned 1.0.0 enabled plugin",
                Listing.allIn(deployed.out()).get(0).rows().get("dev.plinth.sample.versioned").summary(),
                deployed.toString());

        Files.delete(deploy.resolve("hello.jar"));
        copySample("dev.plinth.sample.versioned-2.jar", deploy.resolve("versioned.jar"));
        copySample("dev.plinth.sample.greeter.fr.jar", deploy.resolve("greeter-fr.jar"));
        Plinth.Result restarted = home.batch(LIST, "french:greet Ada");

        assertEquals(0, restarted.exit(), restarted.toString());
        Listing listing = Listing.allIn(restarted.out()).get(0);
        assertFalse(listing.rows().containsKey("dev.plinth.sample.hello"), "the deleted jar's plugin is removed\n"
                + restarted);
        assertEquals("dev.plinth.sample.versioned 2.0.0 enabled plugin",
                listing.rows().get("dev.plinth.sample.versioned").summary(), "the replaced jar is upgraded\n"
                        + restarted);
        assertEquals("dev.plinth.sample.greeter.fr 1.0.0 enabled plugin",
                listing.rows().get("dev.plinth.sample.greeter.fr").summary(), "the new jar is installed\n"
                        + restarted);
        assertTrue(restarted.out().contains("Bonjour, Ada !"), restarted.toString());
        assertEquals(List.of(), Invariants.violations(listing, StoreFiles.of(home)), restarted.toString());
    }

    /** Restarts the damaged home: the plugins are as they were, the invariants hold and the next operation works. */
    private static void assertComesBackAsBefore(String damage) throws Exception {
        Plinth.Result restarted = home.batch(LIST, NEXT, "french:greet Ada", LIST);

        assertEquals(0, restarted.exit(), "the runtime starts and works after " + damage + "\n" + restarted);
        List<Listing> listings = Listing.allIn(restarted.out());
        assertEquals(2, listings.size(), restarted.toString());
        assertEquals(baseline, listings.get(0).summaries(), "the plugins as they were before " + damage + "\n"
                + restarted);
        assertTrue(restarted.out().contains("Bonjour, Ada !"), restarted.toString());
        assertEquals(List.of(), Invariants.violations(listings.get(1), StoreFiles.of(home)), restarted.toString());
    }

    private static void copySample(String sample, Path target) throws IOException {
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.copy(home.path().resolve("samples").resolve(sample), temp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A JDK of 17 or later installed beside the running one, other than it; null when there is none. */
    private static Path otherJdk() throws IOException {
        Path current = Path.of(System.getProperty("java.home")).toRealPath();
        Pattern version = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);
        Set<Path> candidates = new TreeSet<>();
        try (Stream<Path> siblings = Files.list(current.getParent())) {
            for (Path sibling : siblings.toList()) {
                Path release = sibling.resolve("release");
                if (!Files.isExecutable(sibling.resolve("bin/java")) || !Files.isRegularFile(release)) {
                    continue;
                }
                Matcher matcher = version.matcher(Files.readString(release));
                Path real = sibling.toRealPath();
                if (matcher.find() && Integer.parseInt(matcher.group(1)) >= 17 && !real.equals(current)) {
                    candidates.add(real);
                }
            }
        }
        return candidates.isEmpty() ? null : candidates.iterator().next();
    }
}
