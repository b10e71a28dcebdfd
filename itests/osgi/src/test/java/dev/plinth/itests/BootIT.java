package dev.plinth.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/** The boot set in a real Felix: every bundle active at its start level, every core service working. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BootIT {

    @Inject
    private BundleContext context;

    @Inject
    private ServiceComponentRuntime scr;

    @Inject
    private EventAdmin eventAdmin;

    @Inject
    private CommandProcessor commandProcessor;

    @Inject
    private MetaTypeService metaType;

    @Configuration
    public Option[] configuration() {
        return PlinthRuntime.options(BootIT.class);
    }

    private List<Bundle> bootBundles() {
        List<Bundle> boot = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getLocation().contains("/system/")) {
                boot.add(bundle);
            }
        }
        return boot;
    }

    @Test
    public void everyBootBundleIsActiveAtItsStartLevel() {
        List<Bundle> boot = bootBundles();
        assertTrue("expected the whole boot set, found " + boot.size(), boot.size() >= 25);
        for (Bundle bundle : boot) {
            assertEquals(bundle.getSymbolicName() + " state", Bundle.ACTIVE, bundle.getState());
        }
        Map<String, Integer> expected = Map.of("org.apache.aries.spifly.dynamic.bundle", 1, "ch.qos.logback.classic", 2,
                "dev.plinth.log", 4, "org.apache.felix.scr", 2, "org.apache.felix.configadmin", 3,
                "org.apache.felix.gogo.jline", 90);
        for (Bundle bundle : boot) {
            Integer level = expected.get(bundle.getSymbolicName());
            if (level != null) {
                assertEquals(bundle.getSymbolicName() + " start level", level.intValue(),
                        bundle.adapt(BundleStartLevel.class).getStartLevel());
            }
        }
    }

    @Test
    public void coreServicesAreRegistered() {
        for (Class<?> service : new Class<?>[] {ConfigurationAdmin.class, MetaTypeService.class, EventAdmin.class,
                LogReaderService.class, LoggerFactory.class, ServiceComponentRuntime.class, CommandProcessor.class}) {
            assertNotNull(service.getName() + " is registered", context.getServiceReference(service));
        }
    }

    @Test
    public void plinthComponentsAreActive() {
        Bundle config = Bundles.bySymbolicName(context, "dev.plinth.config");
        List<ComponentDescriptionDTO> descriptions = new ArrayList<>(scr.getComponentDescriptionDTOs(config));
        assertEquals(1, descriptions.size());
        for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(descriptions.get(0))) {
            assertEquals(descriptions.get(0).name + " state", ComponentConfigurationDTO.ACTIVE, configuration.state);
        }
        assertEquals(1, scr.getComponentConfigurationDTOs(descriptions.get(0)).size());
    }

    @Test
    public void metatypeDescribesPlinthsConfiguration() {
        Bundle config = Bundles.bySymbolicName(context, "dev.plinth.config");
        ObjectClassDefinition definition = metaType.getMetaTypeInformation(config)
                .getObjectClassDefinition("dev.plinth.config", null);
        List<String> attributes = new ArrayList<>();
        for (AttributeDefinition attribute : definition.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
            attributes.add(attribute.getID());
        }
        assertEquals(List.of("directory", "settle.ms"), attributes);
    }

    @Test
    public void eventAdminDeliversEvents() throws InterruptedException {
        CountDownLatch delivered = new CountDownLatch(1);
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(EventConstants.EVENT_TOPIC, "dev/plinth/itest/*");
        ServiceRegistration<EventHandler> handler = context.registerService(EventHandler.class, event -> {
            if ("hello".equals(event.getProperty("greeting"))) {
                delivered.countDown();
            }
        }, properties);
        try {
            eventAdmin.postEvent(new Event("dev/plinth/itest/ping", Map.of("greeting", "hello")));
            assertTrue("event delivered within 10 s", delivered.await(10, TimeUnit.SECONDS));
        } finally {
            handler.unregister();
        }
    }

    @Test
    public void shellRunsCommands() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        try (CommandSession session = commandProcessor.createSession(System.in, print, print)) {
            Object result = session.execute("lb -s");
            String listing = String.valueOf(session.format(result, 0)) + out.toString(StandardCharsets.UTF_8);
            for (String name : new String[] {"org.apache.felix.scr", "org.apache.felix.configadmin",
                    "org.apache.felix.gogo.jline", "dev.plinth.config", "dev.plinth.api"}) {
                assertTrue(name + " listed in:\n" + listing, listing.contains(name));
            }
        }
    }
}
