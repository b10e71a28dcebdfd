package dev.plinth.manager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.felix.framework.Felix;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;

import dev.plinth.api.PluginInfo;
import dev.plinth.api.PluginKind;

/** The picture reads see, of the bundles of a real framework. */
class SnapshotTest {

    @TempDir
    Path directory;

    private Felix framework;
    private BundleContext context;

    @BeforeEach
    void start() throws Exception {
        framework = new Felix(Map.of(Constants.FRAMEWORK_STORAGE, directory.resolve("cache").toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
        framework.start();
        context = framework.getBundleContext();
    }

    @AfterEach
    void stop() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
    }

    private Bundle install(String id, String name) throws Exception {
        Path jar = TestJars.bundle(directory.resolve(id + "-" + name.length() + ".jar"), id, "1.0.0",
                Constants.BUNDLE_NAME, name);
        try (InputStream in = Files.newInputStream(jar)) {
            return context.installBundle("test:" + id, in);
        }
    }

    private Snapshot take(Snapshot previous) {
        return Snapshot.take(context.getBundles(), StoreState.EMPTY, bundle -> null, previous);
    }

    private static List<String> ids(List<PluginInfo> infos) {
        return infos.stream().map(PluginInfo::id).toList();
    }

    @Test
    void listsEachKindSortedAndTheSameListAtEachRead() throws Exception {
        install("b.two", "Two");
        install("a.one", "One");
        Snapshot snapshot = take(Snapshot.EMPTY);

        List<PluginInfo> unmanaged = snapshot.of(PluginKind.UNMANAGED);
        assertEquals(List.of("a.one", "b.two"), ids(unmanaged));
        assertSame(unmanaged, snapshot.of(PluginKind.UNMANAGED));
        assertSame(snapshot.of(PluginKind.SYSTEM, PluginKind.UNMANAGED),
                snapshot.of(PluginKind.UNMANAGED, PluginKind.SYSTEM));
        assertEquals(List.of(), snapshot.of(PluginKind.PLUGIN));
        assertThrows(UnsupportedOperationException.class, () -> unmanaged.remove(0));
    }

    @Test
    void aNewRevisionShowsItsOwnHeadersAndOthersKeepTheirs() throws Exception {
        Bundle one = install("a.one", "One");
        install("b.two", "Two");
        Snapshot before = take(Snapshot.EMPTY);
        assertEquals("One", before.get("a.one").orElseThrow().name());

        Path updated = TestJars.bundle(directory.resolve("a.one-updated.jar"), "a.one", "1.1.0",
                Constants.BUNDLE_NAME, "One, renamed");
        try (InputStream in = Files.newInputStream(updated)) {
            one.update(in);
        }
        Snapshot after = take(before);

        assertEquals("One, renamed", after.get("a.one").orElseThrow().name());
        assertEquals("1.1.0", after.get("a.one").orElseThrow().version());
        assertEquals("Two", after.get("b.two").orElseThrow().name());
    }
}
