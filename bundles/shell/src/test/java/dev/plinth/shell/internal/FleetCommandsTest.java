package dev.plinth.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.eclipse.parsson.JsonProviderImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.plinth.api.PluginException;
import dev.plinth.api.fleet.NodeStatus;
import dev.plinth.api.fleet.Rollout;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

/** The fleet commands run through a real Gogo command processor, as {@code bin/plinth exec} runs them. */
class FleetCommandsTest {

    private static final List<String> FUNCTIONS = List.of("publish", "status", "rollback", "nodes", "history",
            "show", "forget");

    @TempDir
    Path dir;

    private final FakeFleet fleet = new FakeFleet();
    private final SetCatalog catalog = new SetCatalog();
    private final ThreadIOImpl threadIO = new ThreadIOImpl();
    private CommandProcessorImpl processor;
    private CommandSession session;

    @BeforeEach
    void open() throws Exception {
        threadIO.start();
        processor = new CommandProcessorImpl(threadIO);
        FleetCommands commands = new FleetCommands(fleet, catalog, Clock.fixed(FakeFleet.NOW, ZoneOffset.UTC));
        FUNCTIONS.forEach(function -> processor.addCommand("fleet", commands, function));
        processor.addConverter(new ShellFormatter(ZoneOffset.UTC));
        session = processor.createSession(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                new ByteArrayOutputStream());
        session.currentDir(dir);
        Files.writeString(dir.resolve("plugins.json"), "{\"plugins\": []}\n");
    }

    @AfterEach
    void close() {
        session.close();
        threadIO.stop();
    }

    private String run(String program) throws Exception {
        return session.format(session.execute(program), Converter.INSPECT).toString();
    }

    private String failure(String program) {
        return assertThrows(Exception.class, () -> session.execute(program)).getMessage();
    }

    @Test
    void aDryRunNamesTheGenerationItIsBasedOnAndEachNodesWaveAndPlanStaleNodesMarked() throws Exception {
        String out = run("fleet:publish -s plugins.json");

        assertEquals("Plan for fleet:publish " + dir.resolve("plugins.json") + " (simulated, nothing changed): "
                + "generation 8, based on generation 7.\n"
                + "Rollout: canaries node-a first, the others once they report healthy within 120 s; a halt waits for "
                + "an operator (fleet:rollback)\n"
                + "node-a (canary wave):\n"
                + "  1.  install  dev.plinth.sample.hello      1.0.0\n"
                + "  2.  upgrade  dev.plinth.sample.versioned  1.0.0 -> 2.0.0\n"
                + "  3.  enable   dev.plinth.sample.hello      1.0.0\n"
                + "node-b (rest wave):\n"
                + "  nothing to do\n"
                + "node-c (rest wave; stale: not seen lately, its plan is from its last report):\n"
                + "  1.  pin  dev.plinth.sample.versioned  2.0.0\n"
                + "Publish it with --base 7 to be refused if another generation is published meanwhile.", out);
        assertEquals(List.of("publish simulated"), fleet.calls);
        assertEquals(List.of("{\"plugins\": []}\n"), catalog.parsed);
        assertEquals(FakeFleet.SET, fleet.published);
        assertEquals(0, fleet.basedOn);
        assertEquals(Origins.current() + "@node-a", fleet.by);
    }

    @Test
    void publishOptionsBecomeTheRolloutAndTheBase() throws Exception {
        String out = run("fleet:publish --canaries '20%' --canary-seconds 60 --auto-rollback --base 7 plugins.json");

        assertEquals(new Rollout("20%", 60, true), fleet.rollout);
        assertEquals(7, fleet.basedOn);
        assertEquals(List.of("publish"), fleet.calls);
        assertTrue(out.startsWith("Published: generation 8 of group default, based on generation 7, by "
                + Origins.current() + "@node-a.\nRollout: canaries node-a first, the others once they report healthy "
                + "within 60 s; a halt rolls back to the last good generation on its own\n"), out);
        assertTrue(out.endsWith("\nfleet:status follows the rollout."), out);

        run("fleet:publish plugins.json");
        assertEquals(Rollout.DEFAULTS, fleet.rollout, "left out: the node's configured defaults");

        run("fleet:publish --no-auto-rollback plugins.json");
        assertEquals(new Rollout(null, null, false), fleet.rollout);
        assertTrue(failure("fleet:publish --auto-rollback --no-auto-rollback plugins.json").contains("contradict"));
    }

    @Test
    void aShareIsTypedQuotedSinceTheShellReadsAPercentSignAsAnExpression() throws Exception {
        run("fleet:publish --canaries '50%' plugins.json");
        assertEquals("50%", fleet.rollout.canaries());
        assertTrue(failure("fleet:publish --canaries 50% plugins.json").startsWith("bad expression"));
    }

    @Test
    void badOptionsAndFilesAreRefusedAndNothingIsPublished() {
        assertEquals("--canaries takes a count (2), a share of the nodes from 1% to 100% (20%), or 0; not 120%",
                failure("fleet:publish --canaries '120%' plugins.json"));
        assertEquals("--canaries takes a count (2), a share of the nodes from 1% to 100% (20%), or 0; not two",
                failure("fleet:publish --canaries two plugins.json"));
        assertEquals("--canary-seconds must be at least 1, not -5",
                failure("fleet:publish --canary-seconds -5 plugins.json"));
        assertEquals("no such file: " + dir.resolve("none.json"), failure("fleet:publish none.json"));
        assertEquals(List.of(), fleet.calls);
    }

    @Test
    void aSetFileLargerThanOneMebibyteIsRefusedUnreadAndNothingIsPublished() throws Exception {
        Path big = dir.resolve("big.json");
        Files.writeString(big, "{\"plugins\": []}" + " ".repeat(SetFiles.MAX_BYTES));

        assertEquals(big + " is larger than 1048576 bytes (1 MiB), the most a plugin set file may be",
                failure("fleet:publish big.json"));
        assertEquals(List.of(), fleet.calls);

        Files.writeString(big, "{\"plugins\": []}" + " ".repeat(SetFiles.MAX_BYTES - 15));
        run("fleet:publish big.json");
        assertEquals(1, fleet.calls.size(), "exactly 1 MiB is read");
    }

    @Test
    void aRefusalFailsTheCommandWithItsMessage() throws Exception {
        Files.writeString(dir.resolve("bad.json"), "bad");
        assertEquals("invalid plugin set: not JSON", failure("fleet:publish bad.json"));
        assertEquals(List.of(), fleet.calls);

        fleet.failure = new PluginException(PluginException.Code.STALE_GENERATION, "generation 8 was published by "
                + "rest:admin@node-b at 2026-12-06T07:59:00Z while this publish was based on 7; review it and "
                + "publish again");
        assertEquals(fleet.failure.getMessage(), failure("fleet:publish --base 7 plugins.json"));
        fleet.failure = new PluginException(PluginException.Code.FLEET_UNAVAILABLE, "the fleet's database cannot be "
                + "reached: connection refused");
        assertEquals(fleet.failure.getMessage(), failure("fleet:status"));
    }

    @Test
    void statusShowsTheGenerationItsReasonAndEveryNodeWithFailuresAndDriftBelow() throws Exception {
        assertEquals("Group default: generation 8, halted (published by shell:ada@node-a at 2026-12-06T07:59:00)\n"
                + "Reason: node-b: dev.plinth.sample.hello 1.0.0 cannot be resolved\n"
                + "Canaries: node-a\n"
                + "NODE    APPLIED  TARGET  STATE      CANARY  HEALTH                                      LAST SEEN\n"
                + "node-a  8        8       converged  yes     ok                                          3 s ago\n"
                + "node-b  7        8       failed     no      ok                                          5 s ago\n"
                + "node-c  7        7       drifted    no      dev.plinth.sample.versioned is not enabled  10 min ago, "
                + "stale\n"
                + "node-b: failed: dev.plinth.sample.hello 1.0.0 cannot be resolved\n"
                + "node-c: drift: dev.plinth.sample.versioned 2.0.0: disabled, wanted enabled",
                run("fleet:status").lines().map(String::stripTrailing).reduce((a, b) -> a + "\n" + b).orElseThrow());
    }

    @Test
    void aFailureOfSeveralLinesIsIndentedAndControlCharactersAreShownEscaped() {
        FleetText text = new FleetText(Instant::toString);
        NodeStatus node = new NodeStatus("node-b", "default", 7, 8, NodeStatus.State.FAILED, false,
                List.of("x 1.0.0: archive differs\u001b[2J"), "x 1.0.0 cannot be resolved:\n  it needs package y",
                "ok", FakeFleet.NOW, false);
        String out = text.nodes(List.of(node), FakeFleet.NOW);
        assertTrue(out.endsWith("\nnode-b: failed: x 1.0.0 cannot be resolved:\n    it needs package y\n"
                + "node-b: drift: x 1.0.0: archive differs\\u001b[2J"), out);
    }

    @Test
    void jsonIsTheApisRecordsWithInstantsInIso8601AndLabels() throws Exception {
        JsonProviderImpl json = new JsonProviderImpl();
        JsonObject status = json.createReader(new StringReader(run("fleet:status --json"))).readObject();
        assertEquals("default", status.getString("group"));
        assertEquals("halted", status.getJsonObject("current").getString("state"));
        assertEquals("2026-12-06T07:59:00Z", status.getJsonObject("current").getString("publishedAt"));
        assertEquals("drifted", status.getJsonArray("nodes").getJsonObject(2).getString("state"));
        assertEquals(true, status.getJsonArray("nodes").getJsonObject(2).getBoolean("stale"));

        JsonArray nodes = json.createReader(new StringReader(run("fleet:nodes --json"))).readArray();
        assertEquals("2026-12-06T07:59:57Z", nodes.getJsonObject(0).getString("lastSeen"));
        JsonArray history = json.createReader(new StringReader(run("fleet:history -n 3 --json"))).readArray();
        assertEquals("rolled-back", history.getJsonObject(1).getString("state"));
        assertEquals("dev.plinth.sample.hello", history.getJsonObject(0).getJsonObject("plugins")
                .getJsonArray("plugins").getJsonObject(0).getString("id"));
        JsonObject shown = json.createReader(new StringReader(run("fleet:show --json 7"))).readObject();
        assertEquals(7, shown.getJsonNumber("number").longValue());
        assertEquals("cc33", shown.getJsonObject("libraries").getString("dev.plinth.sample.greeting@1.0.0"));
        assertEquals("node-a", shown.getString("librariesRecordedBy"));
    }

    @Test
    void forgetRemovesALeftNodeAndARefusalFailsTheCommand() throws Exception {
        assertEquals("Forgot node node-c of group default (it joins again as new if it starts again)",
                run("fleet:forget node-c").strip());
        assertTrue(fleet.calls.contains("forget node-c"), fleet.calls.toString());
        fleet.failure = new PluginException(PluginException.Code.BUSY, "node node-c of group default is live");
        assertEquals("node node-c of group default is live", failure("fleet:forget node-c"));
    }

    @Test
    void historyListsTheGenerationsNewestFirst() throws Exception {
        assertEquals("GEN  PUBLISHED            BY                 STATE        CANARIES  PLUGINS  NOTE\n"
                + "9    2026-12-06T08:00:00  rest:admin@node-b  rolling      -         2        rollback of 8\n"
                + "8    2026-12-06T07:59:00  shell:ada@node-a   rolled-back  node-a    2        canary node-a did not "
                + "report healthy within 120 s\n"
                + "7    2026-12-06T07:59:00  shell:ada@node-a   done         -         2",
                run("fleet:history").lines().map(String::stripTrailing).reduce((a, b) -> a + "\n" + b).orElseThrow());
        assertEquals(List.of("history 20"), fleet.calls);
        run("fleet:history -n 5");
        assertEquals("history 5", fleet.calls.get(1));
        assertEquals("the limit must be from 1 to 1000, not 0", failure("fleet:history -n 0"));
    }

    @Test
    void showPrintsOneGenerationWithItsSetAndChecksums() throws Exception {
        assertEquals("Generation 7 of group default\n"
                + "  Published:  2026-12-06T07:59:00 by shell:ada@node-a\n"
                + "  State:      done\n"
                + "  Rollout:    every node at once; a halt waits for an operator (fleet:rollback)\n"
                + "Plugins:\n"
                + "  ID                           VERSION  ENABLED  PINNED  SETTINGS  SHA-256\n"
                + "  dev.plinth.sample.hello      1.0.0    yes      no      -         aa11\n"
                + "  dev.plinth.sample.versioned  2.0.0    yes      yes     -         bb22\n"
                + "Libraries (as installed by node-a, the first node that applied it; every node must run these "
                + "bytes):\n"
                + "  ID                          VERSION  SHA-256\n"
                + "  dev.plinth.sample.greeting  1.0.0    cc33",
                run("fleet:show 7").lines().map(String::stripTrailing).reduce((a, b) -> a + "\n" + b).orElseThrow());
        assertEquals("no generation 12 in group default (fleet:history lists them)", failure("fleet:show 12"));
        assertEquals("generations are numbered from 1, not 0", failure("fleet:show 0"));
    }

    @Test
    void rollbackRepublishesToEveryNodeAtOnce() throws Exception {
        assertEquals("Plan for fleet:rollback (simulated, nothing changed): generation 9, based on generation 8.\n"
                + "It republishes the plugin set of the last good generation before 8.\n"
                + "Rollout: every node at once; a halt waits for an operator (fleet:rollback)\n"
                + "node-a (rest wave):\n"
                + "  1.  remove  dev.plinth.sample.extra  1.0.0\n"
                + "Roll back with --base 8 to be refused if another generation is published (or rolled back) "
                + "meanwhile.", run("fleet:rollback -s"));
        assertTrue(run("fleet:rollback").startsWith("Rolled back: generation 9 of group default, based on "
                + "generation 8, by " + Origins.current() + "@node-a.\n"));
        run("fleet:rollback --base 8");
        assertEquals(List.of("rollback simulated", "rollback", "rollback based on 8"), fleet.calls);
    }

    @Test
    void onANodeOfNoFleetEveryCommandSaysHowToMakeItOne() throws Exception {
        FleetCommands none = new FleetCommands(null, catalog, Clock.systemUTC());
        processor = new CommandProcessorImpl(threadIO);
        FUNCTIONS.forEach(function -> processor.addCommand("fleet", none, function));
        session.close();
        session = processor.createSession(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                new ByteArrayOutputStream());
        session.currentDir(dir);
        for (String program : List.of("fleet:publish plugins.json", "fleet:publish -s plugins.json", "fleet:status",
                "fleet:status --json", "fleet:rollback", "fleet:rollback -s", "fleet:nodes", "fleet:history",
                "fleet:show 3", "fleet:forget node-c")) {
            assertEquals("this runtime is not a node of a fleet: etc/dev.plinth.fleet.cfg.json is missing or "
                    + "invalid (the log says why)", failure(program), program);
        }
        assertEquals(List.of(), catalog.parsed);
    }
}
