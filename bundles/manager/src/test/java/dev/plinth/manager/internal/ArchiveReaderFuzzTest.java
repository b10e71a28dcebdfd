package dev.plinth.manager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plinth.common.testing.FuzzChecks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.plinth.api.PluginException;

/**
 * Fuzzes the archive check with whole archives (zip structure, entry names, sizes, the manifest): an archive is
 * either accepted as a bundle whose id follows the grammar and whose requirements are valid filters (which can
 * be described to an operator), or refused as {@code INVALID_ARCHIVE} with a message, leaving no temporary file;
 * nothing is written outside its folder.
 * Seeds: {@code ArchiveReaderFuzzTestInputs/archive}.
 */
class ArchiveReaderFuzzTest {

    private static final Path FOLDER = FuzzChecks.folder("archive");
    private static final long LIMIT = 1 << 20;

    @FuzzTest(maxDuration = "3m")
    void archive(byte[] bytes) throws Exception {
        ManifestChecks.readAndCheck(FOLDER, bytes, LIMIT);
    }

    /** The checks shared by the archive and the manifest targets. */
    static final class ManifestChecks {

        private ManifestChecks() {
        }

        static void readAndCheck(Path folder, byte[] bytes, long limit) throws Exception {
            FuzzChecks.clear(folder, false);
            Path source = Files.write(folder.resolve("incoming.jar"), bytes);
            Path temp = folder.resolve("tmp");
            ArchiveReader reader = new ArchiveReader(temp, limit);
            Archive archive;
            try {
                archive = FuzzChecks.timed("reading " + bytes.length + " bytes", () -> reader.read(source.toUri()));
            } catch (PluginException e) {
                assertEquals(PluginException.Code.INVALID_ARCHIVE, e.code(), e.getMessage());
                assertNotNull(e.getMessage());
                assertFalse(e.getMessage().isBlank());
                assertEquals(Set.of("incoming.jar", "tmp"), FuzzChecks.listing(folder),
                        "a refused archive leaves nothing behind");
                return;
            } catch (RuntimeException | Error e) {
                throw FuzzChecks.unexpected("reading an archive", e);
            }
            assertTrue(PluginIds.valid(archive.id()), archive.id());
            assertNotNull(archive.version());
            assertEquals(temp, archive.file().getParent());
            assertEquals(Set.of("incoming.jar", "tmp", "tmp/" + archive.file().getFileName()),
                    FuzzChecks.listing(folder));
            for (Capabilities.Req requirement : Capabilities.requirementsOf(archive.manifest())) {
                try {
                    CapabilityIndex.filter(requirement);
                } catch (IllegalArgumentException e) {
                    throw new AssertionError("an accepted archive has a requirement that is not a filter: "
                            + requirement, e);
                }
                try {
                    RequirementText.describe(requirement);
                } catch (RuntimeException e) {
                    throw FuzzChecks.unexpected("describing " + requirement + " to an operator", e);
                }
            }
        }
    }
}
