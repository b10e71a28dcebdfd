package dev.plinth.manager.internal;

import static dev.plinth.manager.internal.TestJars.bundleAttributes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.Attributes;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Version;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;

class ConsoleCompatibilityTest {

    private static final String PAGES = "page;entry=console/page.js;title=\"Greetings\", panel;entry=console/panel.js";
    private static final String SDK_1 = "dev.plinth.console.sdk;filter:=\"(&(version>=1.0)(!(version>=2)))\"";
    private static final String SDK_2 = "dev.plinth.console.sdk;filter:=\"(&(version>=2)(!(version>=3)))\"";

    @TempDir
    Path directory;

    /** The sample's jar with these headers, holding both entry modules of {@link #PAGES}. */
    private Archive archive(String... headers) {
        return archiveWith(new String[] {"console/page.js", "console/panel.js"}, headers);
    }

    private Archive archiveWith(String[] entries, String... headers) {
        Attributes manifest = bundleAttributes("dev.plinth.sample.pages", "3.0.0", headers);
        Path file = TestJars.jar(directory.resolve("pages-" + entries.length + ".jar"), manifest, entries);
        return new Archive(file, "0".repeat(64), "dev.plinth.sample.pages", Version.parseVersion("3.0.0"), manifest,
                "test", false);
    }

    private static Supplier<CapabilityIndex> console(String sdkVersion) {
        return () -> {
            CapabilityIndex index = CapabilityIndex.of(new Bundle[0], bundle -> true, id -> "bundle " + id);
            index.add(new Archive(null, "1".repeat(64), "dev.plinth.console", Version.parseVersion("0.1.0"),
                    bundleAttributes("dev.plinth.console", "0.1.0", "Provide-Capability",
                            "dev.plinth.console.sdk;version:Version=" + sdkVersion), "test", false),
                    "bundle dev.plinth.console");
            return index;
        };
    }

    private static Supplier<CapabilityIndex> noConsole() {
        return () -> CapabilityIndex.of(new Bundle[0], bundle -> true, id -> "bundle " + id);
    }

    @Test
    void aPluginWithoutConsolePagesIsNotLookedAtAndBuildsNoIndex() throws Exception {
        AtomicInteger built = new AtomicInteger();
        ConsoleCompatibility.check(archive(), () -> {
            built.incrementAndGet();
            return noConsole().get();
        });
        assertEquals(0, built.get());
    }

    @Test
    void pagesForTheSdkOfThisConsoleAreTaken() throws Exception {
        ConsoleCompatibility.check(archive("Plinth-Console", PAGES, "Require-Capability", SDK_1), console("1.0.0"));
    }

    @Test
    void anInvalidHeaderIsRefusedWithTheParsersMessage() {
        PluginException e = assertThrows(PluginException.class, () -> ConsoleCompatibility.check(
                archive("Plinth-Console", "page;entry=console/../secret.js", "Require-Capability", SDK_1),
                console("1.0.0")));
        assertEquals(Code.INVALID_ARCHIVE, e.code());
        assertTrue(e.getMessage().startsWith("dev.plinth.sample.pages 3.0.0: its Plinth-Console header is invalid: "
                + "clause 1 (page;entry=console/../secret.js): entry must be"), e.getMessage());
    }

    @Test
    void aHeaderWithoutAnSdkRequirementIsRefusedNamingTheLineToAdd() {
        PluginException e = assertThrows(PluginException.class, () -> ConsoleCompatibility.check(
                archive("Plinth-Console", PAGES), console("1.0.0")));
        assertEquals(Code.INVALID_ARCHIVE, e.code());
        assertTrue(e.getMessage().endsWith("add this line to its manifest: Require-Capability: "
                + "dev.plinth.console.sdk;filter:=\"(&(version>=1.0)(!(version>=2)))\""), e.getMessage());
    }

    @Test
    void anSdkRangeThisConsoleIsNotInIsRefusedNamingBothVersions() {
        PluginException e = assertThrows(PluginException.class, () -> ConsoleCompatibility.check(
                archive("Plinth-Console", PAGES, "Require-Capability", SDK_2), console("1.0.0")));
        assertEquals(Code.INCOMPATIBLE, e.code());
        assertEquals("dev.plinth.sample.pages 3.0.0 needs console SDK [2,3); this runtime's console SDK is 1.0.0",
                e.getMessage());
    }

    @Test
    void anEntryModuleMissingFromTheJarIsRefusedNamingIt() {
        PluginException e = assertThrows(PluginException.class, () -> ConsoleCompatibility.check(
                archiveWith(new String[] {"console/page.js", "console/Panel.js"}, "Plinth-Console", PAGES,
                        "Require-Capability", SDK_1), console("1.0.0")));
        assertEquals(Code.INVALID_ARCHIVE, e.code());
        assertEquals("dev.plinth.sample.pages 3.0.0: its Plinth-Console header names the panel module "
                + "console/panel.js, which is not in the jar", e.getMessage());
    }

    @Test
    void anSdkRequirementWithoutAConsoleSaysThereIsNone() {
        PluginException e = assertThrows(PluginException.class, () -> ConsoleCompatibility.check(
                archive("Plinth-Console", PAGES, "Require-Capability", SDK_1), noConsole()));
        assertEquals(Code.INCOMPATIBLE, e.code());
        assertEquals("dev.plinth.sample.pages 3.0.0 needs console SDK [1.0,2); this runtime has no console",
                e.getMessage());
        assertFalse(e.getMessage().contains("filter"));
    }
}
