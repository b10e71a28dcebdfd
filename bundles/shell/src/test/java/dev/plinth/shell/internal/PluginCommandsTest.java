package dev.plinth.shell.internal;

import static dev.plinth.shell.internal.Fixtures.plugin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.plinth.api.PluginDetails;
import dev.plinth.api.Diagnosis;
import dev.plinth.api.Operation;
import dev.plinth.api.Options;
import dev.plinth.api.Plan;
import dev.plinth.api.PluginDetails;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.PluginInfo;
import dev.plinth.api.PluginKind;
import dev.plinth.api.PluginManager;
import dev.plinth.api.PluginState;
import dev.plinth.api.Verb;
import dev.plinth.api.storage.StorageInfo;

class PluginCommandsTest {

    @TempDir
    Path dir;

    private final FakeManager manager = new FakeManager();
    private final PluginCommands commands = new PluginCommands(manager, null);
    private final ShellFormatter formatter = new ShellFormatter();

    private CommandSession sessionIn(Path currentDir) {
        return (CommandSession) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { CommandSession.class },
                (proxy, method, args) -> method.getName().equals("currentDir") && args == null ? currentDir : null);
    }

    @Test
    void installResolvesThePathAndPassesTheShellOptions() throws IOException {
        Path archive = Files.createFile(dir.resolve("greeter.jar"));
        Plan plan = (Plan) commands.install(sessionIn(dir), true, true, "greeter.jar");
        assertEquals(archive.toUri(), manager.source);
        assertEquals(new Options(true, false, true, Origins.current()), manager.options);
        assertEquals("Plan for install greeter (simulated, nothing changed):", formatter.plan(plan).lines()
                .findFirst().orElseThrow());
    }

    @Test
    void aMissingFileFailsBeforeTheManagerIsAsked() {
        CommandFailedException failure = assertThrows(CommandFailedException.class,
                () -> commands.install(sessionIn(dir), false, false, "missing.jar"));
        assertEquals("no such file: " + dir.resolve("missing.jar"), failure.getMessage());
        assertEquals(null, manager.options);
    }

    @Test
    void aRefusalCarriesTheMessageTheDetailsAndTheCause() {
        manager.refusal = new PluginException(Code.HAS_DEPENDENTS, "greeting is needed by other plugins",
                List.of("greeter-en 1.2.0 needs it", "greeter-fr 1.0.0 needs it"), null);
        CommandFailedException failure = assertThrows(CommandFailedException.class,
                () -> commands.disable(false, false, "greeting"));
        assertEquals("greeting is needed by other plugins\n  greeter-en 1.2.0 needs it\n  greeter-fr 1.0.0 needs it",
                failure.getMessage());
        assertSame(manager.refusal, failure.getCause());
    }

    @Test
    void flagsBecomeOptions() {
        commands.remove(true, true, false, false, "greeting");
        assertEquals(new Options(true, true, false, Origins.current()), manager.options);
        commands.rollback(false, "greeting");
        assertEquals(new Options(false, false, false, Origins.current()), manager.options);
    }

    @Test
    void forceAndKeepDataBecomeOptions() throws IOException {
        Files.createFile(dir.resolve("greeter-2.jar"));
        commands.upgrade(sessionIn(dir), false, true, "greeting", "greeter-2.jar");
        assertEquals(Options.DEFAULT.withOrigin(Origins.current()).withForce(true), manager.options);
        commands.upgrade(sessionIn(dir), true, false, "greeting", "greeter-2.jar");
        assertEquals(Options.DEFAULT.withOrigin(Origins.current()).withSimulate(true), manager.options);
        commands.remove(false, false, true, false, "greeting");
        assertEquals(Options.DEFAULT.withOrigin(Origins.current()).withKeepData(true), manager.options);
        commands.remove(false, false, true, false, "greeting", "other");
        assertEquals(Options.DEFAULT.withOrigin(Origins.current()).withKeepData(true), manager.options);
        commands.remove(false, false, false, false, "greeting");
        assertFalse(manager.options.keepData());
    }

    @Test
    void listWithoutAllShowsOnlyPlugins() {
        PluginList list = (PluginList) commands.list(false, false);
        assertEquals(List.of("a-plugin"), list.rows().stream().map(PluginInfo::id).toList());
        PluginList all = (PluginList) commands.list(true, false);
        assertEquals(List.of("a-plugin", "a-library", "z-system"), all.rows().stream().map(PluginInfo::id).toList());
        assertTrue(((JsonText) commands.list(false, true)).text().contains("\"id\": \"a-plugin\""));
    }

    @Test
    void listShowsWhichPluginsAreMisconfiguredAskingTheSettingsOnce() {
        FakeSettings settings = new FakeSettings();
        settings.problems = Map.of("a-plugin", List.of("demo.Greeter retries: less than minimum"));
        commands.withSettings(settings);

        PluginList list = (PluginList) commands.list(false, false);
        assertTrue(list.misconfigured(list.rows().get(0)), list.toString());
        String json = ((JsonText) commands.list(true, true)).text();
        assertTrue(json.contains("\"id\": \"a-plugin\"") && json.contains("\"misconfigured\": true")
                && json.contains("\"misconfigured\": false"), json);
        assertEquals(List.of("problems", "problems"), settings.calls);

        settings.refusal = new PluginException(PluginException.Code.IO_ERROR, "cannot");
        assertFalse(((PluginList) commands.list(false, false)).misconfigured(list.rows().get(0)));
        commands.withSettings(null);
        assertFalse(((PluginList) commands.list(false, false)).misconfigured(list.rows().get(0)));
    }

    @Test
    void infoFallsBackToSystemBundles() {
        PluginDetails details = ((StorageViews.Plugin) commands.info(false, "z-system")).details();
        assertEquals(PluginKind.SYSTEM, details.plugin().kind());
        assertFalse(details.wired());
        CommandFailedException failure = assertThrows(CommandFailedException.class,
                () -> commands.info(false, "nothing"));
        assertEquals("no plugin nothing", failure.getMessage());
    }

    @Test
    void purgeBecomesAnOptionAndDoesNotGoWithKeepData() {
        commands.remove(false, false, false, true, "greeting");
        assertEquals(Options.DEFAULT.withOrigin(Origins.current()).withPurge(true), manager.options);
        commands.remove(false, false, false, true, "greeting", "other");
        assertEquals(Options.DEFAULT.withOrigin(Origins.current()).withPurge(true), manager.options);
        manager.options = null;

        CommandFailedException failure = assertThrows(CommandFailedException.class,
                () -> commands.remove(false, false, true, true, "greeting"));
        assertEquals("--purge deletes the data --keep-data keeps: give one of them", failure.getMessage());
        assertEquals(null, manager.options);
    }

    @Test
    void infoCarriesThePluginsStorageInTextAndJson() {
        FakeStorage storage = new FakeStorage().with(FakeStorage.upgradedNotes());
        StorageInfo notes = storage.storages.get(0);
        storage.storages.set(0, new StorageInfo("a-plugin", notes.backend(), notes.location(), notes.sizeBytes(),
                notes.schemaVersion(), notes.writtenBy(), false, notes.rollbackPoint(), notes.migrations()));
        commands.withStorage(storage);

        StorageViews.Plugin info = (StorageViews.Plugin) commands.info(false, "a-plugin");
        assertEquals(new StorageViews.Section(true, storage.storages.get(0), null), info.storage());
        assertTrue(formatter.info(info).contains("\nStorage:\n  Backend:         h2\n"), formatter.info(info));
        String json = ((JsonText) commands.info(true, "a-plugin")).text();
        assertTrue(json.contains("\"storage\": {") && json.contains("\"schemaVersion\": \"3\""), json);

        assertEquals(new StorageViews.Section(true, null, null),
                ((StorageViews.Plugin) commands.info(false, "a-library")).storage());
        assertTrue(((JsonText) commands.info(true, "a-library")).text().contains("\"storage\": null"));

        storage.failure = new IllegalStateException("disk gone");
        assertEquals(new StorageViews.Section(true, null, "disk gone"),
                ((StorageViews.Plugin) commands.info(false, "a-plugin")).storage());

        commands.withStorage(null);
        assertEquals(new StorageViews.Section(false, null, null),
                ((StorageViews.Plugin) commands.info(false, "a-plugin")).storage());
        assertTrue(((JsonText) commands.info(true, "a-plugin")).text().contains("\"storage\": null"));
    }

    @Test
    void historyRefusesANonPositiveLimit() {
        CommandFailedException failure = assertThrows(CommandFailedException.class, () -> commands.history(0, false));
        assertEquals("the limit must be at least 1, not 0", failure.getMessage());
        assertEquals("No operations yet.", formatter.history((History) commands.history(20, false)));
    }

    /** A manager that records what it is asked and answers from fixed data. */
    static final class FakeManager implements PluginManager {

        URI source;
        List<?> batch;
        int limit;
        Options options;
        PluginException refusal;
        private final PluginInfo plugin = plugin("a-plugin", "1.0.0", PluginKind.PLUGIN, PluginState.ENABLED, "A");
        private final PluginInfo library = plugin("a-library", "1.0.0", PluginKind.LIBRARY, PluginState.ENABLED,
                "L");
        private final PluginInfo system = new PluginInfo("z-system", "1.0.0", "Z", "", "", "", "", PluginKind.SYSTEM,
                PluginState.ENABLED, -1, List.of(), List.of(), null, null, null, null, null);

        private Plan plan(Verb verb, String target, Options options) throws PluginException {
            this.options = options;
            if (refusal != null) {
                throw refusal;
            }
            return new Plan(verb, target, List.of(new Plan.Step(Plan.Action.START, target, "1.0.0", "")), List.of(),
                    options.simulate());
        }

        @Override
        public Plan install(URI source, Options options) throws PluginException {
            this.source = source;
            return plan(Verb.INSTALL, "greeter", options);
        }

        @Override
        public Plan enable(String id, Options options) throws PluginException {
            return plan(Verb.ENABLE, id, options);
        }

        @Override
        public Plan disable(String id, Options options) throws PluginException {
            return plan(Verb.DISABLE, id, options);
        }

        @Override
        public Plan upgrade(String id, URI source, Options options) throws PluginException {
            this.source = source;
            return plan(Verb.UPGRADE, id, options);
        }

        @Override
        public Plan upgradeTogether(java.util.Map<String, URI> sources, Options options) throws PluginException {
            return plan(Verb.UPGRADE, String.join(", ", sources.keySet()), options);
        }

        @Override
        public Plan rollback(String id, Options options) throws PluginException {
            return plan(Verb.ROLLBACK, id, options);
        }

        @Override
        public Plan remove(String id, Options options) throws PluginException {
            return plan(Verb.REMOVE, id, options);
        }
        @Override
        public dev.plinth.api.Batch installBatch(List<URI> sources, Options options) {
            return new dev.plinth.api.Batch(new Plan(Verb.INSTALL, sources.size() + " plugins", List.of(), List.of(),
                    options.simulate()), installAll(sources, options));
        }

        @Override
        public dev.plinth.api.Batch removeBatch(List<String> ids, Options options) {
            return new dev.plinth.api.Batch(new Plan(Verb.REMOVE, ids.size() + " plugins", List.of(), List.of(),
                    options.simulate()), removeAll(ids, options));
        }


        @Override
        public List<dev.plinth.api.BatchResult> installAll(List<URI> sources, Options options) {
            this.options = options;
            this.batch = List.copyOf(sources);
            return sources.stream().map(source -> batchResult(source.toString())).toList();
        }

        @Override
        public List<dev.plinth.api.BatchResult> removeAll(List<String> ids, Options options) {
            this.options = options;
            this.batch = List.copyOf(ids);
            return ids.stream().map(this::batchResult).toList();
        }

        /** Items whose text holds "bad" fail with the refusal set, or an invalid archive. */
        private dev.plinth.api.BatchResult batchResult(String item) {
            String id = item.substring(item.lastIndexOf('/') + 1).replace(".jar", "");
            if (item.contains("bad")) {
                return new dev.plinth.api.BatchResult(item, null, null, refusal != null ? refusal
                        : new PluginException(PluginException.Code.INVALID_ARCHIVE, item + " is not a bundle"));
            }
            return new dev.plinth.api.BatchResult(item, id, "1.0.0", null);
        }

        @Override
        public List<PluginInfo> plugins() {
            return List.of(plugin);
        }

        @Override
        public List<PluginInfo> libraries() {
            return List.of(library);
        }

        @Override
        public List<PluginInfo> unmanaged() {
            return List.of(system);
        }

        @Override
        public Optional<PluginInfo> find(String id) {
            return List.of(plugin, library, system).stream().filter(info -> info.id().equals(id)).findFirst();
        }

        @Override
        public PluginInfo get(String id) throws PluginException {
            return find(id).filter(PluginInfo::managed)
                    .orElseThrow(() -> new PluginException(Code.NOT_FOUND, "no plugin " + id));
        }

        @Override
        public Diagnosis diagnose(String id) {
            return new Diagnosis(id, "1.0.0", true, List.of());
        }

        @Override
        public List<Operation> history(int limit) {
            this.limit = limit;
            return new ArrayList<>();
        }
    }
}
