package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import dev.plinth.common.testing.BundleJar;

/**
 * A fragment managed from the shell of the assembled runtime, one {@code bin/plinth exec} per step, so that every
 * step after the first sees what a restart made of it: the fragment attaches to its running host (whose refresh the
 * plan shows), is listed as a fragment of it, and restarts neither try to start it nor count it failed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FragmentCommandsIT {

    private static final String HOST = "org.example.frag.host";
    private static final String FRAGMENT = "org.example.frag.fragment";

    @TempDir
    static Path unpacked;

    private static Plinth plinth;

    @BeforeAll
    static void unpackWithAHostAndItsFragment() throws Exception {
        plinth = new Plinth(Distribution.unpack(unpacked));
        Path jars = Files.createDirectories(plinth.home().resolve("jars"));
        TestBundles.empty(jars.resolve("host.jar"), HOST, "1.0.0");
        BundleJar.bundle(FRAGMENT, "1.0.0").fragmentHost(HOST).header("Bundle-Name", "Example fragment")
                .writeTo(jars.resolve("fragment.jar"));
    }

    @Test
    @Order(1)
    void aFragmentInstalledAfterItsRunningHostAttachesAndThePlanShowsTheHostsRefresh() throws Exception {
        ok("plugin:install jars/host.jar --enable");

        Plinth.Result install = ok("plugin:install jars/fragment.jar");

        List<String> lines = install.out().lines().map(line -> line.strip().replaceAll("\\s+", " ")).toList();
        assertEquals(List.of(
                "Install " + FRAGMENT + ": done.",
                "1. stop " + HOST + " 1.0.0 refreshed to attach " + FRAGMENT,
                "2. install " + FRAGMENT + " 1.0.0 fragment of " + HOST,
                "3. start " + HOST + " 1.0.0 refreshed to attach " + FRAGMENT,
                "Refresh: " + HOST + " 1.0.0"), lines, install.toString());
    }

    @Test
    @Order(2)
    void afterARestartTheFragmentIsAttachedNotStartedAndShownAsAFragmentOfItsHost() throws Exception {
        for (int restart = 0; restart < 4; restart++) {
            ok("plugin:list");
        }

        Plinth.Result list = ok("plugin:list");
        assertTrue(Pattern.compile("(?m)^" + Pattern.quote(FRAGMENT)
                + "\\s+1\\.0\\.0\\s+enabled\\s+plugin\\s+Example fragment \\(fragment of " + Pattern.quote(HOST)
                + "\\)$").matcher(list.out()).find(), list.toString());
        assertTrue(Pattern.compile("(?m)^" + Pattern.quote(HOST) + "\\s+1\\.0\\.0\\s+enabled\\s+plugin")
                .matcher(list.out()).find(), list.toString());
        Plinth.Result info = ok("plugin:info " + FRAGMENT);
        assertTrue(Pattern.compile("(?m)^Fragment of:\\s+" + Pattern.quote(HOST) + " ").matcher(info.out()).find(),
                info.toString());
        assertTrue(Pattern.compile("(?m)^Last error:\\s+-$").matcher(info.out()).find(), info.toString());
        Path failures = plinth.home().resolve("data/manager/start-failures.properties");
        assertFalse(Files.exists(failures) && Files.readString(failures).contains(FRAGMENT),
                "no failed start of the fragment is counted");
        Plinth.Result json = ok("plugin:list --json");
        assertTrue(Pattern.compile("\"fragmentHost\"\\s*:\\s*\"" + Pattern.quote(HOST) + "\"").matcher(json.out())
                .find(), json.toString());
    }

    @Test
    @Order(3)
    void disablingAFragmentIsRefusedWithTheWayToDoIt() throws Exception {
        Plinth.Result result = plinth.run(null, "exec", "plugin:disable " + FRAGMENT);

        assertEquals(1, result.exit(), result.toString());
        assertTrue(result.err().contains(FRAGMENT + " is a fragment of " + HOST + ": "), result.toString());
        assertTrue(result.err().contains("disable " + HOST + ", or remove " + FRAGMENT), result.toString());
    }

    @Test
    @Order(4)
    void theRestApiShowsTheFragmentWithItsHostAsItsDocumentSays() throws Exception {
        try (RestRuntime rest = RestRuntime.start(plinth, RestRuntime.freePort())) {
            RestRuntime.Response fragment = rest.get("/api/plugins/" + FRAGMENT);
            RestRuntime.Response host = rest.get("/api/plugins/" + HOST);

            assertEquals(200, fragment.status(), fragment.toString());
            assertEquals(HOST, fragment.object().getString("fragmentHost"), fragment.toString());
            assertEquals("enabled", fragment.object().getString("state"), fragment.toString());
            assertTrue(host.object().isNull("fragmentHost"), host.toString());
        }
    }

    private static Plinth.Result ok(String program) throws IOException, InterruptedException {
        Plinth.Result result = plinth.run(null, "exec", program);
        assertEquals(0, result.exit(), program + "\n" + result);
        return result;
    }
}
