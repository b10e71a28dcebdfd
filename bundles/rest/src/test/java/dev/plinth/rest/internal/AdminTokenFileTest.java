package dev.plinth.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenFileTest {

    @TempDir
    Path data;

    @Test
    void theFirstStartCreatesARandomOwnerOnlyToken() throws Exception {
        Path file = data.resolve("rest/admin.token");
        String token = new AdminTokenFile(file).readOrCreate();

        assertTrue(token.length() >= 40, token);
        assertEquals(token, Files.readString(file).strip());
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
    }

    @Test
    void laterStartsKeepTheTokenAndTightenItsMode() throws Exception {
        Path file = data.resolve("rest/admin.token");
        String first = new AdminTokenFile(file).readOrCreate();
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertEquals(first, new AdminTokenFile(file).readOrCreate());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void anEmptyOrShortTokenIsReplaced() throws Exception {
        Path file = data.resolve("admin.token");
        Files.writeString(file, "short\n");

        String token = new AdminTokenFile(file).readOrCreate();

        assertNotEquals("short", token);
        assertEquals(token, Files.readString(file).strip());
    }

    @Test
    void twoHomesGetDifferentTokens() throws Exception {
        assertNotEquals(new AdminTokenFile(data.resolve("a/admin.token")).readOrCreate(),
                new AdminTokenFile(data.resolve("b/admin.token")).readOrCreate());
    }
}
