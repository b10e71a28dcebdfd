package dev.plinth.framework.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveClassListTest {

    private static final String BASE = "dev/plinth/framework/internal/ArchiveClassListTest$Base";
    private static final String DERIVED = "dev/plinth/framework/internal/ArchiveClassListTest$Derived";
    private static final String ORPHAN = "dev/plinth/framework/internal/ArchiveClassListTest$Orphan";

    @TempDir
    Path system;

    static class Base {
    }

    static class Derived extends Base implements Runnable {
        @Override
        public void run() {
        }
    }

    static class Orphan extends Thread {
    }

    @Test
    void readsANameItsSuperClassAndItsInterfacesFromAClassFile() throws IOException {
        assertEquals(new ArchiveClassList.ClassHeader(DERIVED, BASE, List.of("java/lang/Runnable")),
                ArchiveClassList.ClassHeader.parse(bytesOf(DERIVED)));
    }

    @Test
    void listsBundleClassesAfterTheirSuperTypesWithTheirJar() throws IOException {
        jar("b.jar", BASE, DERIVED, ORPHAN);
        String jvmList = "# header\njava/lang/Object\njava/lang/Runnable\n@lambda-form-invoker [LF_RESOLVE] x\n";
        List<String> loads = List.of(
                "java.lang.String source: shared objects file",
                dotted(DERIVED) + " source: plinth:system/b.jar",
                dotted(BASE) + " source: plinth:system/b.jar",
                dotted(ORPHAN) + " source: plinth:system/b.jar");

        String jar = system.resolve("b.jar").toAbsolutePath().toString();
        assertEquals("# header\n"
                + "java/lang/Object id: 0\n"
                + "java/lang/Runnable id: 1\n"
                + "@lambda-form-invoker [LF_RESOLVE] x\n"
                + BASE + " id: 2 super: 0 source: " + jar + "\n"
                + DERIVED + " id: 3 super: 2 interfaces: 1 source: " + jar + "\n",
                ArchiveClassList.of(jvmList, loads, system), "the orphan's super class (Thread) is not listed");
    }

    @Test
    void leavesOutAClassThatTwoBundlesDefine() throws IOException {
        jar("a.jar", BASE);
        jar("b.jar", BASE);
        List<String> loads = List.of(dotted(BASE) + " source: plinth:system/a.jar",
                dotted(BASE) + " source: plinth:system/b.jar");

        assertEquals("java/lang/Object id: 0\n", ArchiveClassList.of("java/lang/Object\n", loads, system));
    }

    @Test
    void leavesOutWhatItCannotRead() throws IOException {
        List<String> loads = List.of(dotted(BASE) + " source: plinth:system/missing.jar", "garbage");

        assertEquals("java/lang/Object id: 0\n", ArchiveClassList.of("java/lang/Object\n", loads, system));
    }

    private static String dotted(String name) {
        return name.replace('/', '.');
    }

    private void jar(String file, String... classes) throws IOException {
        try (OutputStream out = Files.newOutputStream(system.resolve(file));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String name : classes) {
                zip.putNextEntry(new ZipEntry(name + ".class"));
                zip.write(bytesOf(name));
                zip.closeEntry();
            }
        }
    }

    private static byte[] bytesOf(String name) throws IOException {
        try (InputStream in = ArchiveClassListTest.class.getResourceAsStream("/" + name + ".class")) {
            return in.readAllBytes();
        }
    }
}
