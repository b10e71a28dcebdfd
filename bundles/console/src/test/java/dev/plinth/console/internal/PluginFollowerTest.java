package dev.plinth.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.util.tracker.BundleTracker;

import dev.plinth.common.testing.BundleJar;

/** The console follows plugins in a real framework (Felix in-process): their bundle entries, starts, stops, updates. */
class PluginFollowerTest {

    private static final String ID = "org.example.pages";

    @TempDir
    Path dir;

    private Framework framework;
    private BundleTracker<Bundle> tracker;
    private final EnabledPlugins plugins = new EnabledPlugins();

    @BeforeEach
    void start() throws Exception {
        framework = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow()
                .newFramework(Map.of("org.osgi.framework.storage", dir.resolve("felix").toString()));
        framework.start();
        tracker = new BundleTracker<>(framework.getBundleContext(), Bundle.ACTIVE, new PluginFollower(plugins));
        tracker.open();
    }

    @AfterEach
    void stop() throws Exception {
        tracker.close();
        framework.stop();
        framework.waitForStop(10_000);
    }

    private Path jar(String name, String version, String page) {
        return BundleJar.bundle(ID, version).header("Bundle-Name", "Pages")
                .header("Plinth-Console", "page;entry=console/page.js;title=Pages")
                .entry("console/page.js", page).entry("console/css/page.css", "p{}")
                .entry("console/index.html", "<p>no</p>").entry("secret.txt", "outside console/")
                .writeTo(dir.resolve(name));
    }

    private Bundle install(String location, Path jar) throws Exception {
        try (InputStream in = Files.newInputStream(jar)) {
            return framework.getBundleContext().installBundle(location, in);
        }
    }

    @Test
    void aStartedPluginIsServedFromItsEntriesUntilItStops() throws Exception {
        Bundle bundle = install("plinth:managed/" + ID, jar("a.jar", "1.0.0", "export function mount() {}"));
        assertNull(plugins.get(ID), "installed is not enabled");
        bundle.start();
        PluginConsole console = plugins.get(ID);
        assertEquals("1.0.0", console.version());
        assertEquals("Pages", console.name());
        assertEquals("export function mount() {}",
                new String(console.files().get("page.js").bytes(), StandardCharsets.UTF_8));
        assertEquals("p{}", new String(console.files().get("css/page.css").bytes(), StandardCharsets.UTF_8));
        assertEquals(2, console.files().size(), "neither HTML nor anything outside console/: " + console.files());

        bundle.stop();
        assertNull(plugins.get(ID));
    }

    @Test
    void anUpdateIsANewRevisionAndABundleInstalledElsewhereIsNotFollowed() throws Exception {
        Bundle bundle = install("plinth:managed/" + ID, jar("a.jar", "1.0.0", "export function mount() {}"));
        bundle.start();
        String before = plugins.get(ID).revision();
        try (InputStream in = Files.newInputStream(jar("b.jar", "1.0.0", "export function mount() { }"))) {
            bundle.update(in);
        }
        assertEquals(Bundle.ACTIVE, bundle.getState());
        String after = plugins.get(ID).revision();
        assertNotEquals(before, after);
        assertTrue(after.startsWith("1.0.0/"), after);
        bundle.uninstall();
        assertNull(plugins.get(ID));

        install("file:/somewhere/pages.jar", jar("c.jar", "1.0.0", "export {}")).start();
        assertNull(plugins.get(ID), "not installed by the manager");
        assertEquals(Map.of(), plugins.problems());
    }
}
