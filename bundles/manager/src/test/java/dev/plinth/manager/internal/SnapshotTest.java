package dev.plinth.manager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import dev.plinth.api.PluginState;

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
        return install("test:" + id, id, name);
    }

    private Bundle install(String location, String id, String name) throws Exception {
        Path jar = TestJars.bundle(directory.resolve(id + "-" + name.length() + ".jar"), id, "1.0.0",
                Constants.BUNDLE_NAME, name);
        try (InputStream in = Files.newInputStream(jar)) {
            return context.installBundle(location, in);
        }
    }

    private static StoredPlugin record(String id, boolean enabled, String lastError) {
        return new StoredPlugin(id, "1.0.0", "a".repeat(64), null, PluginKind.PLUGIN, enabled, lastError, null, null,
                Instant.EPOCH);
    }

    private Bundle managed(String id) {
        return context.getBundle(FrameworkAccess.location(id));
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

    @Test
    void anUpdateTakesAgainWhatStartedOrStoppedAndTheChangedRecordsAndEqualsAWholeTake() throws Exception {
        install(FrameworkAccess.location("a.one"), "a.one", "One");
        install(FrameworkAccess.location("b.two"), "b.two", "Two");
        Bundle other = install("c.three", "Three");
        StoreState state = new StoreState(1, Map.of("a.one", record("a.one", false, null), "b.two",
                record("b.two", false, null)));
        Snapshot before = Snapshot.take(context.getBundles(), state, bundle -> "someone", Snapshot.EMPTY);
        managed("a.one").start();
        other.start();
        StoreState now = state.with(record("b.two", false, "it failed"));

        Snapshot updated = before.update(List.of(managed("a.one"), other), now, this::managed, bundle -> "someone")
                .orElseThrow();

        assertEquals(PluginState.ENABLED, updated.get("a.one").orElseThrow().state());
        assertEquals(PluginState.ENABLED, updated.get("c.three").orElseThrow().state());
        assertEquals("it failed", updated.get("b.two").orElseThrow().lastError());
        assertEquals(PluginState.FAILED, updated.get("b.two").orElseThrow().state());
        Snapshot whole = Snapshot.take(context.getBundles(), now, bundle -> "someone", before);
        assertEquals(whole.of(PluginKind.values()), updated.of(PluginKind.values()));
        assertEquals(PluginState.INSTALLED, before.get("a.one").orElseThrow().state());
    }

    @Test
    void nothingChangedKeepsTheSameLists() throws Exception {
        install("a.one", "One");
        Snapshot before = take(Snapshot.EMPTY);
        List<PluginInfo> listed = before.of(PluginKind.UNMANAGED);

        Snapshot updated = before.update(Set.of(), StoreState.EMPTY, this::managed, bundle -> null).orElseThrow();

        assertSame(listed, updated.of(PluginKind.UNMANAGED));
    }

    @Test
    void aRecordAddedOrABundleNotPicturedAsItIsNowNeedsAWholeTake() throws Exception {
        install(FrameworkAccess.location("a.one"), "a.one", "One");
        StoreState state = new StoreState(1, Map.of("a.one", record("a.one", false, null)));
        Snapshot before = Snapshot.take(context.getBundles(), state, bundle -> null, Snapshot.EMPTY);

        assertTrue(before.update(Set.of(), state.with(record("b.two", false, null)), this::managed,
                bundle -> null).isEmpty());
        Bundle later = install("d.four", "Four");
        assertTrue(before.update(Set.of(later), state, this::managed, bundle -> null).isEmpty());
        assertTrue(Snapshot.EMPTY.update(Set.of(), state, this::managed, bundle -> null).isEmpty());
    }

    @Test
    void aWireADynamicImportMadeMeanwhileNeedsAWholeTake() throws Exception {
        Path provider = TestJars.bundle(directory.resolve("provider.jar"), "e.provider", "1.0.0",
                Constants.EXPORT_PACKAGE, "e.shared");
        Path importer = TestJars.bundle(directory.resolve("importer.jar"), "e.importer", "1.0.0",
                Constants.DYNAMICIMPORT_PACKAGE, "e.shared");
        Bundle exporting;
        Bundle importing;
        try (InputStream one = Files.newInputStream(provider); InputStream two = Files.newInputStream(importer)) {
            exporting = context.installBundle("test:e.provider", one);
            importing = context.installBundle("test:e.importer", two);
        }
        exporting.start();
        importing.start();
        Snapshot before = take(Snapshot.EMPTY);
        assertEquals(List.of(), before.get("e.importer").orElseThrow().requires());

        assertThrows(ClassNotFoundException.class, () -> importing.loadClass("e.shared.Missing"));
        importing.stop();

        assertTrue(before.update(Set.of(importing), StoreState.EMPTY, this::managed, bundle -> null).isEmpty());
        Snapshot whole = take(before);
        assertEquals(List.of("e.provider"), whole.get("e.importer").orElseThrow().requires());
        assertEquals(List.of("e.importer"), whole.get("e.provider").orElseThrow().requiredBy());
    }
}
