package dev.plinth.testing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.net.MalformedURLException;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Version;

import dev.plinth.common.testing.BundleJar;

class FrameworkClassPathTest {

    @TempDir
    Path folder;

    @Test
    void theVersionOfTheFrameworkPackageAJarExportsIsRead() throws MalformedURLException {
        Path old = BundleJar.bundle("org.osgi.framework", "1.8.0")
                .exports("org.osgi.framework;version=\"1.8\",org.osgi.framework.hooks.bundle;version=\"1.1\"")
                .writeTo(folder.resolve("old.jar"));
        Path other = BundleJar.bundle("other", "1.0.0").exports("org.osgi.framework.wiring;version=\"1.2\"")
                .writeTo(folder.resolve("other.jar"));
        assertEquals(Optional.of(Version.parseVersion("1.8")), FrameworkClassPath.exportedVersion(old.toUri().toURL()));
        assertEquals(Optional.empty(), FrameworkClassPath.exportedVersion(other.toUri().toURL()));
        assertEquals(Optional.empty(), FrameworkClassPath.exportedVersion(folder.toUri().toURL()));
    }

    @Test
    void theTestsOwnClassPathPasses() {
        assertDoesNotThrow(FrameworkClassPath::check);
    }
}
