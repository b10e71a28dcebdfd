package dev.plinth.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
    void aFileThatIsNotUtf8IsRefusedAndLeftAsItIs() throws Exception {
        Path file = data.resolve("admin.token");
        byte[] bytes = {(byte) 0xff, (byte) 0xfe, 'a', 'b', (byte) 0xc3, '(', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x',
            'x', 'x', 'x', 'x', 'x'};
        Files.write(file, bytes);

        AdminTokenFile.Unreadable refusal = assertThrows(AdminTokenFile.Unreadable.class,
                () -> new AdminTokenFile(file).readOrCreate());

        assertEquals("the admin token file " + file + " cannot be read: it does not hold UTF-8 text",
                refusal.getMessage());
        assertArrayEquals(bytes, Files.readAllBytes(file));
    }

    @Test
    void aDirectoryInPlaceOfTheFileIsRefusedAndLeftAsItIs() throws Exception {
        Path file = Files.createDirectories(data.resolve("admin.token"));

        AdminTokenFile.Unreadable refusal = assertThrows(AdminTokenFile.Unreadable.class,
                () -> new AdminTokenFile(file).readOrCreate());

        assertEquals("it is a directory", refusal.reason());
        assertTrue(Files.isDirectory(file));
    }

    @Test
    void aFileTooLargeToBeATokenIsRefused() throws Exception {
        Path file = data.resolve("admin.token");
        Files.writeString(file, "x".repeat(AdminTokenFile.MAX_BYTES + 1));

        assertThrows(AdminTokenFile.Unreadable.class, () -> new AdminTokenFile(file).readOrCreate());
        assertEquals(AdminTokenFile.MAX_BYTES + 1, Files.size(file));
    }

    @Test
    void aTokenNoHttpClientCouldSendIsRefusedAndLeftAsItIs() throws Exception {
        Path file = data.resolve("admin.token");
        for (String content : new String[] {"abcdefghijklmnop\nqrstuvwxyz\n", "abcdefgh ijklmnopqrst",
            "abcdefghijklmnop\u0000q", "abcdefghijklmnopqrstü"}) {
            Files.writeString(file, content);

            AdminTokenFile.Unreadable refusal = assertThrows(AdminTokenFile.Unreadable.class,
                    () -> new AdminTokenFile(file).readOrCreate());

            assertTrue(refusal.reason().startsWith("it holds a character a bearer token cannot carry"),
                    refusal.getMessage());
            assertEquals(content, Files.readString(file));
        }
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheToken() throws Exception {
        Path file = data.resolve("admin.token");
        Files.writeString(file, "\uFEFFadmin-token-0123456789abcdef\n");

        assertEquals("admin-token-0123456789abcdef", new AdminTokenFile(file).readOrCreate());
    }

    @Test
    void twoHomesGetDifferentTokens() throws Exception {
        assertNotEquals(new AdminTokenFile(data.resolve("a/admin.token")).readOrCreate(),
                new AdminTokenFile(data.resolve("b/admin.token")).readOrCreate());
    }
}
