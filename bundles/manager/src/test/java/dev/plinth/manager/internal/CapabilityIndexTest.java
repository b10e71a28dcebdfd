package dev.plinth.manager.internal;

import static dev.plinth.manager.internal.TestJars.bundle;
import static dev.plinth.manager.internal.TestJars.bundleAttributes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Version;

class CapabilityIndexTest {

    @TempDir
    Path dir;

    private ArchiveReader reader;
    private CapabilityIndex index;

    @BeforeEach
    void setUp() {
        reader = new ArchiveReader(dir.resolve("tmp"), 1 << 20);
        index = CapabilityIndex.of(new Bundle[0], bundle -> true, id -> "plugin " + id);
    }

    private Archive archive(String id, String version, String... headers) throws Exception {
        return reader.read(bundle(dir.resolve("src").resolve(id + "-" + version + ".jar"), id, version, headers)
                .toUri());
    }

    private static Capabilities.Req requirement(String header, String value) {
        return Capabilities.requirementsOf(bundleAttributes("org.example.app", "1.0.0", header, value)).get(0);
    }

    @Test
    void anEmptyIndexMatchesNothing() {
        assertEquals(List.of(), index.matching(requirement("Import-Package", "org.example.api")));
        assertEquals(List.of(), index.close(requirement("Import-Package", "org.example.api")));
        assertEquals(List.of(), index.matching(new Capabilities.Req("custom.ns", null)));
    }

    @Test
    void matchingFindsTheOfferInTheRequiredRangeWithItsProvider() throws Exception {
        index.add(archive("org.example.lib", "1.0.0", "Export-Package", "org.example.api;version=1.5"),
                "library org.example.lib");
        index.add(archive("org.example.other", "2.0.0", "Export-Package", "org.example.api;version=3.0"),
                "plugin org.example.other");

        List<CapabilityIndex.Offer> offers = index.matching(
                requirement("Import-Package", "org.example.api;version=\"[1.2,2)\""));

        assertEquals(1, offers.size());
        CapabilityIndex.Offer offer = offers.get(0);
        assertEquals("org.example.lib", offer.providerId());
        assertEquals("1.0.0", offer.providerVersion());
        assertEquals("library org.example.lib", offer.providerWords());
        assertTrue(offer.resolved());
        assertEquals(new Version(1, 5, 0), offer.cap().attributes().get("version"));
    }

    @Test
    void anUnversionedImportMatchesEveryExporter() throws Exception {
        index.add(archive("org.example.lib", "1.0.0", "Export-Package", "org.example.api;version=1.5"), "lib");
        index.add(archive("org.example.other", "2.0.0", "Export-Package", "org.example.api;version=3.0"), "other");

        assertEquals(Set.of("org.example.lib", "org.example.other"),
                providers(index.matching(requirement("Import-Package", "org.example.api"))));
    }

    @Test
    void closeFindsTheSamePackageInOtherVersionsOnly() throws Exception {
        index.add(archive("org.example.lib", "1.0.0", "Export-Package", "org.example.api;version=1.5"), "lib");
        index.add(archive("org.example.other", "2.0.0", "Export-Package",
                "org.example.api;version=3.0,org.example.unrelated;version=4.5"), "other");
        Capabilities.Req wanted = requirement("Import-Package", "org.example.api;version=\"[4,5)\"");

        assertEquals(List.of(), index.matching(wanted));
        List<CapabilityIndex.Offer> close = index.close(wanted);
        assertEquals(Set.of("org.example.lib", "org.example.other"), providers(close));
        assertTrue(close.stream().allMatch(offer -> "org.example.api".equals(
                offer.cap().attributes().get("osgi.wiring.package"))));
    }

    @Test
    void bundleRequirementsMatchTheBundleCapability() throws Exception {
        index.add(archive("org.example.lib", "1.0.0"), "lib");
        index.add(archive("org.example.other", "2.0.0"), "other");

        List<CapabilityIndex.Offer> offers = index.matching(
                requirement("Require-Bundle", "org.example.other;bundle-version=\"[2,3)\""));
        assertEquals(1, offers.size());
        assertEquals("osgi.wiring.bundle", offers.get(0).cap().namespace());
        assertEquals("org.example.other", offers.get(0).providerId());

        Capabilities.Req tooNew = requirement("Require-Bundle", "org.example.other;bundle-version=\"[3,4)\"");
        assertEquals(List.of(), index.matching(tooNew));
        assertEquals(Set.of("org.example.other"), providers(index.close(tooNew)));
    }

    @Test
    void genericCapabilitiesMatchByNamespaceAndFilter() throws Exception {
        index.add(archive("org.example.lib", "1.0.0", "Provide-Capability",
                "custom.ns;custom.ns=thing;version:Version=1.2"), "lib");

        assertEquals(1, index.matching(new Capabilities.Req("custom.ns", null)).size());
        assertEquals(1, index.matching(new Capabilities.Req("custom.ns", "(&(custom.ns=thing)(version>=1.0))")).size());
        assertEquals(0, index.matching(new Capabilities.Req("custom.ns", "(custom.ns=other)")).size());
        assertEquals(0, index.matching(new Capabilities.Req("other.ns", null)).size());
        assertEquals(List.of(), index.close(new Capabilities.Req("custom.ns", "(custom.ns=other)")),
                "only packages and bundles have close offers");
    }

    @Test
    void closeOfARequirementWithoutFilterIsEmpty() throws Exception {
        index.add(archive("org.example.lib", "1.0.0", "Export-Package", "org.example.api"), "lib");

        assertEquals(List.of(), index.close(new Capabilities.Req("osgi.wiring.package", null)));
    }

    @Test
    void filterIsNullWithoutFilterAndRefusesInvalidSyntax() {
        assertNull(CapabilityIndex.filter(new Capabilities.Req("custom.ns", null)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CapabilityIndex.filter(new Capabilities.Req("custom.ns", "(broken")));
        assertTrue(e.getMessage().contains("(broken"), e.getMessage());
    }

    private static Set<String> providers(List<CapabilityIndex.Offer> offers) {
        return offers.stream().map(CapabilityIndex.Offer::providerId).collect(Collectors.toSet());
    }

    @Test
    void aRequirementNamingAPackageFindsOnlyThatPackageAndOneNamingNoneFindsEvery() throws Exception {
        index.add(archive("org.example.a", "1.0.0", "Export-Package", "org.example.a;version=1.0"), "plugin a");
        index.add(archive("org.example.b", "1.0.0", "Export-Package", "org.example.b;version=1.0"), "plugin b");

        assertEquals(List.of("org.example.a"), sortedProviders(index.matching(
                new Capabilities.Req("osgi.wiring.package", "(&(osgi.wiring.package=org.example.a)(version>=1.0.0))"))));
        assertEquals(List.of("org.example.b"), sortedProviders(index.matching(
                new Capabilities.Req("osgi.wiring.package", "(osgi.wiring.package=org.example.b)"))));
        assertEquals(List.of("org.example.a", "org.example.b"), sortedProviders(index.matching(new Capabilities.Req(
                "osgi.wiring.package", "(|(osgi.wiring.package=org.example.a)(osgi.wiring.package=org.example.b))"))));
        assertEquals(List.of("org.example.a", "org.example.b"), sortedProviders(index.matching(
                new Capabilities.Req("osgi.wiring.package", "(osgi.wiring.package=org.example.*)"))));
        assertEquals(List.of(), sortedProviders(index.matching(
                new Capabilities.Req("osgi.wiring.package", "(osgi.wiring.package=org.example.c)"))));
    }

    @Test
    void aCapabilityWhoseNameIsNoSingleStringIsStillFoundByName() throws Exception {
        index.add(archive("org.example.multi", "1.0.0", "Provide-Capability",
                "custom.ns;custom.ns:List<String>=\"one,two\""), "plugin multi");

        assertEquals(List.of("org.example.multi"), sortedProviders(index.matching(
                new Capabilities.Req("custom.ns", "(custom.ns=two)"))));
    }

    private static List<String> sortedProviders(List<CapabilityIndex.Offer> offers) {
        return offers.stream().map(CapabilityIndex.Offer::providerId).sorted().toList();
    }
}
