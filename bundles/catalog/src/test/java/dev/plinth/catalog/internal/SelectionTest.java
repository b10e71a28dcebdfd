package dev.plinth.catalog.internal;

import static dev.plinth.catalog.internal.TestResources.exports;
import static dev.plinth.catalog.internal.TestResources.imports;
import static dev.plinth.catalog.internal.TestResources.importsOptionally;
import static dev.plinth.catalog.internal.TestResources.needingRuntime;
import static dev.plinth.catalog.internal.TestResources.resource;
import static dev.plinth.catalog.internal.TestResources.runtime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;

import dev.plinth.api.plugin.Namespaces;

class SelectionTest {

    private static final String AT_LEAST_ONE = "(version>=1.0.0)";
    private static final String ZERO_X = "(&(version>=0.1.0)(!(version>=1.0.0)))";

    private static List<String> labels(List<IndexResource> resources) {
        return resources.stream().map(IndexResource::label).toList();
    }

    private static IndexResource library(String id, String version, List<IndexResource.Capability> provides,
            IndexResource.Requirement... requires) {
        return resource(id, version, provides, List.of(requires));
    }

    @Test
    void versionsAreNewestFirstComparedAsVersions() {
        Selection selection = new Selection(List.of(resource("a", "1.0.0"), resource("a", "10.0.0"),
                resource("b", "3.0.0"), resource("a", "2.0.0"), resource("a", "1.5.0.beta")), runtime("0.5.0"));

        assertEquals(List.of("a 10.0.0", "a 2.0.0", "a 1.5.0.beta", "a 1.0.0"), labels(selection.versions("a")));
        assertEquals(List.of(), selection.versions("c"));
    }

    @Test
    void theFirstCatalogueWinsForAVersionOfferedTwice() {
        IndexResource first = resource("a", "1.0.0");
        IndexResource second = new IndexResource("a", new Version(1, 0, 0), "", "file:/other/index.xml",
                URI.create("file:/other/a.jar"), "1".repeat(64), -1, List.of(), List.of());

        List<IndexResource> versions = new Selection(List.of(first, second), runtime("0.5.0")).versions("a");

        assertEquals(1, versions.size());
        assertSame(first, versions.get(0));
    }

    @Test
    void newestCompatibleSkipsVersionsForAnotherRuntime() {
        List<IndexResource> offered = List.of(resource("a", "1.0.0"), needingRuntime("a", "2.0.0", ZERO_X),
                needingRuntime("a", "3.0.0", AT_LEAST_ONE));

        assertEquals("a 2.0.0", new Selection(offered, runtime("0.5.0")).newestCompatible("a").orElseThrow().label());
        assertEquals("a 3.0.0", new Selection(offered, runtime("1.2.0")).newestCompatible("a").orElseThrow().label());
    }

    @Test
    void newestCompatibleIsEmptyWhenTheRuntimeRunsNoVersion() {
        Selection selection = new Selection(List.of(needingRuntime("a", "3.0.0", AT_LEAST_ONE)), runtime("0.5.0"));

        assertEquals(Optional.empty(), selection.newestCompatible("a"));
        assertEquals(Optional.empty(), selection.newestCompatible("absent"));
    }

    @Test
    void withoutARuntimeCapabilityOnlyResourcesThatNameNoRuntimeAreCompatible() {
        Selection selection = new Selection(List.of(), TestResources.installed(List.of(exports("p", "1.0.0"))));

        assertTrue(selection.compatible(resource("a", "1.0.0")));
        assertFalse(selection.compatible(needingRuntime("a", "1.0.0", ZERO_X)));
        assertEquals("unknown", selection.runtimeVersion());
    }

    @Test
    void aRuntimeFilterThatDoesNotParseIsIncompatible() {
        Selection selection = new Selection(List.of(), runtime("0.5.0"));

        assertFalse(selection.compatible(needingRuntime("a", "1.0.0", "(version>=")));
        assertEquals("0.5.0", selection.runtimeVersion());
    }

    @Test
    void librariesAreTheProvidersOfUnmetMandatoryRequirementsTransitively() {
        IndexResource app = library("app", "1.0.0", List.of(), imports("p.text"), importsOptionally("p.colour"));
        IndexResource text = library("text", "1.0.0", List.of(exports("p.text", "1.0.0")), imports("p.base"));
        IndexResource base = library("base", "1.0.0", List.of(exports("p.base", "1.0.0")));
        IndexResource colour = library("colour", "1.0.0", List.of(exports("p.colour", "1.0.0")));
        Selection selection = new Selection(List.of(colour, base, app, text), runtime("0.5.0"));

        assertEquals(List.of("text 1.0.0", "base 1.0.0"), labels(selection.libraries(app)));
    }

    @Test
    void librariesLeaveOutWhatAnInstalledBundleProvides() {
        IndexResource app = library("app", "1.0.0", List.of(), imports("p.text"), imports("p.json"));
        IndexResource text = library("text", "1.0.0", List.of(exports("p.text", "1.0.0")), imports("p.base"));
        IndexResource base = library("base", "1.0.0", List.of(exports("p.base", "1.0.0")));
        IndexResource json = library("json", "1.0.0", List.of(exports("p.json", "1.0.0")));
        Selection selection = new Selection(List.of(app, text, base, json),
                runtime("0.5.0", exports("p.text", "1.2.0")));

        assertEquals(List.of("json 1.0.0"), labels(selection.libraries(app)));
    }

    @Test
    void librariesTakeTheNewestProviderInTheRequiredRangeThatTheRuntimeCanRun() {
        String range = "(&(osgi.wiring.package=p.text)(version>=1.0.0)(!(version>=2.0.0)))";
        IndexResource app = library("app", "1.0.0", List.of(),
                TestResources.requirement(TestResources.PACKAGE, range));
        Selection selection = new Selection(List.of(app, library("text", "1.2.0", List.of(exports("p.text", "1.2.0"))),
                library("text", "2.1.0", List.of(exports("p.text", "2.1.0"))),
                library("text", "1.4.0", List.of(exports("p.text", "1.4.0"))),
                resource("text", "1.9.0", List.of(exports("p.text", "1.9.0")),
                        List.of(TestResources.requirement(Namespaces.RUNTIME, AT_LEAST_ONE)))), runtime("0.5.0"));

        assertEquals(List.of("text 1.4.0"), labels(selection.libraries(app)));
    }

    @Test
    void librariesNeverIncludeTheRootOrWhatItProvidesItself() {
        IndexResource app = library("app", "1.0.0", List.of(exports("p.app", "1.0.0")), imports("p.app"),
                imports("p.lib"));
        IndexResource lib = library("lib", "1.0.0", List.of(exports("p.lib", "1.0.0")), imports("p.app"));
        IndexResource otherApp = library("app", "2.0.0", List.of(exports("p.app", "2.0.0")));
        Selection selection = new Selection(List.of(app, lib, otherApp), runtime("0.5.0"));

        assertEquals(List.of("lib 1.0.0"), labels(selection.libraries(app)));
    }

    @Test
    void librariesThatNeedEachOtherAreEachChosenOnce() {
        IndexResource app = library("app", "1.0.0", List.of(), imports("p.a"));
        IndexResource a = library("a", "1.0.0", List.of(exports("p.a", "1.0.0")), imports("p.b"));
        IndexResource b = library("b", "1.0.0", List.of(exports("p.b", "1.0.0")), imports("p.a"));
        Selection selection = new Selection(List.of(app, a, b), runtime("0.5.0"));

        assertEquals(List.of("a 1.0.0", "b 1.0.0"), labels(selection.libraries(app)));
    }

    @Test
    void aRequirementNoCatalogueMeetsIsLeftToThePluginManager() {
        IndexResource app = library("app", "1.0.0", List.of(), imports("p.missing"), imports("p.lib"));
        IndexResource lib = library("lib", "1.0.0", List.of(exports("p.lib", "1.0.0")));

        assertEquals(List.of("lib 1.0.0"), labels(new Selection(List.of(app, lib), runtime("0.5.0")).libraries(app)));
    }

    @Test
    void requirementsEffectiveOnlyAtActiveTimeAreNotLibraries() {
        IndexResource.Requirement active = new IndexResource.Requirement(TestResources.PACKAGE,
                "(osgi.wiring.package=p.lib)", Map.of("effective", "active"));
        IndexResource app = library("app", "1.0.0", List.of(), active);
        IndexResource lib = library("lib", "1.0.0", List.of(exports("p.lib", "1.0.0")));

        assertEquals(List.of(), new Selection(List.of(app, lib), runtime("0.5.0")).libraries(app));
    }

    @Test
    void providerOfACommandIsTheNewestCompatiblePluginDeclaringIt() {
        IndexResource.Capability greet = new IndexResource.Capability(Namespaces.COMMAND,
                Map.of("osgi.command.scope", "greet", "osgi.command.function", List.of("hello", "bye")));
        Selection selection = new Selection(List.of(resource("greeter", "1.0.0", List.of(greet), List.of()),
                resource("greeter", "1.1.0", List.of(greet), List.of()),
                resource("greeter", "2.0.0", List.of(greet),
                        List.of(TestResources.requirement(Namespaces.RUNTIME, AT_LEAST_ONE)))), runtime("0.5.0"));

        assertEquals("greeter 1.1.0", selection.providerOf("greet:hello").orElseThrow().label());
        assertEquals("greeter 1.1.0", selection.providerOf(" bye ").orElseThrow().label());
        assertEquals(Optional.empty(), selection.providerOf("other:hello"));
        assertEquals(Optional.empty(), selection.providerOf("hell"));
    }
}
