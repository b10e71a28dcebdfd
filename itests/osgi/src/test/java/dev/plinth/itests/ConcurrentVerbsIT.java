package dev.plinth.itests;

import static dev.plinth.itests.Plugins.OPTIONS;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginInfo;
import dev.plinth.api.PluginManager;
import dev.plinth.api.PluginState;
import dev.plinth.common.testing.BundleJar;

/**
 * Several threads running random verbs on the same and on different plugins at once, while readers check that
 * no read shows a half-applied operation: every call is answered, and the end state is consistent.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConcurrentVerbsIT {

    private static final int THREADS = 6;
    private static final int OPERATIONS_PER_THREAD = 40;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return PlinthRuntime.options(ConcurrentVerbsIT.class);
    }

    @Test
    public void concurrentVerbsEndInAConsistentState() throws Exception {
        Plugins plugins = new Plugins(context);
        PluginManager manager = plugins.manager();
        Path jars = Files.createTempDirectory(plugins.data(), "jars");
        Map<String, List<URI>> versions = new TreeMap<>();
        versions.put("test.base", List.of(jar(jars, "test.base", "1.0.0", true), jar(jars, "test.base", "1.1.0", true)));
        versions.put("test.app", List.of(jar(jars, "test.app", "1.0.0", false), jar(jars, "test.app", "1.1.0", false)));
        for (int i = 0; i < 4; i++) {
            String id = "test.solo" + i;
            versions.put(id, List.of(jar(jars, id, "1.0.0", false), jar(jars, id, "2.0.0", false)));
        }
        List<String> ids = new ArrayList<>(versions.keySet());
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();

        ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
        Future<?> reader = pool.submit(() -> {
            while (running.get()) {
                Map<String, PluginState> seen = new TreeMap<>();
                manager.plugins().forEach(info -> seen.put(info.id(), info.state()));
                if (seen.get("test.app") == PluginState.ENABLED && seen.get("test.base") != PluginState.ENABLED) {
                    unexpected.add(new AssertionError("a read showed test.app enabled without test.base: " + seen));
                }
                reads.incrementAndGet();
            }
        });
        List<Future<?>> writers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            long seed = 42L + t;
            writers.add(pool.submit(() -> {
                Random random = new Random(seed);
                for (int i = 0; i < OPERATIONS_PER_THREAD; i++) {
                    String id = ids.get(random.nextInt(ids.size()));
                    try {
                        switch (random.nextInt(6)) {
                            case 0, 1 -> manager.install(versions.get(id).get(0), OPTIONS.withEnable(random.nextBoolean()));
                            case 2 -> manager.enable(id, OPTIONS);
                            case 3 -> manager.disable(id, OPTIONS.withCascade(random.nextBoolean()));
                            case 4 -> manager.upgrade(id, versions.get(id).get(random.nextInt(2)), OPTIONS);
                            default -> manager.remove(id, OPTIONS.withCascade(random.nextBoolean()));
                        }
                        accepted.incrementAndGet();
                    } catch (PluginException e) {
                        switch (e.code()) {
                            case NOT_FOUND, DUPLICATE, HAS_DEPENDENTS, UNRESOLVED -> refused.incrementAndGet();
                            default -> unexpected.add(e);
                        }
                    } catch (Throwable e) {
                        unexpected.add(e);
                    }
                }
            }));
        }
        for (Future<?> writer : writers) {
            writer.get(2, TimeUnit.MINUTES);
        }
        running.set(false);
        reader.get(1, TimeUnit.MINUTES);
        pool.shutdown();

        assertEquals("unexpected failures: " + unexpected, List.of(), new ArrayList<>(unexpected));
        assertEquals(THREADS * OPERATIONS_PER_THREAD, accepted.get() + refused.get());
        assertTrue("enough operations were accepted: " + accepted, accepted.get() > THREADS * OPERATIONS_PER_THREAD / 10);
        assertTrue("reads ran alongside", reads.get() > 0);

        Set<String> managedInFramework = new TreeSet<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getLocation().startsWith("plinth:managed/")) {
                managedInFramework.add(bundle.getSymbolicName());
            }
        }
        Set<String> listed = new TreeSet<>();
        for (PluginInfo info : manager.plugins()) {
            listed.add(info.id());
            Bundle bundle = plugins.bundle(info.id());
            assertEquals(info.id(), info.version(), bundle.getVersion().toString());
            assertEquals(info.id() + " " + info.state(), info.state() == PluginState.ENABLED,
                    bundle.getState() == Bundle.ACTIVE);
        }
        assertEquals(managedInFramework, listed);
        String stored = Files.readString(plugins.store().resolve("state.json"));
        for (String id : ids) {
            assertEquals(id + " in state.json", listed.contains(id), stored.contains("\"id\": \"" + id + "\""));
        }
        PluginInfo app = manager.find("test.app").orElse(null);
        if (app != null && app.state() == PluginState.ENABLED) {
            assertEquals(PluginState.ENABLED, manager.get("test.base").state());
        }
    }

    private static URI jar(Path directory, String id, String version, boolean exportsBase) throws IOException {
        BundleJar jar = BundleJar.bundle(id, version);
        if (exportsBase) {
            jar.exports("test.base;version=" + version);
        } else if (id.equals("test.app")) {
            jar.imports("test.base;version=\"[1,2)\"");
        }
        return jar.writeInto(directory.resolve(version)).toUri();
    }
}
