package dev.plinth.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleIdFileTest {

    @TempDir
    Path temp;

    @Test
    void aRecordWrittenIsReadBack() throws Exception {
        Path file = temp.resolve("record.properties");
        BundleIdFile.write(file, Map.of(12L, "x.y", 40L, ""), "who installed what");

        assertEquals(Map.of(12L, "x.y", 40L, ""), BundleIdFile.read(file));
        assertEquals("#who installed what", Files.readAllLines(file).get(0));
    }

    @Test
    void noFileOrLinesThatAreNotBundleIdsReadAsNothing() throws Exception {
        assertEquals(Map.of(), BundleIdFile.read(temp.resolve("missing.properties")));
        Path file = Files.writeString(temp.resolve("odd.properties"), "abc=x.y\n7=a.b\n");
        assertEquals(Map.of(7L, "a.b"), BundleIdFile.read(file));
    }
}
