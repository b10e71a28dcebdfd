package dev.plinth.itests.embedding;

import static dev.plinth.itests.Plugins.BOUND;
import static dev.plinth.itests.Plugins.OPTIONS;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import dev.plinth.api.DeployDirectory;
import dev.plinth.api.Plan;
import dev.plinth.api.Plan.Action;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.PluginInfo;
import dev.plinth.api.PluginManager;
import dev.plinth.api.PluginState;
import dev.plinth.itests.Await;
import dev.plinth.itests.Bundles;
import dev.plinth.itests.Plugins;
import dev.plinth.itests.Samples;

/**
 * What an embedder relies on, in whichever framework a subclass names: the manager's verbs and its explanations,
 * the {@code plugin:} commands through Gogo, and the deploy directory, with only Plinth's bundles and what they need.
 * One subclass per JVM: Pax Exam 4 mixes up the inherited test methods of two subclasses run in the same JVM (the
 * check of the framework in {@link #setUp} fails then).
 */
public abstract class EmbeddingScenarios {

    private static final String VERSIONED_1 = "dev.plinth.sample.versioned-1";
    private static final String VERSIONED_2 = "dev.plinth.sample.versioned-2";

    @Inject
    private BundleContext context;

    private Plugins plugins;
    private PluginManager manager;
    private DeployDirectory deploy;

    /** The framework the scenarios run in. */
    protected abstract EmbeddingFramework framework();

    @Configuration
    public Option[] configuration() {
        return EmbeddedRuntime.options(EmbeddedRuntime.home(getClass()), framework());
    }

    @Before
    public void setUp() {
        assertEquals("the framework under test", framework().systemBundle(), context.getBundle(0).getSymbolicName());
        plugins = new Plugins(context);
        manager = plugins.manager();
        deploy = plugins.deployDirectory();
    }

    @After
    public void removeEverything() throws Exception {
        plugins.emptyDeployDirectory();
        plugins.removeAll();
    }

    @Test
    public void plinthsBundlesAreActiveInThisFramework() throws Exception {
        for (String name : EmbeddedRuntime.bundles(framework()).keySet()) {
            assertEquals(name + " is active", Bundle.ACTIVE, Bundles.bySymbolicName(context, name).getState());
        }
        assertEquals("No plugins installed. Install one with: plugin:install <file>", plugins.command("plugin:list"));
    }

    @Test
    public void theManagerInstallsAPluginWithItsLibraryEnablesDisablesAndRemovesIt() throws Exception {
        Plan install = manager.install(Samples.uri(Samples.GREETER_EN), OPTIONS);

        assertEquals(Action.ADD_LIBRARY, install.steps().get(0).action());
        assertEquals(Samples.GREETING, install.steps().get(0).id());
        assertEquals(Bundle.RESOLVED, plugins.state(Samples.GREETER_EN));
        assertEquals(PluginState.INSTALLED, manager.get(Samples.GREETER_EN).state());
        assertEquals(List.of(Samples.GREETER_EN), manager.get(Samples.GREETING).requiredBy());
        Path artifact = plugins.store().resolve("artifacts").resolve(manager.get(Samples.GREETER_EN).sha256() + ".jar");
        assertTrue(artifact + " is stored", Files.isRegularFile(artifact));

        manager.enable(Samples.GREETER_EN, OPTIONS);

        assertEquals(Bundle.ACTIVE, plugins.state(Samples.GREETER_EN));
        assertEquals(Bundle.ACTIVE, plugins.state(Samples.GREETING));
        assertEquals(PluginState.ENABLED, manager.get(Samples.GREETER_EN).state());
        assertEquals("Hello, Ada!", plugins.command("english:greet Ada"));

        manager.disable(Samples.GREETER_EN, OPTIONS);

        assertEquals(Bundle.RESOLVED, plugins.state(Samples.GREETER_EN));
        assertEquals(PluginState.INSTALLED, manager.get(Samples.GREETER_EN).state());
        Exception gone = assertThrows(Exception.class, () -> plugins.command("english:greet Ada"));
        assertTrue(gone.getMessage(), gone.getMessage().contains("english:greet"));

        Plan remove = manager.remove(Samples.GREETER_EN, OPTIONS);

        assertEquals(Action.DROP_LIBRARY, remove.steps().get(remove.steps().size() - 1).action());
        assertNull(plugins.bundle(Samples.GREETER_EN));
        assertNull(plugins.bundle(Samples.GREETING));
        assertTrue(manager.plugins().isEmpty());
        assertTrue(manager.libraries().isEmpty());
        assertFalse(artifact + " is dropped", Files.exists(artifact));
    }

    @Test
    public void theManagerUpgradesAnEnabledPluginAndKeepsItEnabled() throws Exception {
        manager.install(Samples.uri(VERSIONED_1), OPTIONS.withEnable(true));
        assertEquals("versioned 1.0.0: hello", plugins.command("versioned:show"));

        Plan upgrade = manager.upgrade(Samples.VERSIONED, Samples.uri(VERSIONED_2), OPTIONS);

        assertEquals(List.of(Samples.VERSIONED + " 1.0.0"), upgrade.refresh());
        assertEquals("2.0.0", plugins.bundle(Samples.VERSIONED).getVersion().toString());
        assertEquals(Bundle.ACTIVE, plugins.state(Samples.VERSIONED));
        PluginInfo upgraded = manager.get(Samples.VERSIONED);
        assertEquals("2.0.0", upgraded.version());
        assertEquals("1.0.0", upgraded.previousVersion());
        assertEquals("versioned 2.0.0: HELLO, UPGRADED", plugins.command("versioned:show"));
    }

    @Test
    public void failuresAreExplainedInAnOperatorsWordsAndChangeNothing() throws Exception {
        int bundles = context.getBundles().length;

        PluginException unresolved = assertThrows(PluginException.class,
                () -> manager.install(Samples.uri(Samples.UNRESOLVABLE), OPTIONS));
        PluginException failedStart = assertThrows(PluginException.class,
                () -> manager.install(Samples.uri(Samples.THROWING), OPTIONS.withEnable(true)));

        assertEquals(Code.UNRESOLVED, unresolved.code());
        assertEquals("plugin dev.plinth.sample.unresolvable needs package dev.plinth.sample.missing [1.2.0,2.0.0), "
                + "which no installed plugin or library provides", unresolved.getMessage());
        assertEquals(Code.START_FAILED, failedStart.code());
        assertEquals("dev.plinth.sample.throwing 1.0.0 failed to start: IllegalStateException: the sample activator "
                + "fails on purpose", failedStart.getMessage());
        assertEquals(bundles, context.getBundles().length);
        assertTrue(manager.plugins().isEmpty());
    }

    @Test
    public void thePluginCommandsPrintTheirTablesAndAnswers() throws Exception {
        String install = plugins.command("plugin:install " + Samples.jar(Samples.GREETER_EN) + " --enable");

        assertTrue(install, install.startsWith("Install " + Samples.GREETER_EN + ": done."));
        assertTrue(install, install.matches("(?s).*add-library\\s+dev\\.plinth\\.sample\\.greeting 1\\.0\\.0\\s+"
                + "needed by dev\\.plinth\\.sample\\.greeter\\.en.*"));
        List<String> list = plugins.command("plugin:list").lines().toList();
        assertEquals(2, list.size());
        assertTrue(list.get(0), list.get(0).matches("ID\\s+VERSION\\s+STATE\\s+KIND\\s+NAME"));
        assertTrue(list.get(1), list.get(1).matches(
                "dev\\.plinth\\.sample\\.greeter\\.en\\s+1\\.0\\.0\\s+enabled\\s+plugin\\s+Plinth Sample: English Greeter"));
        String info = plugins.command("plugin:info " + Samples.GREETER_EN);
        assertTrue(info, info.matches("(?s).*State:\\s+enabled\n.*Requires:\\s+dev\\.plinth\\.sample\\.greeting\\b.*"));

        Exception refused = assertThrows(Exception.class, () -> plugins.command("plugin:remove " + Samples.GREETING));

        assertEquals("cannot remove dev.plinth.sample.greeting: plugins depend on it: dev.plinth.sample.greeter.en "
                + "(remove them first, or use --cascade)", refused.getMessage());
        String remove = plugins.command("plugin:remove " + Samples.GREETER_EN);
        assertTrue(remove, remove.startsWith("Remove " + Samples.GREETER_EN + ": done."));
        assertTrue(remove, remove.matches("(?s).*drop-library\\s+dev\\.plinth\\.sample\\.greeting 1\\.0\\.0.*"));
        assertEquals("No plugins installed. Install one with: plugin:install <file>", plugins.command("plugin:list"));
    }

    @Test
    public void aJarDroppedIntoTheDeployDirectoryBecomesActiveAndDeletingItUninstallsIt() throws Exception {
        Path directory = deploy.directory();
        assertEquals(Path.of(context.getProperty("plinth.deploy")), directory);
        Path staged = Files.copy(Samples.jar(Samples.HELLO), plugins.data().resolve("hello.jar.staged"),
                StandardCopyOption.REPLACE_EXISTING);

        Files.move(staged, directory.resolve("hello.jar"), StandardCopyOption.ATOMIC_MOVE);

        Await.until(Samples.HELLO + " is active", BOUND, () -> plugins.state(Samples.HELLO) == Bundle.ACTIVE);
        Await.until("sample:hello answers", BOUND, () -> "Hello from Plinth!".equals(answer("sample:hello")));
        String status = Await.until("plugin:deploy-status shows hello.jar deployed", BOUND, () -> {
            String text = answer("plugin:deploy-status");
            return text != null && text.matches(
                    "(?s).*\nhello\\.jar\\s+deployed\\s+dev\\.plinth\\.sample\\.hello\\s+1\\.0\\.0.*") ? text : null;
        });
        assertTrue(status, status.startsWith("Deploy directory: " + directory));

        Files.delete(directory.resolve("hello.jar"));

        Await.until(Samples.HELLO + " is uninstalled", BOUND,
                () -> plugins.state(Samples.HELLO) == Bundle.UNINSTALLED);
        Await.until("plugin:deploy-status shows no jars", BOUND,
                () -> String.valueOf(answer("plugin:deploy-status")).startsWith("No jars in "));
        assertFalse(manager.find(Samples.HELLO).isPresent());
    }

    /** What the command prints; null while it fails (its plugin is still starting). */
    private String answer(String program) {
        try {
            return plugins.command(program);
        } catch (Exception e) {
            return null;
        }
    }
}
