package dev.plinth.itests;

import static dev.plinth.itests.Plugins.BOUND;
import static dev.plinth.itests.Plugins.OPTIONS;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;

import dev.plinth.api.DeployDirectory;
import dev.plinth.api.DeployedFile;
import dev.plinth.api.DeployedFile.Status;
import dev.plinth.api.Operation;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.PluginInfo;
import dev.plinth.common.testing.BundleJar;

/** The watched deploy directory with real files, the real manager and a real Felix. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DeployIT extends PluginsFixture {

    private static final String PROVIDER = "it.deploy.provider";
    private static final String CONSUMER = "it.deploy.consumer";

    private DeployDirectory deploy;
    private Path directory;
    private Path staging;

    @Configuration
    public Option[] configuration() {
        return PlinthRuntime.options(DeployIT.class, Map.of(PlinthRuntime.MANAGER_SETTINGS, PlinthRuntime.QUICK_START,
                // A settle time long enough that a burst moved in by a loop is one batch on a loaded machine, and a
                // short bound for files that never become jars.
                "dev.plinth.deploy.cfg", "settle.ms = 100\nincomplete.ms = 500\n"));
    }

    @Before
    public void setUp() throws IOException {
        deploy = plugins.deployDirectory();
        directory = deploy.directory();
        staging = Files.createTempDirectory(plugins.data(), "staging");
    }

    @After
    public void emptyTheDirectory() throws Exception {
        plugins.emptyDeployDirectory();
    }

    @Test
    public void aJarMovedInIsInstalledAndEnabledAndDeletingItRemovesThePlugin() throws Exception {
        drop(Samples.jar("dev.plinth.sample.hello"), "hello.jar");

        awaitState(Samples.HELLO, Bundle.ACTIVE);
        DeployedFile file = awaitStatus("hello.jar", Status.DEPLOYED);
        assertEquals(Samples.HELLO, file.id());
        assertEquals("1.0.0", file.version());
        PluginInfo plugin = manager.get(Samples.HELLO);
        assertEquals(directory.resolve("hello.jar").toUri().toString(), plugin.source());
        Operation last = lastOperation();
        assertEquals("deploy", last.origin());
        assertEquals(Operation.Outcome.SUCCEEDED, last.outcome());
        String status = plugins.command("plugin:deploy-status");
        assertTrue(status, status.contains("Deploy directory: " + directory));
        assertTrue(status, status.matches("(?s).*hello\\.jar\\s+deployed\\s+" + Samples.HELLO.replace(".", "\\.")
                + "\\s+1\\.0\\.0.*"));
        assertTrue(plugins.command("plugin:deploy-status --json").contains("\"status\": \"deployed\""));

        Files.delete(directory.resolve("hello.jar"));

        awaitState(Samples.HELLO, Bundle.UNINSTALLED);
        Await.until("hello.jar leaves the status", BOUND, () -> deploy.files().isEmpty());
        assertTrue(manager.find(Samples.HELLO).isEmpty());
        Path ledger = plugins.data().resolve("deploy/deployed.json");
        Await.until("the ledger forgets hello.jar", BOUND, () -> !FileText.orEmpty(ledger).contains("hello.jar"));
        assertEquals(Operation.Outcome.SUCCEEDED, lastOperation().outcome());
    }

    @Test
    public void aJarCopiedSlowlyIsInstalledOnlyOnceComplete() throws Exception {
        byte[] jar = Files.readAllBytes(Samples.jar("dev.plinth.sample.hello"));
        long installsBefore = deployInstalls(Samples.HELLO);
        try (OutputStream out = Files.newOutputStream(directory.resolve("slow.jar"))) {
            out.write(jar, 0, jar.length / 2);
            out.flush();
            DeployedFile waiting = awaitStatus("slow.jar", Status.WAITING);
            assertTrue(waiting.message(), waiting.message().contains("not a complete jar"));
            assertTrue(manager.find(Samples.HELLO).isEmpty());
            assertEquals(Bundle.UNINSTALLED, plugins.state(Samples.HELLO));
            out.write(jar, jar.length / 2, jar.length - jar.length / 2);
        }

        awaitState(Samples.HELLO, Bundle.ACTIVE);
        awaitStatus("slow.jar", Status.DEPLOYED);
        assertEquals(installsBefore + 1, deployInstalls(Samples.HELLO));
    }

    @Test
    public void hiddenAndTemporaryNamesAreIgnored() throws Exception {
        Path versioned = Samples.jar("dev.plinth.sample.versioned-1");
        for (String name : List.of(".hidden.jar", "copying.jar.tmp", "download.jar.part", "browser.jar.crdownload",
                "backup.jar~", "notes.txt")) {
            Files.copy(versioned, directory.resolve(name));
        }
        drop(Samples.jar("dev.plinth.sample.hello"), "sentinel.jar");

        awaitState(Samples.HELLO, Bundle.ACTIVE);
        awaitStatus("sentinel.jar", Status.DEPLOYED);
        assertTrue(manager.find(Samples.VERSIONED).isEmpty());
        assertEquals(List.of("sentinel.jar"), deploy.files().stream().map(DeployedFile::file).toList());
    }

    @Test
    public void aFileThatIsNotABundleIsReportedAndRetriedWhenItChanges() throws Exception {
        drop(Samples.jar("dev.plinth.sample.hello"), "hello.jar");
        awaitState(Samples.HELLO, Bundle.ACTIVE);

        Files.writeString(directory.resolve("bad.jar"), "not a jar at all");
        drop(BundleJar.bundle("ignored", "1.0.0").header("Bundle-SymbolicName", "").writeInto(staging), "plain.jar");

        DeployedFile bad = awaitStatus("bad.jar", Status.FAILED);
        assertEquals(Code.INVALID_ARCHIVE.name(), bad.code());
        assertTrue(bad.message(), bad.message().startsWith("bad.jar is not a complete jar (zip) archive"));
        DeployedFile plain = awaitStatus("plain.jar", Status.FAILED);
        assertTrue(plain.message(), plain.message().contains("no Bundle-SymbolicName"));
        Path log = Path.of(context.getProperty("plinth.log"), "plinth.log");
        Await.until("the failure is logged", BOUND,
                () -> FileText.orEmpty(log).contains("bad.jar cannot be deployed: bad.jar is"));
        assertEquals(Bundle.ACTIVE, plugins.state(Samples.HELLO));
        assertEquals(1, manager.plugins().size());

        drop(Samples.jar("dev.plinth.sample.versioned-1"), "bad.jar");

        awaitState(Samples.VERSIONED, Bundle.ACTIVE);
        awaitStatus("bad.jar", Status.DEPLOYED);
        assertEquals(Bundle.ACTIVE, plugins.state(Samples.HELLO));
    }

    @Test
    public void anUnresolvablePluginIsReportedAndRetriedWhenWhatItNeedsArrives() throws Exception {
        drop(consumer(), "consumer.jar");

        DeployedFile failed = awaitStatus("consumer.jar", Status.FAILED);
        assertEquals(Code.UNRESOLVED.name(), failed.code());
        assertTrue(failed.message(), failed.message().contains("it.deploy.api"));
        assertTrue(manager.find(CONSUMER).isEmpty());
        assertEquals(Bundle.UNINSTALLED, plugins.state(CONSUMER));

        drop(provider(), "provider.jar");

        awaitState(PROVIDER, Bundle.ACTIVE);
        awaitState(CONSUMER, Bundle.ACTIVE);
        awaitStatus("consumer.jar", Status.DEPLOYED);
    }

    @Test
    public void aJarOfAPluginInstalledOtherwiseIsReportedAsADuplicate() throws Exception {
        manager.install(Samples.uri("dev.plinth.sample.hello"), OPTIONS.withEnable(true));

        drop(Samples.jar("dev.plinth.sample.hello"), "again.jar");

        DeployedFile duplicate = awaitStatus("again.jar", Status.FAILED);
        assertEquals(Code.DUPLICATE.name(), duplicate.code());
        assertTrue(duplicate.message(), duplicate.message().contains("is already installed"));
        assertEquals(Samples.uri("dev.plinth.sample.hello").toString(), manager.get(Samples.HELLO).source());
    }

    @Test
    public void aPluginThatFailsToStartIsReportedAndNotLeftInstalled() throws Exception {
        drop(Samples.jar("dev.plinth.sample.throwing"), "throwing.jar");

        DeployedFile failed = awaitStatus("throwing.jar", Status.FAILED);

        assertEquals(Code.START_FAILED.name(), failed.code());
        assertTrue(failed.message(), failed.message().contains("failed to start"));
        assertTrue(manager.find(Samples.THROWING).isEmpty());
    }

    @Test
    public void aBurstOfJarsIsOneBatchInAnyOrder() throws Exception {
        int count = 100;
        List<Path> chain = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BundleJar jar = BundleJar.bundle(chainId(i), "1.0.0").exports(chainId(i) + ";version=1.0.0")
                    .entry(chainId(i).replace('.', '/') + "/marker.txt", "link " + i);
            if (i > 0) {
                jar.imports(chainId(i - 1) + ";version=\"[1.0,2)\"");
            }
            chain.add(jar.writeInto(staging));
        }
        Collections.reverse(chain);

        for (Path jar : chain) {
            Files.move(jar, directory.resolve(jar.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        }

        for (int i = 0; i < count; i++) {
            awaitState(chainId(i), Bundle.ACTIVE);
        }
        List<Operation> installs = Await.until("the history shows the burst", BOUND, () -> {
            List<Operation> found = manager.history(count).stream()
                    .filter(operation -> operation.target().startsWith("it.chain.")).toList();
            return found.size() == count ? found : null;
        });
        installs.forEach(operation -> assertTrue(operation.message(),
                operation.message().endsWith("(one of a batch of " + count + ")")));

        List<String> disturbed = new CopyOnWriteArrayList<>();
        BundleListener bystanders = event -> {
            String name = event.getBundle().getSymbolicName();
            boolean restarted = event.getType() == BundleEvent.STOPPED || event.getType() == BundleEvent.UNRESOLVED;
            if (restarted && name != null && !name.startsWith("it.chain.")) {
                disturbed.add(name);
            }
        };
        context.addBundleListener(bystanders);
        try {
            for (Path jar : chain) {
                Files.delete(directory.resolve(jar.getFileName()));
            }
            for (int i = 0; i < count; i++) {
                awaitState(chainId(i), Bundle.UNINSTALLED);
            }
        } finally {
            context.removeBundleListener(bystanders);
        }
        List<Operation> removals = Await.until("the history shows the removal", BOUND, () -> {
            List<Operation> found = manager.history(2 * count).stream()
                    .filter(operation -> operation.target().startsWith("it.chain.")
                            && operation.verb().label().equals("remove"))
                    .toList();
            return found.size() == count ? found : null;
        });
        removals.forEach(operation -> assertTrue(operation.message(),
                operation.message().endsWith("(one of a batch of " + count + ")")));
        assertEquals("no bundle outside the chain was stopped or refreshed", List.of(), disturbed);
        assertTrue(manager.plugins().isEmpty());
    }

    @Test
    public void aHostAndItsFragmentDroppedTogetherAreDeployedAndTheFragmentAttached() throws Exception {
        Path host = BundleJar.bundle("it.deploy.host", "1.0.0").writeInto(staging);
        Path fragment = BundleJar.bundle("it.deploy.fragment", "1.0.0").header("Fragment-Host", "it.deploy.host")
                .entry("it/deploy/fragment.txt", "attached").writeInto(staging);

        Files.move(fragment, directory.resolve("fragment.jar"), StandardCopyOption.ATOMIC_MOVE);
        Files.move(host, directory.resolve("host.jar"), StandardCopyOption.ATOMIC_MOVE);

        awaitStatus("fragment.jar", Status.DEPLOYED);
        awaitStatus("host.jar", Status.DEPLOYED);
        awaitState("it.deploy.host", Bundle.ACTIVE);
        assertEquals(Bundle.RESOLVED, plugins.state("it.deploy.fragment"));
        assertTrue(plugins.bundle("it.deploy.host").getResource("it/deploy/fragment.txt") != null);
        assertEquals("it.deploy.host", manager.get("it.deploy.fragment").fragmentHost());
        assertEquals(dev.plinth.api.PluginState.ENABLED, manager.get("it.deploy.fragment").state());
    }

    @Test
    public void replacingAJarUpgradesItsPlugin() throws Exception {
        drop(Samples.jar("dev.plinth.sample.versioned-1"), "versioned.jar");
        awaitState(Samples.VERSIONED, Bundle.ACTIVE);
        Await.until("versioned:show answers 1.0.0", BOUND, () -> show().startsWith("versioned 1.0.0"));

        drop(Samples.jar("dev.plinth.sample.versioned-2"), "versioned.jar");

        Await.until("versioned 2.0.0 is enabled", BOUND, () -> manager.find(Samples.VERSIONED)
                .filter(info -> info.version().equals("2.0.0") && plugins.state(Samples.VERSIONED) == Bundle.ACTIVE)
                .orElse(null));
        assertEquals("1.0.0", manager.get(Samples.VERSIONED).previousVersion());
        Await.until("versioned:show answers 2.0.0", BOUND, () -> show().contains("2.0.0"));
        Await.until("versioned.jar deployed at 2.0.0: the upgrade has returned", BOUND, () -> deploy.files().stream()
                .anyMatch(file -> file.file().equals("versioned.jar") && file.status() == Status.DEPLOYED
                        && "2.0.0".equals(file.version())));
        Operation last = lastOperation();
        assertEquals("upgrade", last.verb().label());
        assertEquals("deploy", last.origin());
    }

    @Test
    public void deletingAJarOthersDependOnIsRefusedUntilTheyAreGone() throws Exception {
        drop(provider(), "provider.jar");
        drop(consumer(), "consumer.jar");
        awaitState(CONSUMER, Bundle.ACTIVE);

        Files.delete(directory.resolve("provider.jar"));

        DeployedFile refused = awaitStatus("provider.jar", Status.FAILED);
        assertEquals(Code.HAS_DEPENDENTS.name(), refused.code());
        assertTrue(refused.message(), refused.message().contains(CONSUMER));
        assertEquals(Bundle.ACTIVE, plugins.state(PROVIDER));
        assertEquals(Bundle.ACTIVE, plugins.state(CONSUMER));

        Files.delete(directory.resolve("consumer.jar"));

        awaitState(CONSUMER, Bundle.UNINSTALLED);
        awaitState(PROVIDER, Bundle.UNINSTALLED);
        Await.until("both files leave the status", BOUND, () -> deploy.files().isEmpty());
    }

    @Test
    public void changesMadeWhileNotWatchingAreCaughtUpWithAtStart() throws Exception {
        drop(Samples.jar("dev.plinth.sample.hello"), "hello.jar");
        drop(Samples.jar("dev.plinth.sample.versioned-1"), "versioned.jar");
        awaitStatus("hello.jar", Status.DEPLOYED);
        awaitStatus("versioned.jar", Status.DEPLOYED);
        Bundle bundle = Bundles.bySymbolicName(context, "dev.plinth.deploy");
        bundle.stop();
        try {
            Files.delete(directory.resolve("hello.jar"));
            drop(Samples.jar("dev.plinth.sample.versioned-2"), "versioned.jar");
            drop(provider(), "provider.jar");
        } finally {
            bundle.start();
        }
        deploy = plugins.deployDirectory();

        awaitState(Samples.HELLO, Bundle.UNINSTALLED);
        awaitState(PROVIDER, Bundle.ACTIVE);
        Await.until("versioned is upgraded", BOUND, () -> manager.find(Samples.VERSIONED)
                .filter(info -> info.version().equals("2.0.0")).orElse(null));
        awaitStatus("provider.jar", Status.DEPLOYED);
        assertEquals(List.of("provider.jar", "versioned.jar"),
                deploy.files().stream().map(DeployedFile::file).toList());
    }

    @Test
    public void aPluginRemovedWithTheShellIsNotBroughtBackByItsUnchangedJar() throws Exception {
        drop(Samples.jar("dev.plinth.sample.hello"), "hello.jar");
        awaitState(Samples.HELLO, Bundle.ACTIVE);
        plugins.command("plugin:remove " + Samples.HELLO);
        Bundle bundle = Bundles.bySymbolicName(context, "dev.plinth.deploy");
        bundle.stop();
        bundle.start();
        deploy = plugins.deployDirectory();

        DeployedFile detached = awaitStatus("hello.jar", Status.DETACHED);

        assertTrue(detached.message(), detached.message().contains("removed with another tool"));
        assertTrue(manager.find(Samples.HELLO).isEmpty());
    }

    @Test
    public void withNothingHappeningTheWatcherWaitsWithoutPolling() {
        ThreadInfo watcher = Await.until("the deploy watcher waits for file events", BOUND, () -> Arrays
                .stream(ManagementFactory.getThreadMXBean().dumpAllThreads(false, false))
                .filter(thread -> thread.getThreadName().equals("plinth-deploy")
                        && thread.getThreadState() == Thread.State.WAITING)
                .findFirst().orElse(null));

        assertTrue(Arrays.stream(watcher.getStackTrace()).anyMatch(frame -> frame.getMethodName().equals("take")));
    }

    private String show() {
        try {
            return plugins.command("versioned:show");
        } catch (Exception e) {
            return "";
        }
    }

    private Path drop(Path jar, String name) throws IOException {
        Path staged = staging.resolve(name + ".staged");
        Files.copy(jar, staged, StandardCopyOption.REPLACE_EXISTING);
        return Files.move(staged, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    private Path provider() {
        return BundleJar.bundle(PROVIDER, "1.0.0").exports("it.deploy.api;version=1.0.0")
                .entry("it/deploy/api/marker.txt", "provider").writeInto(staging);
    }

    private Path consumer() {
        return BundleJar.bundle(CONSUMER, "1.0.0").imports("it.deploy.api;version=\"[1.0,2)\"").writeInto(staging);
    }

    private static String chainId(int i) {
        return String.format("it.chain.p%03d", i);
    }

    private DeployedFile awaitStatus(String name, Status status) {
        return Await.until(name + " is " + status.label() + " (now " + deploy.files() + ")", BOUND,
                () -> deploy.files().stream().filter(file -> file.file().equals(name) && file.status() == status)
                        .findFirst().orElse(null));
    }

    private void awaitState(String id, int state) {
        Await.until(id + " in state " + state, BOUND, () -> plugins.state(id) == state);
    }

    private Operation lastOperation() {
        List<Operation> history = manager.history(1);
        return history.get(history.size() - 1);
    }

    /** How many times the history shows the deploy directory installing {@code id}. */
    private long deployInstalls(String id) {
        return manager.history(1000).stream().filter(operation -> operation.target().equals(id)
                && operation.verb().label().equals("install") && operation.origin().equals("deploy")).count();
    }
}
