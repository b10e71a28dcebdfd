package dev.plinth.manager.internal;

import static dev.plinth.manager.internal.TestJars.bundleAttributes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RequirementTextTest {

    private static String describe(String namespace, String filter) {
        return RequirementText.describe(new Capabilities.Req(namespace, filter));
    }

    /** The text of the first requirement a manifest with this header has. */
    private static String describeHeader(String header, String value) {
        return RequirementText.describe(Capabilities.requirementsOf(
                bundleAttributes("org.example.app", "1.0.0", header, value)).get(0));
    }

    @Test
    void packageWithAHalfOpenRange() {
        assertEquals("package org.example.a [1.2.0,2.0.0)", describe("osgi.wiring.package",
                "(&(osgi.wiring.package=org.example.a)(&(version>=1.2.0)(!(version>=2.0.0))))"));
        assertEquals("package org.example.a [1.2.0,2.0.0)",
                describeHeader("Import-Package", "org.example.a;version=\"[1.2,2)\""));
    }

    @Test
    void packageWithOnlyALowerBound() {
        assertEquals("package org.example.a >=1.0.0",
                describe("osgi.wiring.package", "(&(osgi.wiring.package=org.example.a)(version>=1.0.0))"));
        assertEquals("package org.example.a >=1.0.0", describeHeader("Import-Package", "org.example.a;version=1.0"));
    }

    @Test
    void packageWithoutARange() {
        assertEquals("package org.example.a", describe("osgi.wiring.package", "(osgi.wiring.package=org.example.a)"));
        assertEquals("package org.example.a", describeHeader("Import-Package", "org.example.a"));
    }

    @Test
    void packageWithAnExactVersion() {
        assertEquals("package org.example.a [1.0.0,1.0.0]",
                describe("osgi.wiring.package", "(&(osgi.wiring.package=org.example.a)(version=1.0.0))"));
        assertEquals("package org.example.a [1.0.0,1.0.0]",
                describeHeader("Import-Package", "org.example.a;version=\"[1.0.0,1.0.0]\""));
    }

    @Test
    void packageWithExclusiveLowerAndInclusiveUpperBounds() {
        assertEquals("package org.example.a (1.0.0,2.0.0)",
                describeHeader("Import-Package", "org.example.a;version=\"(1,2)\""));
        assertEquals("package org.example.a [1.0.0,2.0.0]",
                describeHeader("Import-Package", "org.example.a;version=\"[1,2]\""));
    }

    @Test
    void bundleRequirement() {
        assertEquals("bundle org.example.lib [1.0.0,2.0.0)",
                describeHeader("Require-Bundle", "org.example.lib;bundle-version=\"[1.0,2.0)\""));
        assertEquals("bundle org.example.lib >=1.1.0",
                describeHeader("Require-Bundle", "org.example.lib;bundle-version=1.1"));
        assertEquals("bundle org.example.lib", describeHeader("Require-Bundle", "org.example.lib"));
    }

    @Test
    void executionEnvironment() {
        assertEquals("Java 17", describe("osgi.ee", "(&(osgi.ee=JavaSE)(version=17))"));
    }

    @Test
    void service() {
        assertEquals("a service (objectClass=org.example.Api)",
                describe("osgi.service", "(objectClass=org.example.Api)"));
    }

    @Test
    void otherNamespacesWithAndWithoutFilter() {
        assertEquals("capability osgi.extender (osgi.extender=osgi.component)",
                describe("osgi.extender", "(osgi.extender=osgi.component)"));
        assertEquals("capability custom.ns", describe("custom.ns", null));
    }

    @Test
    void nameFallsBackToTheWholeFilter() {
        assertEquals("org.example.a", RequirementText.name(
                "(&(osgi.wiring.package=org.example.a)(version>=1.0.0))", "osgi.wiring.package"));
        assertEquals("(custom=x)", RequirementText.name("(custom=x)", "osgi.wiring.package"));
    }
}
