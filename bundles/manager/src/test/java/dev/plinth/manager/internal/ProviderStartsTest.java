package dev.plinth.manager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.Attributes;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Version;

class ProviderStartsTest {

    @Test
    void aBatchTakesTheInstalledBundlesOnceWhateverItsSize() {
        AtomicInteger taken = new AtomicInteger();
        ProviderStarts starts = new ProviderStarts(null, StoreState.EMPTY, () -> {
            taken.incrementAndGet();
            return CapabilityIndex.of(new Bundle[0], bundle -> true, id -> id);
        });
        List<Archive> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(importing("bench.p" + i, "org.example.shared"));
        }
        List<PlannedOperation.Step> steps = new ArrayList<>();

        StoreState after = starts.plan(batch, Set.of(), steps, StoreState.EMPTY);

        assertEquals(1, taken.get(), "one look at what the installed bundles offer for the whole batch");
        assertTrue(steps.isEmpty(), "nothing installed to start: " + steps);
        assertEquals(StoreState.EMPTY, after);
    }

    private static Archive importing(String id, String pkg) {
        Attributes manifest = new Attributes();
        manifest.putValue("Bundle-ManifestVersion", "2");
        manifest.putValue("Bundle-SymbolicName", id);
        manifest.putValue("Bundle-Version", "1.0.0");
        manifest.putValue("Import-Package", pkg);
        return new Archive(Path.of(id + ".jar"), "0".repeat(64), id, Version.parseVersion("1.0.0"), manifest, id,
                false);
    }
}
