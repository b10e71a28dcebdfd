package dev.plinth.catalog.internal;

import static dev.plinth.catalog.internal.TestResources.exports;
import static dev.plinth.catalog.internal.TestResources.imports;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Version;

import dev.plinth.api.plugin.Namespaces;

class InstalledTest {

    @Test
    void providesWhatAnInstalledBundleDeclares() {
        Installed installed = TestResources.installed(List.of(exports("p.text", "1.2.0")));

        assertTrue(installed.provides(imports("p.text")));
        assertTrue(installed.provides(TestResources.requirement(TestResources.PACKAGE,
                "(&(osgi.wiring.package=p.text)(version>=1.0.0))")));
        assertFalse(installed.provides(TestResources.requirement(TestResources.PACKAGE,
                "(&(osgi.wiring.package=p.text)(version>=2.0.0))")));
        assertFalse(installed.provides(imports("p.other")));
        assertFalse(installed.provides(TestResources.requirement("osgi.wiring.bundle", "(osgi.wiring.package=p.text)")));
    }

    @Test
    void uninstalledBundlesProvideNothing() {
        Installed installed = Installed.of(TestResources.context(Bundle.UNINSTALLED, List.of(exports("p.text", "1.0.0"))));

        assertFalse(installed.provides(imports("p.text")));
    }

    @Test
    void runtimeIsTheAttributesOfTheRuntimeCapability() {
        assertEquals(Map.of("version", new Version(0, 3, 0)), TestResources.runtime("0.3.0").runtime());
        assertEquals(Map.of(), TestResources.installed(List.of(exports("p", "1.0.0"))).runtime());
        assertTrue(TestResources.runtime("0.3.0").provides(
                TestResources.requirement(Namespaces.RUNTIME, "(version>=0.2.0)")));
    }
}
