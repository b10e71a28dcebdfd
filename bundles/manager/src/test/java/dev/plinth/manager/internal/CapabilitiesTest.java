package dev.plinth.manager.internal;

import static dev.plinth.manager.internal.TestJars.attributes;
import static dev.plinth.manager.internal.TestJars.bundleAttributes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.Version;

class CapabilitiesTest {

    private static final String PACKAGE = "osgi.wiring.package";
    private static final String BUNDLE = "osgi.wiring.bundle";
    private static final String HOST = "osgi.wiring.host";

    @Test
    void bundleAndHostCapabilitiesCarrySymbolicNameWithoutDirectivesAndVersion() {
        List<Capabilities.Cap> caps = Capabilities.of(
                bundleAttributes("org.example.app;singleton:=true", "1.2.3"));

        assertEquals(List.of(new Capabilities.Cap(BUNDLE,
                Map.of(BUNDLE, "org.example.app", "bundle-version", new Version(1, 2, 3))),
                new Capabilities.Cap(HOST, Map.of(HOST, "org.example.app", "bundle-version", new Version(1, 2, 3)))),
                caps);
    }

    @Test
    void aFragmentOffersNoHostCapability() {
        List<Capabilities.Cap> caps = Capabilities.of(bundleAttributes("org.example.fragment", "1.0.0",
                "Fragment-Host", "org.example.app"));

        assertEquals(List.of(BUNDLE), caps.stream().map(Capabilities.Cap::namespace).toList());
    }

    @Test
    void exportedPackagesCarryTheirVersionDefaultingToZero() {
        List<Capabilities.Cap> caps = Capabilities.of(bundleAttributes("org.example.lib", "3.0.0",
                "Export-Package", "org.example.a;version=1.2,org.example.b;uses:=\"org.example.a\""));

        Map<String, Object> a = packageCap(caps, "org.example.a");
        Map<String, Object> b = packageCap(caps, "org.example.b");
        assertEquals(new Version(1, 2, 0), a.get("version"));
        assertEquals(Version.emptyVersion, b.get("version"));
        assertEquals("org.example.lib", a.get("bundle-symbolic-name"));
        assertEquals(new Version(3, 0, 0), a.get("bundle-version"));
        assertEquals(4, caps.size(), "the bundle and host capabilities and two packages");
    }

    @Test
    void severalPackagesInOneExportClauseShareTheVersion() {
        List<Capabilities.Cap> caps = Capabilities.of(bundleAttributes("org.example.lib", "1.0.0",
                "Export-Package", "org.example.x;org.example.y;version=\"2.1\""));

        assertEquals(new Version(2, 1, 0), packageCap(caps, "org.example.x").get("version"));
        assertEquals(new Version(2, 1, 0), packageCap(caps, "org.example.y").get("version"));
    }

    @Test
    void importRangeBecomesAFilterThatMatchesOnlyVersionsInTheRange() throws InvalidSyntaxException {
        List<Capabilities.Req> reqs = Capabilities.requirementsOf(bundleAttributes("org.example.app", "1.0.0",
                "Import-Package", "org.example.a;version=\"[1.2,2)\""));

        assertEquals(1, reqs.size());
        assertEquals(PACKAGE, reqs.get(0).namespace());
        Filter filter = FrameworkUtil.createFilter(reqs.get(0).filter());
        assertTrue(filter.matches(exported("org.example.a", "1.2.0")));
        assertTrue(filter.matches(exported("org.example.a", "1.9.9")));
        assertFalse(filter.matches(exported("org.example.a", "1.1.9")));
        assertFalse(filter.matches(exported("org.example.a", "2.0.0")));
        assertFalse(filter.matches(exported("org.example.b", "1.5.0")));
    }

    @Test
    void importWithALowerBoundOnlyMatchesThatVersionAndAbove() {
        Capabilities.Req req = Capabilities.requirementsOf(bundleAttributes("org.example.app", "1.0.0",
                "Import-Package", "org.example.a;version=1.0")).get(0);

        Filter filter = CapabilityIndex.filter(req);
        assertTrue(filter.matches(exported("org.example.a", "1.0.0")));
        assertTrue(filter.matches(exported("org.example.a", "7.3.0")));
        assertFalse(filter.matches(exported("org.example.a", "0.9.0")));
    }

    @Test
    void importWithoutVersionMatchesEveryVersion() {
        Capabilities.Req req = Capabilities.requirementsOf(bundleAttributes("org.example.app", "1.0.0",
                "Import-Package", "org.example.a")).get(0);

        Filter filter = CapabilityIndex.filter(req);
        assertTrue(filter.matches(exported("org.example.a", "0.0.0")));
        assertTrue(filter.matches(exported("org.example.a", "42.0.0")));
        assertFalse(filter.matches(exported("org.example.other", "1.0.0")));
    }

    @Test
    void severalPackagesInOneImportClauseEachBecomeARequirement() {
        List<Capabilities.Req> reqs = Capabilities.requirementsOf(bundleAttributes("org.example.app", "1.0.0",
                "Import-Package", "org.example.x;org.example.y;version=\"[1,2)\""));

        assertEquals(2, reqs.size());
        assertTrue(CapabilityIndex.filter(reqs.get(0)).matches(exported("org.example.x", "1.5.0")));
        assertTrue(CapabilityIndex.filter(reqs.get(1)).matches(exported("org.example.y", "1.5.0")));
        assertFalse(CapabilityIndex.filter(reqs.get(1)).matches(exported("org.example.y", "2.5.0")));
    }

    @Test
    void optionalImportsAreSkipped() {
        List<Capabilities.Req> reqs = Capabilities.requirementsOf(bundleAttributes("org.example.app", "1.0.0",
                "Import-Package", "org.example.opt;resolution:=optional,org.example.needed;version=1.0",
                "DynamicImport-Package", "org.example.dynamic"));

        assertEquals(1, reqs.size());
        assertTrue(reqs.get(0).filter().contains("(osgi.wiring.package=org.example.needed)"), reqs.get(0).filter());
    }

    @Test
    void requireBundleBecomesABundleRequirementWithItsRange() {
        List<Capabilities.Req> reqs = Capabilities.requirementsOf(bundleAttributes("org.example.app", "1.0.0",
                "Require-Bundle", "org.example.lib;bundle-version=\"[1.0,2.0)\",org.example.opt;resolution:=optional"));

        assertEquals(1, reqs.size());
        assertEquals(BUNDLE, reqs.get(0).namespace());
        Filter filter = CapabilityIndex.filter(reqs.get(0));
        assertTrue(filter.matches(bundleCap("org.example.lib", "1.5.0")));
        assertFalse(filter.matches(bundleCap("org.example.lib", "2.0.0")));
        assertFalse(filter.matches(bundleCap("org.example.other", "1.5.0")));
    }

    @Test
    void requireBundleWithoutVersionMatchesEveryVersion() {
        Capabilities.Req req = Capabilities.requirementsOf(bundleAttributes("org.example.app", "1.0.0",
                "Require-Bundle", "org.example.lib")).get(0);

        assertTrue(CapabilityIndex.filter(req).matches(bundleCap("org.example.lib", "0.0.0")));
        assertTrue(CapabilityIndex.filter(req).matches(bundleCap("org.example.lib", "9.0.0")));
    }

    @Test
    void requireCapabilityKeepsResolveTimeMandatoryRequirementsOnly() {
        List<Capabilities.Req> reqs = Capabilities.requirementsOf(bundleAttributes("org.example.app", "1.0.0",
                "Require-Capability", "osgi.ee;filter:=\"(&(osgi.ee=JavaSE)(version>=11))\","
                        + "osgi.extender;filter:=\"(osgi.extender=osgi.component)\";effective:=active,"
                        + "osgi.service;filter:=\"(objectClass=org.example.Api)\";resolution:=optional,"
                        + "custom.resolve;filter:=\"(custom.resolve=x)\";effective:=resolve,"
                        + "custom.any"));

        assertEquals(List.of(
                new Capabilities.Req("osgi.ee", "(&(osgi.ee=JavaSE)(version>=11))"),
                new Capabilities.Req("custom.resolve", "(custom.resolve=x)"),
                new Capabilities.Req("custom.any", null)), reqs);
    }

    @Test
    void provideCapabilityAttributesAreTyped() throws InvalidSyntaxException {
        List<Capabilities.Cap> caps = Capabilities.of(bundleAttributes("org.example.app", "1.0.0",
                "Provide-Capability", "custom.ns;custom.ns=thing;version:Version=1.2;size:Long=5;ratio:Double=0.5;"
                        + "tags:List<String>=\"a, b\";versions:List<Version>=\"1.0,2.1\";label=plain"));

        Capabilities.Cap cap = caps.stream().filter(c -> c.namespace().equals("custom.ns")).findFirst().orElseThrow();
        assertEquals(Map.of("custom.ns", "thing", "version", new Version(1, 2, 0), "size", 5L, "ratio", 0.5,
                "tags", List.of("a", "b"), "versions", List.of(new Version(1, 0, 0), new Version(2, 1, 0)),
                "label", "plain"), cap.attributes());
        assertTrue(FrameworkUtil.createFilter("(&(custom.ns=thing)(version>=1.1)(size>=4)(tags=b))")
                .matches(cap.attributes()));
        assertFalse(FrameworkUtil.createFilter("(&(custom.ns=thing)(version>=1.3))").matches(cap.attributes()));
    }

    @Test
    void exportedPackageVersionMayBeTyped() {
        List<Capabilities.Cap> caps = Capabilities.of(bundleAttributes("org.example.lib", "1.0.0",
                "Export-Package", "org.example.a;version:Version=1.4"));

        assertEquals(new Version(1, 4, 0), packageCap(caps, "org.example.a").get("version"));
    }

    @Test
    void manifestWithoutHeadersHasOnlyTheBundleAndHostCapabilitiesAndNoRequirements() {
        assertEquals(2, Capabilities.of(bundleAttributes("org.example.app", "1.0.0")).size());
        assertEquals(List.of(), Capabilities.requirementsOf(bundleAttributes("org.example.app", "1.0.0")));
    }

    @Test
    void symbolicNameIsTheFirstNameOfTheHeaderOrNull() {
        assertEquals("org.example.app",
                Capabilities.symbolicName(attributes("Bundle-SymbolicName", " org.example.app ; singleton:=true")));
        assertNull(Capabilities.symbolicName(attributes("Bundle-Version", "1.0")));
    }

    private static Map<String, Object> packageCap(List<Capabilities.Cap> caps, String name) {
        return caps.stream().filter(cap -> cap.namespace().equals(PACKAGE) && name.equals(cap.attributes().get(PACKAGE)))
                .findFirst().orElseThrow(() -> new AssertionError("no package capability " + name + " in " + caps))
                .attributes();
    }

    /** The package capability of a bundle exporting {@code name} in {@code version}. */
    private static Map<String, Object> exported(String name, String version) {
        return packageCap(Capabilities.of(bundleAttributes("org.example.exporter", "1.0.0",
                "Export-Package", name + ";version=" + version)), name);
    }

    private static Map<String, Object> bundleCap(String id, String version) {
        return Capabilities.of(bundleAttributes(id, version)).get(0).attributes();
    }
}
