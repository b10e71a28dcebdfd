package dev.plinth.deploy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.plinth.api.BatchResult;
import dev.plinth.api.DeployedFile;
import dev.plinth.api.DeployedFile.Status;
import dev.plinth.api.Diagnosis;
import dev.plinth.api.Operation;
import dev.plinth.api.Options;
import dev.plinth.api.Plan;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.PluginInfo;
import dev.plinth.api.PluginKind;
import dev.plinth.api.PluginManager;
import dev.plinth.api.PluginState;
import dev.plinth.api.Verb;
import dev.plinth.common.SettlingWatcher;

class DeployerTest {

    private static final Duration INCOMPLETE_BOUND = Duration.ofMillis(2000);
    private static final Options OPTIONS = Options.DEFAULT.withOrigin("deploy").withEnable(true);
    private static final String GREETER = "dev.example.greeter";
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    @TempDir
    Path home;

    private Path deploy;
    private Path ledgerFile;
    private FakeManager manager;
    private final List<Recheck> rechecks = new ArrayList<>();
    private DeployLedger ledger;
    private StatusBoard board;
    private Deployer deployer;
    private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private record Recheck(String name, Duration delay) {
    }

    @BeforeEach
    void setUp() throws IOException {
        deploy = Files.createDirectories(home.resolve("deploy"));
        ledgerFile = home.resolve("data").resolve("deploy").resolve("deployed.json");
        manager = new FakeManager();
        start();
        deployer.reconcile();
    }

    private boolean linksOutside;

    /** A deployer as activation makes one, with an empty status board; its reconcile() loads the ledger. */
    private void start() throws IOException {
        ledger = new DeployLedger(ledgerFile);
        board = new StatusBoard(DeployTestSupport.silentLogger(), clock);
        rechecks.clear();
        deployer = new Deployer(deploy, manager, ledger, board, (name, delay) -> rechecks.add(new Recheck(name, delay)),
                OPTIONS, INCOMPLETE_BOUND, linksOutside, clock, DeployTestSupport.silentLogger());
    }

    private void touched(String... names) {
        deployer.handle(new SettlingWatcher.Changes(Set.of(names), Set.of(), false));
    }

    private void rechecked(String... names) {
        deployer.handle(new SettlingWatcher.Changes(Set.of(), Set.of(names), false));
    }

    private Path jar(String name, String id, String version, String payload) throws IOException {
        return DeployTestSupport.writeBundle(deploy, name, id, version, payload);
    }

    private URI uri(String name) {
        return deploy.resolve(name).toUri();
    }

    private DeployedFile status(String name) {
        return board.get(name).orElseThrow(() -> new AssertionError("no status for " + name + ": " + board.files()));
    }

    private Map<String, DeployLedger.Entry> ledgerOnDisk() throws IOException {
        DeployLedger onDisk = new DeployLedger(ledgerFile);
        onDisk.load();
        return onDisk.entries();
    }

    /** Installs {@code name} (plugin {@code id}) through the deployer, then forgets the calls that made it. */
    private void deployed(String name, String id, String version, String payload) throws IOException {
        jar(name, id, version, payload);
        touched(name);
        assertEquals(Status.DEPLOYED, status(name).status(), "setup: " + board.files());
        manager.calls.clear();
        rechecks.clear();
    }

    // ----------------------------------------------------------------------------------------------- installs

    @Test
    void aNameWithALineBreakIsRefusedAndShownEscaped() throws IOException {
        String name = "evil\n2026-01-01T00:00:00.000Z ERROR [main] forged.jar";
        jar(name, "dev.example.evil", "1.0.0", "evil");

        touched(name);

        assertEquals(List.of(), manager.changes());
        DeployedFile status = status(name);
        assertEquals(Status.FAILED, status.status());
        assertEquals("INVALID_ARCHIVE", status.code());
        assertEquals("the name \"evil\\n2026-01-01T00:00:00.000Z ERROR [main] forged.jar\" holds a control "
                + "character (a line break or a tab, say); rename the file; nothing was changed", status.message());
        assertFalse(status.message().contains("\n"), status.message());
        assertEquals(Set.of(), ledgerOnDisk().keySet());
    }

    @Test
    void aLinkToAJarOutsideTheDirectoryIsRefused() throws IOException {
        Path outside = DeployTestSupport.writeBundle(Files.createDirectories(deploy.resolveSibling("elsewhere")),
                "a.jar", "dev.example.a", "1.0.0", "a");
        Files.createSymbolicLink(deploy.resolve("a.jar"), outside);

        touched("a.jar");

        assertEquals(List.of(), manager.changes());
        DeployedFile status = status("a.jar");
        assertEquals(Status.FAILED, status.status());
        assertEquals("a.jar is a symbolic link to " + outside.toRealPath() + ", outside the deploy directory; such "
                + "links are followed only when links.outside is true in dev.plinth.deploy; nothing was changed",
                status.message());
    }

    @Test
    void aLinkToAJarInsideTheDirectoryIsDeployed() throws IOException {
        Path inside = DeployTestSupport.writeBundle(Files.createDirectories(deploy.resolve("store")), "a.jar",
                "dev.example.a", "1.0.0", "a");
        Files.createSymbolicLink(deploy.resolve("a.jar"), inside);

        touched("a.jar");

        assertEquals(List.of("installAll " + List.of(inside.toRealPath().toUri())), manager.changes(),
                "the file the link leads to is read, resolved once");
        assertEquals(Status.DEPLOYED, status("a.jar").status());
    }

    @Test
    void aLinkLeavingTheDirectoryIsDeployedWhenAllowed() throws IOException {
        linksOutside = true;
        start();
        Path outside = DeployTestSupport.writeBundle(Files.createDirectories(deploy.resolveSibling("elsewhere")),
                "a.jar", "dev.example.a", "1.0.0", "a");
        Files.createSymbolicLink(deploy.resolve("a.jar"), outside);

        touched("a.jar");

        assertEquals(List.of("installAll " + List.of(outside.toRealPath().toUri())), manager.changes());
        assertEquals(Status.DEPLOYED, status("a.jar").status());
    }

    @Test
    void newJarIsInstalledAndEnabledAndRecorded() throws IOException {
        Path file = jar("greeter.jar", GREETER + ";singleton:=true", "1.0.0", "hello");

        touched("greeter.jar");

        assertEquals(List.of("installAll " + List.of(uri("greeter.jar"))), manager.changes());
        assertEquals(List.of(OPTIONS), manager.optionsSeen);
        DeployedFile status = status("greeter.jar");
        assertEquals(Status.DEPLOYED, status.status());
        assertEquals(GREETER, status.id());
        assertEquals("1.0.0", status.version());
        assertNull(status.code());
        DeployLedger.Entry entry = ledgerOnDisk().get("greeter.jar");
        assertEquals(GREETER, entry.id());
        assertEquals("1.0.0", entry.version());
        assertEquals(JarProbe.sha256(file), entry.sha256());
        assertEquals(NOW, entry.since());
        assertTrue(rechecks.isEmpty(), rechecks.toString());
    }

    @Test
    void burstOfThreeJarsIsOneInstallAllCall() throws IOException {
        jar("a.jar", "dev.example.a", "1.0.0", "a");
        jar("b.jar", "dev.example.b", "1.0.0", "b");
        jar("c.jar", "dev.example.c", "1.0.0", "c");
        Files.writeString(deploy.resolve("c.jar.part"), "partial download");
        Files.writeString(deploy.resolve("notes.txt"), "not a jar");
        jar(".hidden.jar", "dev.example.hidden", "1.0.0", "h");

        touched("a.jar", "c.jar", "b.jar", "c.jar.part", "notes.txt", ".hidden.jar");

        assertEquals(List.of("installAll " + List.of(uri("a.jar"), uri("b.jar"), uri("c.jar"))),
                manager.changes());
        assertEquals(Set.of("a.jar", "b.jar", "c.jar"), ledgerOnDisk().keySet());
        assertEquals(List.of("a.jar", "b.jar", "c.jar"), board.files().stream().map(DeployedFile::file).toList());
    }

    @Test
    void failedInstallIsReportedAndNotRecorded() throws IOException {
        jar("a.jar", "dev.example.a", "1.0.0", "a");
        jar("b.jar", "dev.example.b", "1.0.0", "b");
        manager.installFailures.put("b.jar", new PluginException(Code.START_FAILED, "b did not start"));

        touched("a.jar", "b.jar");

        assertEquals(List.of("installAll " + List.of(uri("a.jar"), uri("b.jar"))), manager.changes());
        assertEquals(Status.DEPLOYED, status("a.jar").status());
        DeployedFile failed = status("b.jar");
        assertEquals(Status.FAILED, failed.status());
        assertEquals("START_FAILED", failed.code());
        assertEquals("dev.example.b", failed.id());
        assertEquals("b did not start", failed.message());
        assertEquals(Set.of("a.jar"), ledgerOnDisk().keySet());
    }

    @Test
    void unchangedDeployedJarTouchedAgainChangesNothing() throws IOException {
        deployed("greeter.jar", GREETER, "1.0.0", "hello");

        touched("greeter.jar");

        assertEquals(List.of(), manager.changes());
        assertEquals(Status.DEPLOYED, status("greeter.jar").status());
    }

    @Test
    void aJarReplacedBetweenTheProbeAndTheInstallIsRecordedAsWhatWasInstalledAndItsDeletionRemovesIt()
            throws IOException {
        jar("a.jar", "dev.example.first", "1.0.0", "first");
        manager.beforeInstall = () -> jar("a.jar", "dev.example.second", "2.0.0", "second");

        touched("a.jar");

        assertEquals(Set.of("dev.example.second"), manager.installed.keySet());
        DeployLedger.Entry entry = ledgerOnDisk().get("a.jar");
        assertEquals("dev.example.second", entry.id());
        assertEquals("2.0.0", entry.version());
        assertEquals(JarProbe.sha256(deploy.resolve("a.jar")), entry.sha256());
        assertEquals("dev.example.second", status("a.jar").id());
        manager.beforeInstall = () -> {
        };
        manager.calls.clear();
        touched("a.jar");
        assertEquals(List.of(), manager.changes(), "the replacement's own event finds the file deployed");
        assertEquals(Status.DEPLOYED, status("a.jar").status());

        Files.delete(deploy.resolve("a.jar"));
        touched("a.jar");

        assertEquals(List.of("removeAll " + List.of("dev.example.second")), manager.changes());
        assertTrue(manager.installed.isEmpty(), manager.installed.toString());
        assertFalse(ledgerOnDisk().containsKey("a.jar"));
    }

    @Test
    void aJarReplacedBetweenTheProbeAndTheUpgradeIsRecordedWithTheContentInstalled() throws IOException {
        deployed("greeter.jar", GREETER, "1.0.0", "hello");
        jar("greeter.jar", GREETER, "1.1.0", "probed");
        String probed = JarProbe.sha256(deploy.resolve("greeter.jar"));
        manager.beforeUpgrade = () -> jar("greeter.jar", GREETER, "1.2.0", "installed");

        touched("greeter.jar");

        DeployLedger.Entry entry = ledgerOnDisk().get("greeter.jar");
        assertEquals("1.2.0", entry.version());
        String installed = JarProbe.sha256(deploy.resolve("greeter.jar"));
        assertFalse(installed.equals(probed), "setup: the file changed");
        assertEquals(installed, entry.sha256());
        manager.calls.clear();
        touched("greeter.jar");
        assertEquals(List.of(), manager.changes(), "the replacement's own event finds the file deployed");
    }

    // ----------------------------------------------------------------------------------------------- removals

    @Test
    void deletedDeployedFileRemovesItsPlugin() throws IOException {
        deployed("greeter.jar", GREETER, "1.0.0", "hello");
        Files.delete(deploy.resolve("greeter.jar"));

        touched("greeter.jar");

        assertEquals(List.of("removeAll " + List.of(GREETER)), manager.changes());
        assertTrue(manager.find(GREETER).isEmpty());
        assertFalse(ledgerOnDisk().containsKey("greeter.jar"));
        assertTrue(board.get("greeter.jar").isEmpty(), board.files().toString());
    }

    @Test
    void deletedFileWhosePluginCannotBeRemovedStaysFailedAndRecorded() throws IOException {
        deployed("greeter.jar", GREETER, "1.0.0", "hello");
        manager.removeFailures.put(GREETER,
                new PluginException(Code.HAS_DEPENDENTS, "dev.example.user depends on " + GREETER));
        Files.delete(deploy.resolve("greeter.jar"));

        touched("greeter.jar");

        assertEquals(List.of("removeAll " + List.of(GREETER)), manager.changes());
        assertTrue(manager.find(GREETER).isPresent());
        DeployedFile failed = status("greeter.jar");
        assertEquals(Status.FAILED, failed.status());
        assertEquals("HAS_DEPENDENTS", failed.code());
        assertEquals(GREETER, failed.id());
        assertEquals("1.0.0", failed.version());
        assertTrue(ledgerOnDisk().containsKey("greeter.jar"));
        assertTrue(rechecks.isEmpty(), "no progress, so nothing is retried: " + rechecks);
    }

    @Test
    void deletedFilesAreRemovedInOneBatch() throws IOException {
        deployed("a.jar", "dev.example.a", "1.0.0", "a");
        deployed("b.jar", "dev.example.b", "1.0.0", "b");
        Files.delete(deploy.resolve("a.jar"));
        Files.delete(deploy.resolve("b.jar"));

        touched("b.jar", "a.jar");

        assertEquals(List.of("removeAll " + List.of("dev.example.a", "dev.example.b")), manager.changes());
        assertTrue(ledgerOnDisk().isEmpty());
    }

    @Test
    void deletedFileWhosePluginIsAlreadyGoneIsForgotten() throws IOException {
        deployed("greeter.jar", GREETER, "1.0.0", "hello");
        manager.installed.remove(GREETER);
        Files.delete(deploy.resolve("greeter.jar"));

        touched("greeter.jar");

        assertEquals(List.of(), manager.changes(), "removing what is gone is nothing to do, not a failed removal");
        assertFalse(ledgerOnDisk().containsKey("greeter.jar"));
        assertTrue(board.get("greeter.jar").isEmpty());
    }

    // ----------------------------------------------------------------------------------------------- upgrades

    @Test
    void changedJarWithTheSamePluginUpgradesIt() throws IOException {
        deployed("greeter.jar", GREETER, "1.0.0", "hello");
        Path file = jar("greeter.jar", GREETER, "2.0.0", "hello again, changed");

        touched("greeter.jar");

        assertEquals(List.of("upgrade " + GREETER + " " + uri("greeter.jar")), manager.changes());
        DeployedFile status = status("greeter.jar");
        assertEquals(Status.DEPLOYED, status.status());
        assertEquals("2.0.0", status.version());
        DeployLedger.Entry entry = ledgerOnDisk().get("greeter.jar");
        assertEquals("2.0.0", entry.version());
        assertEquals(JarProbe.sha256(file), entry.sha256());
    }

    @Test
    void refusedUpgradeKeepsTheOldRecord() throws IOException {
        deployed("greeter.jar", GREETER, "1.0.0", "hello");
        DeployLedger.Entry before = ledgerOnDisk().get("greeter.jar");
        manager.upgradeFailures.put(GREETER, new PluginException(Code.UNRESOLVED, "2.0.0 needs dev.example.lib"));
        jar("greeter.jar", GREETER, "2.0.0", "changed");

        touched("greeter.jar");

        assertEquals(List.of("upgrade " + GREETER + " " + uri("greeter.jar")), manager.changes());
        assertEquals(Status.FAILED, status("greeter.jar").status());
        assertEquals("UNRESOLVED", status("greeter.jar").code());
        DeployLedger.Entry after = ledgerOnDisk().get("greeter.jar");
        assertEquals(before, after.withRefused(null), "what is installed from the file is kept");
        assertEquals(JarProbe.sha256(deploy.resolve("greeter.jar")), after.refused(), "and what was refused");
    }

    @Test
    void aPluginRemovedAfterItsChangedJarWasRefusedIsNotInstalledAgainWhileTheJarStaysAsItIs() throws IOException {
        deployed("greeter.jar", GREETER, "1.0.0", "hello");
        manager.upgradeFailures.put(GREETER, new PluginException(Code.PINNED, GREETER + " is pinned"));
        jar("greeter.jar", GREETER, "2.0.0", "changed");
        touched("greeter.jar");
        manager.installed.remove(GREETER);
        manager.calls.clear();

        start();
        deployer.reconcile();

        assertEquals(List.of(), manager.changes());
        assertEquals(Status.DETACHED, status("greeter.jar").status());

        jar("greeter.jar", GREETER, "3.0.0", "changed again");
        touched("greeter.jar");

        assertEquals(List.of("installAll " + List.of(uri("greeter.jar"))), manager.changes(),
                "a later change is deployed");
    }

    // ----------------------------------------------------------------------------------------- incomplete files

    @Test
    void incompleteFileWaitsAndAsksForARecheck() throws IOException {
        byte[] complete = DeployTestSupport.bundleJar(GREETER, "1.0.0", "hello");
        Files.write(deploy.resolve("greeter.jar"), Arrays.copyOf(complete, complete.length / 2));

        touched("greeter.jar");

        assertEquals(List.of(), manager.changes());
        assertEquals(Status.WAITING, status("greeter.jar").status());
        assertNull(status("greeter.jar").code());
        assertEquals(List.of(new Recheck("greeter.jar", INCOMPLETE_BOUND)), rechecks);
        assertFalse(ledgerOnDisk().containsKey("greeter.jar"));
    }

    @Test
    void incompleteFileStillIncompleteOnRecheckFailsAsInvalidArchive() throws IOException {
        byte[] complete = DeployTestSupport.bundleJar(GREETER, "1.0.0", "hello");
        Files.write(deploy.resolve("greeter.jar"), Arrays.copyOf(complete, complete.length - 1));
        touched("greeter.jar");
        rechecks.clear();

        rechecked("greeter.jar");

        assertEquals(List.of(), manager.changes());
        DeployedFile failed = status("greeter.jar");
        assertEquals(Status.FAILED, failed.status());
        assertEquals("INVALID_ARCHIVE", failed.code());
        assertTrue(failed.message().contains("greeter.jar"), failed.message());
        assertTrue(rechecks.isEmpty(), rechecks.toString());
    }

    @Test
    void incompleteFileCompletedBeforeTheRecheckIsInstalled() throws IOException {
        byte[] complete = DeployTestSupport.bundleJar(GREETER, "1.0.0", "hello");
        Files.write(deploy.resolve("greeter.jar"), Arrays.copyOf(complete, 30));
        touched("greeter.jar");
        Files.write(deploy.resolve("greeter.jar"), complete);

        rechecked("greeter.jar");

        assertEquals(List.of("installAll " + List.of(uri("greeter.jar"))), manager.changes());
        assertEquals(Status.DEPLOYED, status("greeter.jar").status());
    }

    @Test
    void completeArchiveThatIsNotABundleFailsAtOnce() throws IOException {
        Files.write(deploy.resolve("plain.jar"), DeployTestSupport.zipWithoutManifest());

        touched("plain.jar");

        assertEquals(List.of(), manager.changes());
        assertEquals(Status.FAILED, status("plain.jar").status());
        assertEquals("INVALID_ARCHIVE", status("plain.jar").code());
        assertTrue(rechecks.isEmpty(), rechecks.toString());
    }

    // ---------------------------------------------------------------------------------------------- reconcile

    @Test
    void atStartAnUnchangedJarWhosePluginWasRemovedIsDetached() throws IOException {
        deployed("greeter.jar", GREETER, "1.0.0", "hello");
        manager.installed.remove(GREETER); // removed with another tool while Plinth was stopped
        start();

        deployer.reconcile();

        assertEquals(List.of(), manager.changes());
        DeployedFile detached = status("greeter.jar");
        assertEquals(Status.DETACHED, detached.status());
        assertEquals(GREETER, detached.id());
        assertEquals("1.0.0", detached.version());
        assertTrue(ledgerOnDisk().containsKey("greeter.jar"), "the record stays, the file is left alone");
    }

    @Test
    void atStartWhatChangedWhileStoppedIsCaughtUpWith() throws IOException {
        deployed("kept.jar", "dev.example.kept", "1.0.0", "kept");
        deployed("gone.jar", "dev.example.gone", "1.0.0", "gone");
        deployed("changed.jar", "dev.example.changed", "1.0.0", "changed");
        start();
        Files.delete(deploy.resolve("gone.jar"));
        jar("changed.jar", "dev.example.changed", "1.1.0", "changed while stopped");
        jar("new.jar", "dev.example.new", "1.0.0", "new");

        deployer.reconcile();

        assertEquals(List.of("removeAll " + List.of("dev.example.gone"),
                "upgrade dev.example.changed " + uri("changed.jar"), "installAll " + List.of(uri("new.jar"))),
                manager.changes());
        assertEquals(Status.DEPLOYED, status("kept.jar").status());
        assertEquals(Set.of("kept.jar", "changed.jar", "new.jar"), ledgerOnDisk().keySet());
    }

    @Test
    void atStartAFileInstalledButNotRecordedIsAdopted() throws IOException {
        deployed("greeter.jar", GREETER, "1.0.0", "hello");
        Files.delete(ledgerFile); // as if Plinth stopped between the install and the ledger write
        start();

        deployer.reconcile();

        assertEquals(List.of(), manager.changes());
        assertEquals(Status.DEPLOYED, status("greeter.jar").status());
        assertTrue(ledgerOnDisk().containsKey("greeter.jar"));
    }

    // ------------------------------------------------------------------------------------------------ renames

    @Test
    void renamedJarIsNeitherRemovedNorInstalled() throws IOException {
        deployed("a.jar", GREETER, "1.0.0", "hello");
        DeployLedger.Entry before = ledgerOnDisk().get("a.jar");
        Files.move(deploy.resolve("a.jar"), deploy.resolve("b.jar"));

        touched("a.jar", "b.jar");

        assertEquals(List.of(), manager.changes());
        assertEquals(Set.of("b.jar"), ledgerOnDisk().keySet());
        DeployLedger.Entry after = ledgerOnDisk().get("b.jar");
        assertEquals(before.id(), after.id());
        assertEquals(before.sha256(), after.sha256());
        assertTrue(board.get("a.jar").isEmpty());
        assertEquals(Status.DEPLOYED, status("b.jar").status());
        assertEquals(GREETER, status("b.jar").id());
    }

    @Test
    void renamedAndChangedJarUpgradesInsteadOfRemovingAndInstalling() throws IOException {
        deployed("greeter-1.0.jar", GREETER, "1.0.0", "hello");
        Files.delete(deploy.resolve("greeter-1.0.jar"));
        jar("greeter-2.0.jar", GREETER, "2.0.0", "hello two");

        touched("greeter-1.0.jar", "greeter-2.0.jar");

        assertEquals(List.of("upgrade " + GREETER + " " + uri("greeter-2.0.jar")), manager.changes());
        assertEquals(Set.of("greeter-2.0.jar"), ledgerOnDisk().keySet());
        assertEquals("2.0.0", ledgerOnDisk().get("greeter-2.0.jar").version());
        assertEquals(Status.DEPLOYED, status("greeter-2.0.jar").status());
    }

    // ------------------------------------------------------------------------------------------------ retries

    @Test
    void afterASuccessUnresolvedFailuresAreRechecked() throws IOException {
        jar("user.jar", "dev.example.user", "1.0.0", "user");
        manager.installFailures.put("user.jar",
                new PluginException(Code.UNRESOLVED, "dev.example.user needs package dev.example.lib"));
        touched("user.jar");
        assertEquals("UNRESOLVED", status("user.jar").code());
        assertTrue(rechecks.isEmpty(), "no success yet: " + rechecks);

        jar("lib.jar", "dev.example.lib", "1.0.0", "lib");
        touched("lib.jar");

        assertEquals(List.of(new Recheck("user.jar", Duration.ZERO)), rechecks);

        manager.installFailures.clear();
        manager.calls.clear();
        rechecks.clear();
        rechecked("user.jar");

        assertEquals(List.of("installAll " + List.of(uri("user.jar"))), manager.changes());
        assertEquals(Status.DEPLOYED, status("user.jar").status());
    }

    @Test
    void afterASuccessRefusedRemovalsAreRecheckedButOtherFailuresAreNot() throws IOException {
        deployed("lib.jar", "dev.example.lib", "1.0.0", "lib");
        manager.removeFailures.put("dev.example.lib", new PluginException(Code.HAS_DEPENDENTS, "user needs lib"));
        Files.delete(deploy.resolve("lib.jar"));
        touched("lib.jar");
        Files.write(deploy.resolve("broken.jar"), DeployTestSupport.zipWithoutManifest());
        touched("broken.jar");
        assertEquals("INVALID_ARCHIVE", status("broken.jar").code());
        rechecks.clear();

        jar("other.jar", "dev.example.other", "1.0.0", "other");
        touched("other.jar");

        assertEquals(List.of(new Recheck("lib.jar", Duration.ZERO)), rechecks);

        manager.removeFailures.clear();
        manager.calls.clear();
        rechecked("lib.jar");

        assertEquals(List.of("removeAll " + List.of("dev.example.lib")), manager.changes());
        assertTrue(board.get("lib.jar").isEmpty());
        assertFalse(ledgerOnDisk().containsKey("lib.jar"));
    }

    // ------------------------------------------------------------------------------------ files trading places

    @Test
    void overwritingADeployedJarWithAnotherKeepsTrackOfTheMovedPlugin() throws IOException {
        deployed("a.jar", "dev.example.x", "1.0.0", "x");
        deployed("c.jar", "dev.example.y", "1.0.0", "y");
        Files.move(deploy.resolve("c.jar"), deploy.resolve("a.jar"), StandardCopyOption.REPLACE_EXISTING);

        touched("a.jar", "c.jar");

        assertEquals(List.of("removeAll " + List.of("dev.example.x")), manager.changes());
        assertEquals(Status.DEPLOYED, status("a.jar").status());
        assertEquals("dev.example.y", status("a.jar").id());
        assertEquals(Set.of("a.jar"), ledgerOnDisk().keySet(), "ledger after mv c.jar a.jar");
        assertEquals("dev.example.y", ledgerOnDisk().get("a.jar").id());

        Files.delete(deploy.resolve("a.jar"));
        manager.calls.clear();
        touched("a.jar");
        assertEquals(List.of("removeAll " + List.of("dev.example.y")), manager.changes());
    }

    @Test
    void overwritingADeployedJarWhosePluginCannotBeRemovedWaitsAndLosesNeither() throws IOException {
        deployed("a.jar", "dev.example.x", "1.0.0", "x");
        deployed("c.jar", "dev.example.y", "1.0.0", "y");
        manager.removeFailures.put("dev.example.x", new PluginException(Code.HAS_DEPENDENTS,
                "cannot remove dev.example.x: plugins depend on it: dev.example.z"));
        Files.move(deploy.resolve("c.jar"), deploy.resolve("a.jar"), StandardCopyOption.REPLACE_EXISTING);

        touched("a.jar", "c.jar");

        assertEquals(List.of("removeAll " + List.of("dev.example.x")), manager.changes(), "y is not removed");
        assertTrue(manager.find("dev.example.y").isPresent());
        DeployedFile held = status("a.jar");
        assertEquals("HAS_DEPENDENTS", held.code());
        assertTrue(held.message().startsWith("a.jar now holds dev.example.y, but"), held.message());
        assertEquals(Set.of("a.jar"), board.files().stream().map(DeployedFile::file).collect(Collectors.toSet()));
        assertEquals("dev.example.x", ledgerOnDisk().get("a.jar").id());

        manager.removeFailures.clear();
        manager.calls.clear();
        rechecked("a.jar");

        assertEquals(List.of("removeAll " + List.of("dev.example.x")), manager.changes(),
                "y stays installed: it only moved");
        assertEquals(Status.DEPLOYED, status("a.jar").status());
        assertEquals("dev.example.y", status("a.jar").id());
        assertEquals(Set.of("a.jar"), ledgerOnDisk().keySet());
        assertEquals("dev.example.y", ledgerOnDisk().get("a.jar").id());
    }

    @Test
    void aJarForAPluginWhoseDeletedJarCouldNotBeRemovedTakesItsPlace() throws IOException {
        deployed("old.jar", GREETER, "1.0.0", "hello");
        manager.removeFailures.put(GREETER, new PluginException(Code.HAS_DEPENDENTS, "others need it"));
        Files.delete(deploy.resolve("old.jar"));
        touched("old.jar");
        manager.removeFailures.clear();
        manager.calls.clear();
        jar("new.jar", GREETER, "1.1.0", "hello again");

        touched("new.jar");

        assertEquals(List.of("upgrade " + GREETER + " " + uri("new.jar")), manager.changes());
        assertEquals(Set.of("new.jar"), ledgerOnDisk().keySet());
        assertTrue(board.get("old.jar").isEmpty());
    }

    @Test
    void replacedJarWhoseOldPluginCannotBeRemovedWaitsForIt() throws IOException {
        deployed("a.jar", "dev.example.x", "1.0.0", "x");
        manager.removeFailures.put("dev.example.x", new PluginException(Code.HAS_DEPENDENTS,
                "cannot remove dev.example.x: plugins depend on it: dev.example.z"));
        jar("a.jar", "dev.example.y", "1.0.0", "y");

        touched("a.jar");

        assertEquals(List.of("removeAll " + List.of("dev.example.x")), manager.changes());
        assertTrue(manager.find("dev.example.y").isEmpty(), "y waits until x can go");
        DeployedFile held = status("a.jar");
        assertEquals(Status.FAILED, held.status());
        assertEquals("HAS_DEPENDENTS", held.code());
        assertEquals("dev.example.x", held.id());
        assertTrue(held.message().startsWith("a.jar now holds dev.example.y, but cannot remove dev.example.x"),
                held.message());
        assertEquals("dev.example.x", ledgerOnDisk().get("a.jar").id());

        manager.removeFailures.clear();
        manager.calls.clear();
        rechecked("a.jar");

        assertEquals(List.of("removeAll " + List.of("dev.example.x"), "installAll " + List.of(uri("a.jar"))),
                manager.changes());
        assertEquals("dev.example.y", status("a.jar").id());
        assertEquals(Status.DEPLOYED, status("a.jar").status());
        assertEquals("dev.example.y", ledgerOnDisk().get("a.jar").id());
    }

    @Test
    void renamingAJarWhosePluginWasRemovedKeepsItDetached() throws IOException {
        deployed("a.jar", GREETER, "1.0.0", "hello");
        manager.installed.remove(GREETER);
        Files.move(deploy.resolve("a.jar"), deploy.resolve("b.jar"));

        touched("a.jar", "b.jar");

        assertEquals(List.of(), manager.changes());
        assertEquals(Status.DETACHED, status("b.jar").status());
        assertTrue(board.get("a.jar").isEmpty());
        assertEquals(Set.of("b.jar"), ledgerOnDisk().keySet());
    }

    @Test
    void renamingAndChangingAJarWhosePluginWasRemovedInstallsIt() throws IOException {
        deployed("a.jar", GREETER, "1.0.0", "hello");
        manager.installed.remove(GREETER);
        Files.delete(deploy.resolve("a.jar"));
        jar("b.jar", GREETER, "1.1.0", "hello again");

        touched("a.jar", "b.jar");

        assertEquals(List.of("installAll " + List.of(uri("b.jar"))), manager.changes());
        assertEquals(Status.DEPLOYED, status("b.jar").status());
        assertEquals(Set.of("b.jar"), ledgerOnDisk().keySet());
    }

    @Test
    void touchingADetachedFileLeavesItDetached() throws IOException {
        deployed("greeter.jar", GREETER, "1.0.0", "hello");
        manager.installed.remove(GREETER); // plugin:remove while the jar stays

        touched("greeter.jar");

        assertEquals(List.of(), manager.changes());
        assertEquals(Status.DETACHED, status("greeter.jar").status());
    }

    // ----------------------------------------------------------------------------------------- across restarts

    @Test
    void atStartAJarReplacedWithTheSameSizeAndTimeIsStillUpgraded() throws IOException {
        Path file = jar("greeter.jar", GREETER, "1.0.0", "aaaa");
        touched("greeter.jar");
        FileTime time = Files.getLastModifiedTime(file);
        long size = Files.size(file);
        manager.calls.clear();
        start();
        jar("greeter.jar", GREETER, "1.0.0", "bbbb"); // as cp -p of a rebuilt jar
        Files.setLastModifiedTime(file, time);
        assertEquals(size, Files.size(file), "the premise: same size");

        deployer.reconcile();

        assertEquals(List.of("upgrade " + GREETER + " " + uri("greeter.jar")), manager.changes());
    }

    @Test
    void theTimeAFileWasDeployedSurvivesARestart() throws IOException {
        deployed("greeter.jar", GREETER, "1.0.0", "hello");
        clock = Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC);
        start();

        deployer.reconcile();

        assertEquals(NOW, status("greeter.jar").since());
    }

    @Test
    void atStartAnIncompleteFileThatHasNotChangedForTheBoundFailsAtOnce() throws IOException {
        byte[] complete = DeployTestSupport.bundleJar(GREETER, "1.0.0", "hello");
        Path file = Files.write(deploy.resolve("greeter.jar"), Arrays.copyOf(complete, complete.length / 2));
        Files.setLastModifiedTime(file, FileTime.from(NOW.minus(INCOMPLETE_BOUND)));
        start();

        deployer.reconcile();

        assertEquals(Status.FAILED, status("greeter.jar").status());
        assertEquals("INVALID_ARCHIVE", status("greeter.jar").code());
        assertTrue(rechecks.isEmpty(), rechecks.toString());
    }

    @Test
    void anUnreadableLedgerIsRebuiltFromThePluginsInstalledFromTheDirectory() throws IOException {
        deployed("a.jar", "dev.example.a", "1.0.0", "a");
        deployed("b.jar", "dev.example.b", "1.0.0", "b");
        Files.write(ledgerFile, new byte[] {(byte) 0xFF, (byte) 0xFE, 0x00});
        start();
        Files.delete(deploy.resolve("b.jar"));

        deployer.reconcile();

        assertEquals(List.of("removeAll " + List.of("dev.example.b")), manager.changes());
        assertEquals(Status.DEPLOYED, status("a.jar").status());
        assertEquals(Set.of("a.jar"), ledgerOnDisk().keySet());
        assertTrue(Files.isRegularFile(ledgerFile.resolveSibling("deployed.json.unreadable")));
    }

    @Test
    void anotherDirectoryLeavesThePluginsOfTheFirstAlone() throws IOException {
        deployed("a.jar", "dev.example.a", "1.0.0", "a");
        Path other = Files.createDirectories(home.resolve("elsewhere"));
        deploy = other;
        start();

        deployer.reconcile();

        assertEquals(List.of(), manager.changes());
        assertTrue(manager.find("dev.example.a").isPresent());
        assertTrue(ledgerOnDisk().isEmpty());
    }

    // ------------------------------------------------------------------------------------------- the fake

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }

    /**
     * A plugin manager that installs for real only in a map: installAll reads each archive's bundle id, version
     * and sha-256 and records the plugin; failures are configured by file name (installs) or id (removals,
     * upgrades). Changing calls are recorded in order.
     */
    private static final class FakeManager implements PluginManager {

        final Map<String, PluginInfo> installed = new TreeMap<>();
        final Map<String, PluginException> installFailures = new HashMap<>();
        final Map<String, PluginException> removeFailures = new HashMap<>();
        final Map<String, PluginException> upgradeFailures = new HashMap<>();
        final List<String> calls = new ArrayList<>();
        final List<Options> optionsSeen = new ArrayList<>();
        /** Runs when installAll is called, before it reads the archives: a file replaced after it was probed. */
        IoAction beforeInstall = () -> {
        };
        /** Runs when upgrade is called, before it reads the archive. */
        IoAction beforeUpgrade = () -> {
        };

        /** The changing calls (installAll, removeAll, upgrade), without finds. */
        List<String> changes() {
            return calls.stream().filter(call -> !call.startsWith("find ")).toList();
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
        public List<BatchResult> installAll(List<URI> sources, Options options) {
            calls.add("installAll " + sources);
            optionsSeen.add(options);
            try {
                beforeInstall.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<BatchResult> results = new ArrayList<>();
            for (URI source : sources) {
                Path file = Path.of(source);
                PluginException failure = installFailures.get(file.getFileName().toString());
                JarProbe.Probe probe = probe(file);
                if (failure == null && installed.containsKey(probe.id())) {
                    failure = new PluginException(Code.DUPLICATE, probe.id() + " is already installed");
                }
                if (failure != null) {
                    results.add(new BatchResult(source.toString(), probe.id(), probe.version(), failure));
                } else {
                    installed.put(probe.id(), plugin(probe, file));
                    results.add(new BatchResult(source.toString(), probe.id(), probe.version(), null));
                }
            }
            return results;
        }

        @Override
        public List<BatchResult> removeAll(List<String> ids, Options options) {
            calls.add("removeAll " + ids);
            optionsSeen.add(options);
            List<BatchResult> results = new ArrayList<>();
            for (String id : ids) {
                PluginException failure = removeFailures.get(id);
                if (failure == null && !installed.containsKey(id)) {
                    failure = new PluginException(Code.NOT_FOUND, "no plugin " + id);
                }
                if (failure != null) {
                    results.add(new BatchResult(id, id, null, failure));
                } else {
                    results.add(new BatchResult(id, id, installed.remove(id).version(), null));
                }
            }
            return results;
        }

        @Override
        public Plan upgrade(String id, URI source, Options options) throws PluginException {
            calls.add("upgrade " + id + " " + source);
            optionsSeen.add(options);
            try {
                beforeUpgrade.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            PluginException failure = upgradeFailures.get(id);
            if (failure != null) {
                throw failure;
            }
            if (!installed.containsKey(id)) {
                throw new PluginException(Code.NOT_FOUND, "no plugin " + id);
            }
            Path file = Path.of(source);
            installed.put(id, plugin(probe(file), file));
            return new Plan(Verb.UPGRADE, id, List.of(), List.of(), false);
        }

        @Override
        public Optional<PluginInfo> find(String id) {
            calls.add("find " + id);
            return Optional.ofNullable(installed.get(id));
        }

        private static JarProbe.Probe probe(Path file) {
            try {
                return JarProbe.probe(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static PluginInfo plugin(JarProbe.Probe probe, Path file) {
            try {
                return new PluginInfo(probe.id(), probe.version(), probe.id(), "", "", "", "", PluginKind.PLUGIN,
                        PluginState.ENABLED, 1, List.of(), List.of(), null, null, JarProbe.sha256(file),
                        file.toUri().toString(), Instant.EPOCH);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Plan install(URI source, Options options) {
            throw new UnsupportedOperationException("the deployer installs in batches");
        }

        @Override
        public Plan enable(String id, Options options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Plan disable(String id, Options options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Plan upgradeTogether(java.util.Map<String, URI> sources, Options options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Plan rollback(String id, Options options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Plan remove(String id, Options options) {
            throw new UnsupportedOperationException("the deployer removes in batches");
        }

        @Override
        public List<PluginInfo> plugins() {
            return List.copyOf(installed.values());
        }

        @Override
        public List<PluginInfo> libraries() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<PluginInfo> unmanaged() {
            throw new UnsupportedOperationException();
        }

        @Override
        public PluginInfo get(String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Diagnosis diagnose(String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Operation> history(int limit) {
            throw new UnsupportedOperationException();
        }
    }
}
