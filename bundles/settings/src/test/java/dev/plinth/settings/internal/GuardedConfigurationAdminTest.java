package dev.plinth.settings.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.AttributeDefinition;

import dev.plinth.common.testing.FakeConfigurationAdmin;
import dev.plinth.settings.internal.Fixtures.Attribute;

class GuardedConfigurationAdminTest {

    final Bundle plugin = Fixtures.plugin(10, "x.y");
    final Bundle other = Fixtures.plugin(11, "o.p");
    final Bundle core = Fixtures.bundle(1, "plinth:system/dev.plinth.rest", "dev.plinth.rest");
    final Fixtures.Bundles bundles = new Fixtures.Bundles(plugin, other, core);
    final Fixtures.Schemas schemas = new Fixtures.Schemas();
    final FakeConfigurationAdmin runtime = new FakeConfigurationAdmin();
    ConfigurationAdmin guarded;

    @BeforeEach
    void setUp() {
        schemas.with(plugin, Fixtures.schema("x.y", false, Attribute.of("a", AttributeDefinition.STRING, "")),
                Fixtures.schema("x.y.conn", true, Attribute.of("url", AttributeDefinition.STRING, "")));
        schemas.with(other, Fixtures.schema("o.p", false, Attribute.of("a", AttributeDefinition.STRING, "")),
                Fixtures.schema("o.p.f", true, Attribute.of("a", AttributeDefinition.STRING, "")));
        configure("dev.plinth.rest", null, Map.of("port", 8181));
        configure("o.p", null, Map.of("a", "theirs"));
        configure("o.p.f.4711", "o.p.f", Map.of("a", "made"));
        configure("x.y", null, Map.of("a", "mine"));
        runtime.callerLocation = "plinth:managed/x.y";
        guarded = new GuardedConfigurationAdmin(runtime.admin, "x.y", new PidGuard(new Ownership(bundles, schemas)));
    }

    private void configure(String pid, String factoryPid, Map<String, Object> values) {
        Hashtable<String, Object> properties = new Hashtable<>(values);
        properties.put(Constants.SERVICE_PID, pid);
        if (factoryPid != null) {
            properties.put(ConfigurationAdmin.SERVICE_FACTORYPID, factoryPid);
        }
        runtime.configurations.put(pid, properties);
    }

    private static void refused(String message, Executable call) {
        assertEquals(message, assertThrows(SecurityException.class, call).getMessage());
    }

    @Test
    void aCorePidIsRefusedNamingItsOwnerInAnyCaseAndThroughEveryCall() {
        refused("x.y cannot get the configuration dev.plinth.rest, but dev.plinth.rest owns it",
                () -> guarded.getConfiguration("dev.plinth.rest"));
        refused("x.y cannot get the configuration DEV.Plinth.REST, but dev.plinth.rest owns it",
                () -> guarded.getConfiguration("DEV.Plinth.REST", null));
        refused("x.y cannot get the configuration dev.plinth.other, but the runtime's core owns it",
                () -> guarded.getConfiguration("dev.plinth.other", "?"));
        refused("x.y cannot get the configuration org.apache.felix.http, but the runtime's core owns it",
                () -> guarded.getFactoryConfiguration("org.apache.felix.http", "a"));
        refused("x.y cannot get the configuration dev.plinth.rest, but dev.plinth.rest owns it",
                () -> guarded.getFactoryConfiguration("dev.plinth.rest", "a", "?"));
        refused("x.y cannot create the configuration dev.plinth.rest, but dev.plinth.rest owns it",
                () -> guarded.createFactoryConfiguration("dev.plinth.rest"));
        refused("x.y cannot create the configuration osgi.x, but the runtime's core owns it",
                () -> guarded.createFactoryConfiguration("osgi.x", null));
        assertEquals(8181, runtime.configurations.get("dev.plinth.rest").get("port"));
        assertEquals(4, runtime.configurations.size());
    }

    @Test
    void anotherPluginsPidsAndFactoryConfigurationsAreRefused() {
        refused("x.y cannot get the configuration o.p, but plugin o.p owns it", () -> guarded.getConfiguration("o.p"));
        refused("x.y cannot get the configuration o.p.f~a, but plugin o.p owns it",
                () -> guarded.getConfiguration("o.p.f~a"));
        refused("x.y cannot get the configuration o.p.f, but plugin o.p owns it",
                () -> guarded.getFactoryConfiguration("o.p.f", "a"));
        refused("x.y cannot create the configuration o.p.f, but plugin o.p owns it",
                () -> guarded.createFactoryConfiguration("o.p.f", "?"));
        refused("x.y cannot get the configuration o.p.f, but plugin o.p owns it",
                () -> guarded.getConfiguration("o.p.f.4711"));
        assertEquals("theirs", runtime.configurations.get("o.p").get("a"));
        assertEquals(4, runtime.configurations.size());
    }

    @Test
    void itsOwnConfigurationsWorkAndAListingHoldsOnlyThem() throws Exception {
        Configuration own = guarded.getConfiguration("x.y");
        assertEquals("mine", own.getProperties().get("a"));
        own.update(new Hashtable<>(Map.of("a", "changed")));
        Configuration named = guarded.getFactoryConfiguration("x.y.conn", "main");
        named.update(new Hashtable<>(Map.of("url", "http://h")));
        guarded.getConfiguration("com.example.undeclared").update(new Hashtable<>(Map.of("k", "v")));

        assertEquals(List.of("com.example.undeclared", "x.y", "x.y.conn~main"), pids(guarded.listConfigurations(null)));
        assertEquals(List.of("x.y"), pids(guarded.listConfigurations("(a=*)")));
        assertEquals("changed", runtime.configurations.get("x.y").get("a"));
        guarded.getConfiguration("x.y").delete();
        assertNull(runtime.configurations.get("x.y"));
        assertNull(guarded.listConfigurations("(a=*)"));
        assertNotNull(runtime.admin.listConfigurations("(a=*)"));
    }

    @Test
    void aConfigurationThePluginKeptIsCheckedAgainAtEveryCall() throws Exception {
        Configuration kept = guarded.getConfiguration("com.example.undeclared");
        kept.update(new Hashtable<>(Map.of("k", "v")));
        assertEquals(guarded.getConfiguration("com.example.undeclared"), kept);
        assertEquals(guarded.getConfiguration("com.example.undeclared").hashCode(), kept.hashCode());
        refused("x.y cannot bind a configuration to the location plinth:system/dev.plinth.rest: a plugin binds its "
                + "configurations to itself (no location) or to a region (?name)",
                () -> kept.setBundleLocation("plinth:system/dev.plinth.rest"));

        schemas.with(other, Fixtures.schema("o.p", false, Attribute.of("a", AttributeDefinition.STRING, "")),
                Fixtures.schema("com.example.undeclared", false, Attribute.of("k", AttributeDefinition.STRING, "")));

        String message = "x.y cannot %s the configuration com.example.undeclared, but plugin o.p owns it";
        refused(message.formatted("update"), () -> kept.update(new Hashtable<>(Map.of("k", "stolen"))));
        refused(message.formatted("update"), () -> kept.update());
        refused(message.formatted("update"), () -> kept.updateIfDifferent(new Hashtable<>(Map.of("k", "x"))));
        refused(message.formatted("read"), kept::getProperties);
        refused(message.formatted("read"), () -> kept.getProcessedProperties(null));
        refused(message.formatted("bind"), () -> kept.setBundleLocation("plinth:managed/x.y"));
        refused(message.formatted("delete"), kept::delete);
        refused(message.formatted("lock"), () -> kept.addAttributes(Configuration.ConfigurationAttribute.READ_ONLY));
        assertEquals("v", runtime.configurations.get("com.example.undeclared").get("k"));
    }

    @Test
    void anUndeclaredPidIsThePluginsItsConfigurationIsBoundTo() throws Exception {
        configure("com.example.theirs", null, Map.of("a", "theirs"));
        runtime.locations.put("com.example.theirs", "plinth:managed/o.p");
        configure("com.example.core", null, Map.of("a", "core"));
        runtime.locations.put("com.example.core", "plinth:system/dev.plinth.rest");
        configure("com.example.region", null, Map.of("a", "operator"));
        runtime.locations.put("com.example.region", "?r");
        configure("com.example.unbound", null, Map.of("a", "operator"));
        configure("x.y.unbound", null, Map.of("a", "operator, for x.y"));
        guarded.getConfiguration("com.example.mine").update(new Hashtable<>(Map.of("a", "mine")));

        refused("x.y cannot get the configuration com.example.theirs, but plugin o.p (it is bound to it) owns it",
                () -> guarded.getConfiguration("com.example.theirs"));
        refused("x.y cannot get the configuration com.example.core, but the bundle at plinth:system/dev.plinth.rest "
                + "(it is bound to it) owns it", () -> guarded.getConfiguration("com.example.core", "?"));
        refused("x.y cannot get the configuration com.example.region, but the operator (it is bound to ?r) owns it",
                () -> guarded.getConfiguration("com.example.region"));
        refused("x.y cannot get the configuration com.example.unbound, but the operator (it is bound to no bundle) "
                + "owns it", () -> guarded.getConfiguration("com.example.unbound"));
        assertEquals("operator, for x.y", guarded.getConfiguration("x.y.unbound").getProperties().get("a"));
        assertEquals("plinth:managed/x.y", runtime.locations.get("com.example.mine"));
        assertEquals(List.of("com.example.mine", "x.y", "x.y.unbound"), pids(guarded.listConfigurations(null)));
        assertEquals("theirs", runtime.configurations.get("com.example.theirs").get("a"));
    }

    @Test
    void throughAnotherBundlesServiceThePluginsLocationIsPassedAndBindsWhatItGets() throws Exception {
        runtime.callerLocation = null;
        configure("x.y.unbound", null, Map.of("a", "operator, for x.y"));
        ConfigurationAdmin passing = new GuardedConfigurationAdmin(runtime.admin, "x.y", "plinth:managed/x.y",
                new PidGuard(new Ownership(bundles, schemas)));

        passing.getConfiguration("com.example.mine").update(new Hashtable<>(Map.of("a", "mine")));
        passing.getConfiguration("x.y.unbound");
        passing.getFactoryConfiguration("x.y.conn", "main").update(new Hashtable<>(Map.of("url", "u")));

        assertEquals("plinth:managed/x.y", runtime.locations.get("com.example.mine"));
        assertEquals("plinth:managed/x.y", runtime.locations.get("x.y.unbound"));
        assertEquals("plinth:managed/x.y", runtime.locations.get("x.y.conn~main"));
        refused("x.y cannot get the configuration o.p, but plugin o.p owns it", () -> passing.getConfiguration("o.p"));
        assertNull(runtime.locations.get("o.p"));
    }

    @Test
    void aPidThatIsNotASymbolicNameIsRefused() {
        for (Executable call : List.<Executable>of(() -> guarded.getConfiguration(" dev.plinth.rest"),
                () -> guarded.getConfiguration("x.y ", "?"), () -> guarded.getFactoryConfiguration("x.y..conn", "a"),
                () -> guarded.createFactoryConfiguration("x/y"), () -> guarded.getConfiguration(" x.y~a"))) {
            assertThrows(IllegalArgumentException.class, call);
        }
        assertEquals(4, runtime.configurations.size());
    }

    @Test
    void withoutTheMetatypesEveryPidIsRefused() {
        ConfigurationAdmin blind = new GuardedConfigurationAdmin(runtime.admin, "x.y", new PidGuard(new Ownership(
                bundles, bundle -> {
                    throw new IllegalStateException("the Metatype service is not available");
                })));

        refused("the owner of the configuration x.y cannot be checked (the Metatype service is not available): x.y "
                + "is refused it", () -> blind.getConfiguration("x.y"));
    }

    private static List<String> pids(Configuration[] configurations) {
        return Arrays.stream(configurations).map(Configuration::getPid).sorted().toList();
    }

    @Test
    void aPluginBindsItsOwnConfigurationsToItselfOrARegionButNotToAnotherBundle() throws Exception {
        refused("x.y cannot bind a configuration to the location plinth:system/dev.plinth.rest: a plugin binds its "
                + "configurations to itself (no location) or to a region (?name)",
                () -> guarded.getConfiguration("x.y", "plinth:system/dev.plinth.rest"));
        refused("x.y cannot bind a configuration to the location plinth:managed/o.p: a plugin binds its "
                + "configurations to itself (no location) or to a region (?name)",
                () -> guarded.createFactoryConfiguration("x.y.conn", "plinth:managed/o.p"));
        refused("x.y cannot bind a configuration to the location plinth:managed/o.p: a plugin binds its "
                + "configurations to itself (no location) or to a region (?name)",
                () -> guarded.getFactoryConfiguration("x.y.conn", "a", "plinth:managed/o.p"));

        assertNotNull(guarded.getConfiguration("x.y", "plinth:managed/x.y"));
        assertNotNull(guarded.getConfiguration("x.y", "?"));
        assertNotNull(guarded.getConfiguration("x.y", null));
    }
}
