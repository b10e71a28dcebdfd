package dev.plinth.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.function.ThrowingRunnable;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.cm.ConfigurationPlugin;
import org.osgi.service.cm.ManagedService;
import org.osgi.service.cm.SynchronousConfigurationListener;

import dev.plinth.common.testing.BundleJar;

/**
 * A plugin that looks up Configuration Admin itself gets Plinth's guarded one: every call on a core PID or on another
 * plugin's PID is refused naming the owner and changes nothing, its own configurations work, and a listing holds
 * only them; a configuration plugin it registers is never called, its configuration listeners see only its own
 * configurations with the guarded service; a Declarative Services reference gets the guarded one too. The runtime's own bundles still see the runtime's Configuration Admin.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConfigurationGuardIT extends PluginsFixture {

    private static final String HOSTILE = "test.hostile";
    private static final String VICTIM = "test.victim";
    private static final String CORE_PID = "dev.plinth.itest.guard";
    private static final String GUARDED = "plinth.settings.guarded";

    @Inject
    private ConfigurationAdmin runtimeAdmin;

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private final List<Bundle> installedBundles = new ArrayList<>();
    private ConfigurationAdmin hostileAdmin;
    private BundleContext hostile;

    @Configuration
    public Option[] configuration() {
        return PlinthRuntime.options(PlinthRuntime.testHome(ConfigurationGuardIT.class));
    }

    private static String metatype(String pid) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <metatype:MetaData xmlns:metatype="http://www.osgi.org/xmlns/metatype/v1.4.0">
                  <OCD id="s" name="Settings"><AD id="a" type="String" default="x" name="A"/></OCD>
                  <Designate pid="%1$s"><Object ocdref="s"/></Designate>
                  <Designate factoryPid="%1$s.conn"><Object ocdref="s"/></Designate>
                </metatype:MetaData>
                """.formatted(pid);
    }

    private void installPlugin(String id) throws Exception {
        var jar = BundleJar.bundle(id, "1.0.0").imports("org.osgi.framework,org.osgi.service.cm")
                .entry("OSGI-INF/metatype/settings.xml", metatype(id))
                .header("Service-Component", "OSGI-INF/user.xml").entry("OSGI-INF/user.xml", GuardedAdminUser.COMPONENT)
                .classOf(GuardedAdminUser.class).writeInto(jars);
        manager.install(jar.toUri(), Plugins.OPTIONS.withEnable(true));
    }

    @Before
    public void setUp() throws Exception {
        installPlugin(VICTIM);
        installPlugin(HOSTILE);
        update(runtimeAdmin.getConfiguration(CORE_PID, "?"), "a", "core");
        update(runtimeAdmin.getConfiguration(VICTIM, "?"), "a", "theirs");
        update(runtimeAdmin.getFactoryConfiguration(VICTIM + ".conn", "one", "?"), "a", "theirs");
        Bundle bundle = plugins.bundle(HOSTILE);
        Await.until("the hostile plugin active", Plugins.BOUND, () -> bundle.getState() == Bundle.ACTIVE);
        hostile = bundle.getBundleContext();
        ServiceReference<ConfigurationAdmin> reference = Await.until("Configuration Admin for the plugin",
                Plugins.BOUND, () -> hostile.getServiceReference(ConfigurationAdmin.class));
        hostileAdmin = hostile.getService(reference);
    }

    @After
    public void tearDown() throws Exception {
        registrations.forEach(r -> {
            try {
                r.unregister();
            } catch (IllegalStateException e) {
                // gone with its plugin
            }
        });
        for (Bundle bundle : installedBundles) {
            bundle.uninstall();
        }
        for (String filter : List.of("(service.pid=" + CORE_PID + ")", "(service.pid=" + VICTIM + ")",
                "(service.factoryPid=" + VICTIM + ".conn)", "(service.pid=" + HOSTILE + "*)",
                "(service.pid=com.example.*)")) {
            org.osgi.service.cm.Configuration[] left = runtimeAdmin.listConfigurations(filter);
            for (org.osgi.service.cm.Configuration configuration : left == null
                    ? new org.osgi.service.cm.Configuration[0] : left) {
                configuration.delete();
            }
        }
    }

    private static void update(org.osgi.service.cm.Configuration configuration, String key, String value)
            throws IOException {
        configuration.update(new Hashtable<>(Map.of(key, value)));
    }

    private Object runtimeValue(String pid) throws IOException {
        return runtimeAdmin.getConfiguration(pid, "?").getProperties().get("a");
    }

    private static void refused(String message, ThrowingRunnable call) {
        assertEquals(message, assertThrows(SecurityException.class, call).getMessage());
    }

    @Test
    public void thePluginSeesOnlyTheGuardedServiceAndTheRuntimesBundlesOnlyTheRuntimesOne() throws Exception {
        Collection<ServiceReference<ConfigurationAdmin>> seenByPlugin = hostile.getServiceReferences(
                ConfigurationAdmin.class, null);
        Collection<ServiceReference<ConfigurationAdmin>> seenByCore = context.getServiceReferences(
                ConfigurationAdmin.class, null);

        assertEquals(1, seenByPlugin.size());
        assertEquals(Boolean.TRUE, seenByPlugin.iterator().next().getProperty(GUARDED));
        assertEquals(1, seenByCore.size());
        ServiceReference<ConfigurationAdmin> runtime = seenByCore.iterator().next();
        assertNull(runtime.getProperty(GUARDED));
        assertEquals("org.apache.felix.configadmin", runtime.getBundle().getSymbolicName());
        assertTrue("the runtime's service is not among the plugin's services in use", Arrays.stream(
                hostile.getBundle().getServicesInUse()).noneMatch(r -> r.getBundle().equals(runtime.getBundle())));
        assertTrue("the guard starts before the plugin manager, so before any plugin",
                startLevel("dev.plinth.settings") < startLevel("dev.plinth.manager"));
    }

    @Test
    public void aDeclarativeServicesReferenceGivesThePluginTheGuardedService() throws Exception {
        @SuppressWarnings("rawtypes")
        Collection<ServiceReference<Supplier>> users = Await.until("the plugin's component", Plugins.BOUND, () -> {
            try {
                @SuppressWarnings("rawtypes")
                Collection<ServiceReference<Supplier>> found = context.getServiceReferences(Supplier.class,
                        "(guardprobe=true)");
                return found.stream().anyMatch(r -> r.getBundle().getSymbolicName().equals(HOSTILE)) ? found : null;
            } catch (InvalidSyntaxException e) {
                throw new AssertionError(e);
            }
        });
        ServiceReference<?> user = users.stream().filter(r -> r.getBundle().getSymbolicName().equals(HOSTILE))
                .findFirst().orElseThrow();

        assertEquals("refused: test.hostile cannot get the configuration dev.plinth.rest, but dev.plinth.rest owns it",
                ((Supplier<?>) context.getService(user)).get());
    }

    private int startLevel(String symbolicName) {
        Bundle bundle = Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName()))
                .findFirst().orElseThrow();
        return bundle.adapt(BundleStartLevel.class).getStartLevel();
    }

    @Test
    public void everyCallOnACorePidIsRefusedAndChangesNothing() throws Exception {
        refused("test.hostile cannot get the configuration dev.plinth.rest, but dev.plinth.rest owns it",
                () -> hostileAdmin.getConfiguration("dev.plinth.rest"));
        refused("test.hostile cannot get the configuration " + CORE_PID + ", but the runtime's core owns it",
                () -> hostileAdmin.getConfiguration(CORE_PID));
        refused("test.hostile cannot get the configuration DEV.PLINTH.ITEST.GUARD, but the runtime's core owns it",
                () -> hostileAdmin.getConfiguration("DEV.PLINTH.ITEST.GUARD", "?"));
        refused("test.hostile cannot get the configuration dev.plinth.rest, but dev.plinth.rest owns it",
                () -> hostileAdmin.getFactoryConfiguration("dev.plinth.rest", "x"));
        refused("test.hostile cannot get the configuration dev.plinth.rest, but dev.plinth.rest owns it",
                () -> hostileAdmin.getFactoryConfiguration("dev.plinth.rest", "x", "?"));
        refused("test.hostile cannot create the configuration dev.plinth.rest, but dev.plinth.rest owns it",
                () -> hostileAdmin.createFactoryConfiguration("dev.plinth.rest"));
        refused("test.hostile cannot create the configuration dev.plinth.rest, but dev.plinth.rest owns it",
                () -> hostileAdmin.createFactoryConfiguration("dev.plinth.rest", "?"));

        assertNull("the plugin has none of its own yet", hostileAdmin.listConfigurations(null));
        assertEquals("core", runtimeValue(CORE_PID));
        assertNull(runtimeAdmin.listConfigurations("(service.factoryPid=dev.plinth.rest)"));
    }

    @Test
    public void everyCallOnAnotherPluginsPidIsRefusedAndChangesNothing() throws Exception {
        refused("test.hostile cannot get the configuration test.victim, but plugin test.victim owns it",
                () -> hostileAdmin.getConfiguration(VICTIM));
        refused("test.hostile cannot get the configuration test.victim, but plugin test.victim owns it",
                () -> hostileAdmin.getConfiguration(VICTIM, null));
        refused("test.hostile cannot get the configuration test.victim.conn~one, but plugin test.victim owns it",
                () -> hostileAdmin.getConfiguration(VICTIM + ".conn~one"));
        refused("test.hostile cannot get the configuration test.victim.conn, but plugin test.victim owns it",
                () -> hostileAdmin.getFactoryConfiguration(VICTIM + ".conn", "one"));
        refused("test.hostile cannot create the configuration test.victim.conn, but plugin test.victim owns it",
                () -> hostileAdmin.createFactoryConfiguration(VICTIM + ".conn", "?"));

        assertNull(hostileAdmin.listConfigurations("(a=theirs)"));
        assertEquals("theirs", runtimeValue(VICTIM));
        assertEquals("theirs", runtimeAdmin.getFactoryConfiguration(VICTIM + ".conn", "one", "?").getProperties()
                .get("a"));
    }

    @Test
    public void aBundleThePluginInstallsItselfIsThePluginsAndClaimsNoNamespaceOfTheCore() throws Exception {
        Bundle escape = installed(hostile.installBundle("test:escape",
                new java.io.ByteArrayInputStream(BundleJar.bundle("test", "1.0.0").imports("org.osgi.framework")
                        .toBytes())));
        Bundle nested = installed(escape.getBundleContext().installBundle("test:nested",
                new java.io.ByteArrayInputStream(BundleJar.bundle("test.nested", "1.0.0")
                        .imports("org.osgi.framework").toBytes())));
        registrations.add(escape.getBundleContext().registerService(ConfigurationAdmin.class, runtimeAdmin,
                FrameworkUtil.asDictionary(Map.of("service.ranking", Integer.MAX_VALUE))));

        for (Bundle bundle : List.of(escape, nested)) {
            Collection<ServiceReference<ConfigurationAdmin>> seen = bundle.getBundleContext()
                    .getServiceReferences(ConfigurationAdmin.class, null);
            assertEquals(bundle.getLocation(), 1, seen.size());
            ServiceReference<ConfigurationAdmin> reference = seen.iterator().next();
            assertEquals(Boolean.TRUE, reference.getProperty(GUARDED));
            ConfigurationAdmin admin = bundle.getBundleContext().getService(reference);
            refused("test.hostile cannot get the configuration dev.plinth.rest, but dev.plinth.rest owns it",
                    () -> admin.getConfiguration("dev.plinth.rest"));
        }
        Collection<ServiceReference<ConfigurationAdmin>> seenByCore = context.getServiceReferences(
                ConfigurationAdmin.class, null);
        assertEquals(1, seenByCore.size());
        assertEquals("org.apache.felix.configadmin", seenByCore.iterator().next().getBundle().getSymbolicName());
        ConfigurationAdmin victimAdmin = plugins.bundle(VICTIM).getBundleContext().getService(
                plugins.bundle(VICTIM).getBundleContext().getServiceReference(ConfigurationAdmin.class));
        assertEquals("the bundle named test claims no namespace test.*", "theirs",
                victimAdmin.getConfiguration(VICTIM).getProperties().get("a"));
    }

    private Bundle installed(Bundle bundle) throws Exception {
        installedBundles.add(bundle);
        bundle.start();
        return bundle;
    }

    @Test
    public void aPidNoMetatypeDeclaresIsThePluginsItsConfigurationIsBoundTo() throws Exception {
        BundleContext victim = plugins.bundle(VICTIM).getBundleContext();
        ConfigurationAdmin victimAdmin = victim.getService(victim.getServiceReference(ConfigurationAdmin.class));
        Recorder listener = new Recorder();
        registrations.add(hostile.registerService(ConfigurationListener.class, listener, null));
        update(victimAdmin.getConfiguration("com.example.victims"), "a", "secret");
        update(runtimeAdmin.getConfiguration("com.example.operators", "?"), "a", "operator");
        update(hostileAdmin.getConfiguration("com.example.hostiles"), "a", "mine");
        Await.until("the plugin's listener told of its own configuration", Plugins.BOUND,
                () -> listener.pids.contains("com.example.hostiles"));

        assertEquals(plugins.bundle(VICTIM).getLocation(),
                runtimeAdmin.getConfiguration("com.example.victims", "?").getBundleLocation());
        refused("test.hostile cannot get the configuration com.example.victims, but plugin test.victim (it is bound "
                + "to it) owns it", () -> hostileAdmin.getConfiguration("com.example.victims"));
        refused("test.hostile cannot get the configuration com.example.operators, but the operator (it is bound to ?) "
                + "owns it", () -> hostileAdmin.getConfiguration("com.example.operators"));
        assertEquals(List.of("com.example.hostiles"), Arrays.stream(hostileAdmin.listConfigurations(
                "(service.pid=com.example.*)")).map(org.osgi.service.cm.Configuration::getPid).toList());
        assertEquals(List.of("com.example.hostiles"), listener.pids);
        assertEquals("secret", victimAdmin.getConfiguration("com.example.victims").getProperties().get("a"));
    }

    @Test
    public void itsOwnConfigurationsCanBeCreatedReadChangedListedAndDeleted() throws Exception {
        update(hostileAdmin.getConfiguration(HOSTILE), "a", "mine");
        update(hostileAdmin.getFactoryConfiguration(HOSTILE + ".conn", "main"), "a", "named");
        update(hostileAdmin.createFactoryConfiguration(HOSTILE + ".conn"), "a", "made");

        org.osgi.service.cm.Configuration[] own = hostileAdmin.listConfigurations(null);
        assertEquals(3, own.length);
        assertTrue(Arrays.stream(own).allMatch(c -> c.getPid().startsWith(HOSTILE)));
        assertEquals("mine", hostileAdmin.getConfiguration(HOSTILE).getProperties().get("a"));
        assertEquals("mine", runtimeAdmin.getConfiguration(HOSTILE).getProperties().get("a"));

        hostileAdmin.getConfiguration(HOSTILE).delete();
        assertEquals(2, hostileAdmin.listConfigurations(null).length);
        assertNull(runtimeAdmin.listConfigurations("(service.pid=" + HOSTILE + ")"));
        assertEquals("core", runtimeValue(CORE_PID));
    }

    @Test
    public void aPluginsConfigurationPluginIsNeverCalledAndItsListenersSeeOnlyItsOwnWithTheGuardedService()
            throws Exception {
        Recorder plugin = new Recorder();
        Recorder control = new Recorder();
        Recorder listener = new Recorder();
        Recorder synchronous = new Recorder();
        registrations.add(hostile.registerService(ConfigurationPlugin.class, plugin, null));
        registrations.add(hostile.registerService(ConfigurationListener.class, listener, null));
        registrations.add(hostile.registerService(SynchronousConfigurationListener.class, synchronous::configurationEvent,
                null));
        registrations.add(context.registerService(ConfigurationPlugin.class, control, null));
        Recorder received = new Recorder();
        registrations.add(context.registerService(ManagedService.class, received,
                FrameworkUtil.asDictionary(Map.of("service.pid", CORE_PID))));

        update(runtimeAdmin.getConfiguration(CORE_PID, "?"), "a", "core, again");
        update(hostileAdmin.getConfiguration(HOSTILE), "a", "mine");
        Await.until("the core configuration delivered, through the runtime's configuration plugins", Plugins.BOUND,
                () -> received.values.contains("core, again") && control.pids.contains(CORE_PID));
        Await.until("the plugin's listeners told of its own configuration", Plugins.BOUND,
                () -> listener.pids.contains(HOSTILE) && synchronous.pids.contains(HOSTILE));

        assertEquals(List.of(), plugin.pids);
        assertTrue(listener.pids.toString(), listener.pids.stream().allMatch(HOSTILE::equals));
        assertTrue(synchronous.pids.toString(), synchronous.pids.stream().allMatch(HOSTILE::equals));
        assertTrue(listener.guarded.stream().allMatch(Boolean.TRUE::equals));
        ConfigurationAdmin fromEvent = hostile.getService(listener.references.get(0));
        refused("test.hostile cannot get the configuration " + CORE_PID + ", but the runtime's core owns it",
                () -> fromEvent.getConfiguration(CORE_PID));
        Path log = Path.of(context.getProperty("plinth.log"), "plinth.log");
        Await.until("the log naming the plugin whose configuration plugin is hidden", Plugins.BOUND,
                () -> FileText.orEmpty(log).contains(
                        "plugin test.hostile registers a Configuration Admin plugin: it is never called"));
    }

    /** Records what a configuration plugin, listener or managed service is given. */
    static final class Recorder implements ConfigurationPlugin, ConfigurationListener, ManagedService {

        final List<String> pids = new CopyOnWriteArrayList<>();
        final List<Object> values = new CopyOnWriteArrayList<>();
        final List<Object> guarded = new CopyOnWriteArrayList<>();
        final List<ServiceReference<ConfigurationAdmin>> references = new CopyOnWriteArrayList<>();

        @Override
        public void modifyConfiguration(ServiceReference<?> reference, Dictionary<String, Object> properties) {
            pids.add((String) properties.get("service.pid"));
        }

        @Override
        public void configurationEvent(ConfigurationEvent event) {
            // the pid last: a test that waits for it then finds the reference
            guarded.add(event.getReference().getProperty(GUARDED));
            references.add(event.getReference());
            pids.add(event.getPid());
        }

        @Override
        public void updated(Dictionary<String, ?> properties) {
            if (properties != null) {
                values.add(properties.get("a"));
            }
        }
    }
}
