package dev.plinth.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleJarsTest {

    @TempDir
    Path dir;

    /** Reads a jar as a framework would: the manifest first, then the entries' names. */
    private record Jar(Attributes headers, List<String> entries) {
    }

    private static Jar read(Path jar) throws IOException {
        try (InputStream file = Files.newInputStream(jar); JarInputStream in = new JarInputStream(file)) {
            assertNotNull(in.getManifest(), jar + " has no manifest first");
            List<String> entries = new ArrayList<>();
            for (JarEntry entry; (entry = in.getNextJarEntry()) != null;) {
                entries.add(entry.getName());
            }
            return new Jar(in.getManifest().getMainAttributes(), entries);
        }
    }

    @Test
    void singleExportsItsPackageWithAClassInIt() throws IOException {
        Jar single = read(BundleJars.single(dir));
        assertEquals("2", single.headers().getValue("Bundle-ManifestVersion"));
        assertEquals("bench.single", single.headers().getValue("Bundle-SymbolicName"));
        assertEquals("1.0.0", single.headers().getValue("Bundle-Version"));
        assertEquals("bench.single;version=\"1.0.0\"", single.headers().getValue("Export-Package"));
        assertNull(single.headers().getValue("Import-Package"));
        assertEquals(List.of("bench/single/Marker.class"), single.entries());
    }

    @Test
    void eachLinkOfTheChainImportsThePackageOfTheOneBefore() throws IOException {
        List<Path> chain = BundleJars.chain(dir, 12);
        assertEquals(12, chain.size());
        assertEquals("bench.chain.p0000-1.0.0.jar", chain.get(0).getFileName().toString());
        assertNull(read(chain.get(0)).headers().getValue("Import-Package"));
        Jar last = read(chain.get(11));
        assertEquals("bench.chain.p0011", last.headers().getValue("Bundle-SymbolicName"));
        assertEquals("bench.chain.p0011;version=\"1.0.0\"", last.headers().getValue("Export-Package"));
        assertEquals("bench.chain.p0010;version=\"[1.0,2)\"", last.headers().getValue("Import-Package"));
        assertEquals(List.of("bench/chain/p0011/Marker.class"), last.entries());
        assertEquals("bench.chain.p1999", BundleJars.chainName(1999));
    }

    @Test
    void theProbeIsABundleWithItsActivator() throws IOException {
        Jar probe = read(BundleJars.probe(dir));
        assertEquals("bench.probe", probe.headers().getValue("Bundle-SymbolicName"));
        assertEquals("dev.plinth.bench.probe.Probe", probe.headers().getValue("Bundle-Activator"));
        assertTrue(probe.headers().getValue("Import-Package").startsWith("org.osgi.framework;"));
        assertEquals(List.of("dev/plinth/bench/probe/Probe.class"), probe.entries());
    }

    @Test
    void theMarkerIsAClassTheJvmAccepts() {
        byte[] bytes = MarkerClass.bytes("bench/chain/p007/Marker");
        Class<?> marker = new ClassLoader(null) {
            Class<?> define() {
                return defineClass("bench.chain.p007.Marker", bytes, 0, bytes.length);
            }
        }.define();
        assertEquals("bench.chain.p007", marker.getPackageName());
        assertTrue(marker.isInterface());
        assertTrue(Modifier.isPublic(marker.getModifiers()));
    }
}
