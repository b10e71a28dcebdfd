package dev.plinth.manager.internal;

import dev.plinth.common.testing.FuzzChecks;
import java.nio.file.Path;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.plinth.common.testing.BundleJar;

/**
 * Fuzzes the manifest of an otherwise well-formed jar (header grammar, continuation lines, sizes, the bundle
 * headers and the requirements built from them), with the same checks as {@link ArchiveReaderFuzzTest}.
 * Seeds: {@code ManifestFuzzTestInputs/manifest} (the manifest's bytes).
 */
class ManifestFuzzTest {

    private static final Path FOLDER = FuzzChecks.folder("manifest");

    @DictionaryEntries({"Bundle-SymbolicName: ", "Bundle-Version: ", "Bundle-ManifestVersion: 2",
        "Import-Package: ", "Export-Package: ", "Require-Bundle: ", "Require-Capability: ", "Provide-Capability: ",
        ";version=", ";bundle-version=", ":Version=", ":Long=", ":Double=", ":List<String>=", ":List<Version>=",
        ";resolution:=optional", ";effective:=active", ";filter:=", "(&(", ")(", "[1,2)", "\"", ":=", ","})
    @FuzzTest(maxDuration = "3m")
    void manifest(byte[] manifest) throws Exception {
        ArchiveReaderFuzzTest.ManifestChecks.readAndCheck(FOLDER, jar(manifest), 1 << 20);
    }

    private static byte[] jar(byte[] manifest) {
        return BundleJar.withoutManifest().entry("META-INF/MANIFEST.MF", manifest)
                .entry("dev/example/Thing.class", "not really a class").toBytes();
    }
}
