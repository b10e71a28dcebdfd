package dev.plinth.maven.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistributionArchiveTest {

    @TempDir
    Path dir;

    @Test
    void unpacksWithoutTheTopFolderAndKeepsModes() throws IOException {
        Path archive = archive(dir.resolve("plinth.tar.gz"), "plinth-1.0/bin/plinth", 0755, "plinth-1.0/conf/a.properties",
                0644, "plinth-1.0/etc/secret", 0600);
        Path home = dir.resolve("home");

        assertEquals(3, DistributionArchive.unpack(archive, home));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("bin/plinth"))));
        assertTrue(Files.isExecutable(home.resolve("bin/plinth")));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("conf/a.properties"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("etc/secret"))));
        assertEquals("bin/plinth", Files.readString(home.resolve("bin/plinth")));
        assertFalse(Files.exists(home.resolve("plinth-1.0")));
    }

    @Test
    void anEntryOutsideTheFolderIsRefused() throws IOException {
        Path archive = archive(dir.resolve("evil.tar.gz"), "plinth-1.0/../../escaped", 0644);
        IOException refused = assertThrows(IOException.class, () -> DistributionArchive.unpack(archive,
                dir.resolve("home")));
        assertTrue(refused.getMessage().contains("outside its folder"), refused.getMessage());
        assertFalse(Files.exists(dir.resolve("escaped")));
    }

    @Test
    void theHomeIsUnpackedAgainOnlyWhenTheArchiveChanged() throws IOException {
        Path archive = archive(dir.resolve("plinth.tar.gz"), "plinth-1.0/bin/plinth", 0755);
        Path home = dir.resolve("home");
        assertTrue(RuntimeHome.prepare(archive, home, false));
        Files.createDirectories(home.resolve("data"));
        Files.writeString(home.resolve("data/kept"), "state");

        assertFalse(RuntimeHome.prepare(archive, home, false));
        assertTrue(Files.exists(home.resolve("data/kept")));

        assertTrue(RuntimeHome.prepare(archive, home, true));
        assertFalse(Files.exists(home.resolve("data/kept")));

        Files.createDirectories(home.resolve("data"));
        Files.writeString(home.resolve("data/kept"), "state");
        archive(archive, "plinth-1.0/bin/plinth", 0755, "plinth-1.0/bin/new", 0644);
        assertTrue(RuntimeHome.prepare(archive, home, false));
        assertFalse(Files.exists(home.resolve("data/kept")));
        assertTrue(Files.exists(home.resolve("bin/new")));
    }

    /** A .tar.gz of files named by the pairs (name, mode), each holding its own name. */
    private static Path archive(Path file, Object... namesAndModes) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file));
                TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (int i = 0; i < namesAndModes.length; i += 2) {
                String name = (String) namesAndModes[i];
                byte[] content = name.substring(name.indexOf('/') + 1).getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(name, true);
                entry.setMode((Integer) namesAndModes[i + 1]);
                entry.setSize(content.length);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return file;
    }
}
