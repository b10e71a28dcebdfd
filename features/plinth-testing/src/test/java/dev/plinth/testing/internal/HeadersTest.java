package dev.plinth.testing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HeadersTest {

    @Test
    void exportsBecomePackagesWithTheirVersionsWithoutDirectives() {
        String header = "dev.plinth.api;uses:=\"dev.plinth.api.plugin,org.osgi.framework\";version=\"1.4.0\","
                + "dev.plinth.api.plugin;version=\"1.1.0\",a.b;c.d;version=2.0";
        assertEquals("dev.plinth.api;version=\"1.4.0\",dev.plinth.api.plugin;version=\"1.1.0\",a.b;version=\"2.0\","
                + "c.d;version=\"2.0\"", Headers.packagesWithVersions(header));
    }

    @Test
    void aPackageWithoutVersionStaysWithout() {
        assertEquals("x.y", Headers.packagesWithVersions("x.y"));
    }
}
