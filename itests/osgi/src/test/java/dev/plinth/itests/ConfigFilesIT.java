package dev.plinth.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ManagedService;

/** Files in etc/ become configurations, follow their files, and bad files change nothing. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConfigFilesIT {

    private static final Duration BOUND = Duration.ofSeconds(10);

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Configuration
    public Option[] configuration() {
        return PlinthRuntime.options(ConfigFilesIT.class);
    }

    private Path etc() {
        return Path.of(context.getProperty("plinth.etc"));
    }

    @After
    public void emptyEtc() throws IOException {
        try (var files = Files.list(etc())) {
            for (Path file : files.toList()) {
                if (!file.getFileName().toString().equals("logback.xml")) {
                    Files.delete(file);
                }
            }
        }
        Await.until("configurations from files are gone", BOUND, () -> list("(plinth.config.file=*)") == null);
    }

    private org.osgi.service.cm.Configuration[] list(String filter) {
        try {
            return configurationAdmin.listConfigurations(filter);
        } catch (IOException | InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** Waits for the configuration {@code pid} to have {@code key} set to {@code value}; returns its properties. */
    private Dictionary<String, Object> awaitValue(String pid, String key, Object value) {
        return Await.until(pid + " has " + key + "=" + value, BOUND, () -> {
            org.osgi.service.cm.Configuration[] found = list("(" + Constants.SERVICE_PID + "=" + pid + ")");
            if (found == null || found[0].getProperties() == null) {
                return null;
            }
            Dictionary<String, Object> properties = found[0].getProperties();
            return value.equals(properties.get(key)) ? properties : null;
        });
    }

    private void write(String name, String content) throws IOException {
        Path temp = Files.createTempFile(etc().getParent(), "write", ".tmp");
        Files.writeString(temp, content);
        Files.move(temp, etc().resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    public void propertiesFileBecomesAConfigurationOfStrings() throws IOException {
        write("it.props.cfg", "port = 8080\nhost = example.org\n");
        Dictionary<String, Object> properties = awaitValue("it.props", "port", "8080");
        assertEquals("example.org", properties.get("host"));
        assertEquals("it.props.cfg", properties.get("plinth.config.file"));
    }

    @Test
    public void typedAndJsonFilesKeepTheirTypes() throws IOException {
        write("it.typed.config", "port=I\"8080\"\nnames=[\"a\",\"b\"]\n");
        write("it.json.cfg.json", "{ \"port:Integer\": 9090, \"enabled\": true, \"tags\": [\"x\", \"y\"] }");
        assertArrayEquals(new String[] {"a", "b"}, (String[]) awaitValue("it.typed", "port", 8080).get("names"));
        Dictionary<String, Object> json = awaitValue("it.json", "port", 9090);
        assertEquals(Boolean.TRUE, json.get("enabled"));
        assertArrayEquals(new String[] {"x", "y"}, (String[]) json.get("tags"));
    }

    @Test
    public void tildeNamesAFactoryConfiguration() throws IOException {
        write("it.pool~orders.cfg", "size = 4\n");
        write("it.pool~billing.cfg", "size = 2\n");
        awaitValue("it.pool~orders", "size", "4");
        awaitValue("it.pool~billing", "size", "2");
        assertEquals(2, list("(" + ConfigurationAdmin.SERVICE_FACTORYPID + "=it.pool)").length);
    }

    @Test
    public void changesFollowTheFileAndDeletionRemovesTheConfiguration() throws IOException {
        write("it.life.cfg", "v = 1\n");
        awaitValue("it.life", "v", "1");
        write("it.life.cfg", "v = 2\n");
        awaitValue("it.life", "v", "2");
        Files.delete(etc().resolve("it.life.cfg"));
        Await.until("it.life deleted", BOUND, () -> list("(service.pid=it.life)") == null);
    }

    @Test
    public void aComponentReceivesTheFile() throws IOException {
        List<Dictionary<String, ?>> received = new CopyOnWriteArrayList<>();
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_PID, "it.managed");
        ServiceRegistration<ManagedService> registration = context.registerService(ManagedService.class,
                config -> {
                    if (config != null) {
                        received.add(config);
                    }
                }, properties);
        try {
            write("it.managed.cfg.json", "{ \"greeting\": \"hello\" }");
            Await.until("the managed service got greeting=hello", BOUND,
                    () -> received.stream().anyMatch(c -> "hello".equals(c.get("greeting"))));
        } finally {
            registration.unregister();
        }
    }

    @Test
    public void brokenFileKeepsThePreviousConfigurationUntilFixed() throws IOException {
        write("it.broken.cfg.json", "{ \"v\": \"good\" }");
        awaitValue("it.broken", "v", "good");
        write("it.broken.cfg.json", "{ \"v\": \"bad\", ");
        Path log = Path.of(context.getProperty("plinth.log"), "plinth.log");
        Await.until("the broken file is reported in " + log, BOUND, () -> read(log).contains(
                "it.broken.cfg.json cannot be applied, the configuration it.broken stays as it was"));
        assertEquals("good", list("(service.pid=it.broken)")[0].getProperties().get("v"));
        write("it.broken.cfg.json", "{ \"v\": \"fixed\" }");
        awaitValue("it.broken", "v", "fixed");
    }

    @Test
    public void fileWrittenSlowlyInPlaceEndsComplete() throws Exception {
        try (OutputStream out = Files.newOutputStream(etc().resolve("it.slow.cfg"))) {
            out.write("first = 1\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            Thread.sleep(30);
            out.write("second = 2\n".getBytes(StandardCharsets.UTF_8));
        }
        Dictionary<String, Object> properties = awaitValue("it.slow", "second", "2");
        assertEquals("1", properties.get("first"));
    }

    @Test
    public void filesWrittenInPlaceWithALongPauseEndComplete() throws Exception {
        // The writer pauses longer than the settle time: the half-written file is seen, and then the whole one.
        writeInTwoParts("it.paused.cfg", "first = 1\n", "second = 2\n");
        writeInTwoParts("it.paused.json.cfg.json", "{ \"first\": 1, ", "\"second\": \"two\" }");

        Dictionary<String, Object> properties = awaitValue("it.paused", "second", "2");
        assertEquals("1", properties.get("first"));
        Dictionary<String, Object> json = awaitValue("it.paused.json", "second", "two");
        assertEquals(1L, ((Number) json.get("first")).longValue());
    }

    private void writeInTwoParts(String name, String first, String second) throws Exception {
        try (OutputStream out = Files.newOutputStream(etc().resolve(name))) {
            out.write(first.getBytes(StandardCharsets.UTF_8));
            out.flush();
            Thread.sleep(400);
            out.write(second.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    public void hiddenAndTemporaryNamesAreIgnored() throws IOException {
        write(".it.hidden.cfg", "x = 1\n");
        write("it.backup.cfg~", "x = 1\n");
        write("it.partial.cfg.part", "x = 1\n");
        write("it.sentinel.cfg", "x = 1\n");
        awaitValue("it.sentinel", "x", "1");
        assertNull(list("(|(service.pid=.it.hidden)(service.pid=it.backup)(service.pid=it.partial*))"));
        assertEquals(1, list("(plinth.config.file=*)").length);
    }

    @Test
    public void filesDeletedWhileStoppedAreReconciledAtStart() throws Exception {
        write("it.offline.cfg", "x = 1\n");
        awaitValue("it.offline", "x", "1");
        Bundle config = Bundles.bySymbolicName(context, "dev.plinth.config");
        config.stop();
        try {
            Files.delete(etc().resolve("it.offline.cfg"));
            write("it.added.cfg", "y = 2\n");
        } finally {
            config.start();
        }
        awaitValue("it.added", "y", "2");
        Await.until("it.offline deleted at start", BOUND, () -> list("(service.pid=it.offline)") == null);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
