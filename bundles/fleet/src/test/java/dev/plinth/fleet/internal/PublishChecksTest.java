package dev.plinth.fleet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.PluginInfo;
import dev.plinth.api.catalog.Change;
import dev.plinth.api.catalog.PluginSet;
import dev.plinth.api.fleet.Generation;
import dev.plinth.api.fleet.Generation.RolloutState;
import dev.plinth.api.fleet.NodeStatus;

/** What a publish refuses before it writes, and what a node refuses in a generation it reads. */
class PublishChecksTest extends FleetTestBase {

    private static PluginSet.Member withSettings(String id, String version, Map<String, List<String>> values,
            List<String> secrets) {
        return new PluginSet.Member(id, version, true, false, Map.of("sample.mail", values), secrets);
    }

    @Test
    void aSecretValueIsRefusedAtPublishAndDryRunNamingPluginPidAndKeyButNeverTheValue() throws Exception {
        PluginSet set = set(withSettings("a", "1.0.0", Map.of("host", List.of("mail.example.org"),
                ".password", List.of("hunter2-value")), List.of()));
        for (boolean dryRun : new boolean[] { true, false }) {
            PluginException e = assertThrows(PluginException.class,
                    () -> fleet().publish(set, canaries("0"), 0, "test", dryRun));

            assertEquals(Code.INVALID_INPUT, e.code());
            assertTrue(e.getMessage().startsWith("the plugin set gives secrets, which a fleet never carries: a "
                    + "sample.mail .password: a private key (starting with '.') holds a secret."), e.getMessage());
            assertTrue(e.getMessage().endsWith("nothing was published"), e.getMessage());
            assertFalse(e.getMessage().contains("hunter2-value"), e.getMessage());
        }
        assertEquals(List.of(), fleet().history(10));
    }

    @Test
    void aPasswordAttributeOfThePluginInstalledHereIsASecretToo() throws Exception {
        FakeRuntime here = catalogue().password("a", "sample.mail/token").password("a", "sample.pool/token");
        here.set(on("a", "1.0.0"));
        PluginSet set = new PluginSet(List.of(new PluginSet.Member("a", "1.0.0", true, false, Map.of("sample.mail",
                Map.of("token", List.of("t0ken-value")), "sample.pool~main", Map.of("token", List.of("t1"))),
                List.of())));

        PluginException e = assertThrows(PluginException.class,
                () -> fleet(here).publish(set, canaries("0"), 0, "test", true));

        assertEquals(List.of("a sample.mail token: a secret (a PASSWORD attribute of the plugin installed here)",
                "a sample.pool~main token: a secret (a PASSWORD attribute of the plugin installed here)"),
                e.details());
        assertFalse(e.getMessage().contains("t0ken-value"), e.getMessage());
        fleet(catalogue()).publish(set, canaries("0"), 0, "test", true);
    }

    @Test
    void aReferenceAnywhereInAValueIsRefusedAndTheNamesOfSecretsStayAllowed() throws Exception {
        for (String value : List.of("$[secret:fleet-db-password]", "jdbc:postgresql://$[env:HOSTNAME]:5432/x",
                "a$[prop:user.home]", "$[conf:x]")) {
            PluginException e = assertThrows(PluginException.class, () -> fleet().publish(set(withSettings("a",
                    "1.0.0", Map.of("url", List.of("plain", value)), List.of())), canaries("0"), 0, "test", true));
            assertEquals(Code.INVALID_INPUT, e.code(), value);
            assertTrue(e.getMessage().contains("a sample.mail url: a reference ($[...]) would be resolved by each "
                    + "node into a plain setting"), e.getMessage());
            assertFalse(e.getMessage().contains(value), e.getMessage());
        }

        fleet().publish(set(withSettings("a", "1.0.0", Map.of("host", List.of("mail.example.org")),
                List.of("sample.mail/.password"))), canaries("0"), 0, "test", false);
        assertEquals(List.of("sample.mail/.password"), generation(1).plugins().plugins().get(0).secrets());
    }

    @Test
    void aNodeFailsAGenerationRowCarryingASecretWithoutApplyingItAndTheWaveHalts() throws Exception {
        List<FleetFixture.Node> n = join("node-a");
        try (Connection c = fixture.database(fixture.settings(group, "x")).connect()) {
            Generations.insert(c, new Generation(group, 1, "intruder", null, 0, canaries("0"),
                    RolloutState.ROLLING, null, List.of(), set(withSettings("a", "1.0.0", Map.of("url",
                            List.of("https://$[env:HOSTNAME]/x"), ".token", List.of("s3cr3t-token")), List.of())),
                    Map.of("a", "aa01"), Map.of(), null));
        }

        n.get(0).agent().step();

        NodeStatus status = node("node-a");
        assertEquals(NodeStatus.State.FAILED, status.state());
        assertTrue(status.failure().startsWith("INVALID_INPUT: the plugin set gives secrets, which a fleet never "
                + "carries: a sample.mail .token: a private key"), status.failure());
        assertTrue(status.failure().contains("a sample.mail url: a reference"), status.failure());
        assertTrue(status.failure().endsWith("this node does not apply generation 1"), status.failure());
        assertFalse(status.failure().contains("s3cr3t-token") || status.failure().contains("HOSTNAME"),
                status.failure());
        assertEquals(Map.of(), n.get(0).runtime().installed(), "nothing was applied");
        assertEquals(0, n.get(0).runtime().applies);
        assertEquals(RolloutState.HALTED, generation(1).state());
        assertTrue(generation(1).reason().startsWith("node-a: INVALID_INPUT: the plugin set gives secrets"));
    }

    @Test
    void aGenerationNumberedTheLargestLongIsNeitherFollowedNorRolledBackFromButNamed() throws Exception {
        fleet().publish(set(on("a", "1.0.0")), canaries("0"), 0, "test", false);
        fixture.execute("INSERT INTO plinth_fleet.generation (grp, number, published_by, rollback_of, canaries_spec, "
                + "canary_seconds, auto_rollback, state, canary_nodes, rolled, plugins, archives) SELECT grp, "
                + Long.MAX_VALUE + ", 'intruder', 0, canaries_spec, canary_seconds, false, 'rolling', canary_nodes, "
                + "true, plugins, archives FROM plinth_fleet.generation WHERE grp = '" + group + "' AND number = 1");

        PluginException publish = assertThrows(PluginException.class,
                () -> fleet().publish(set(on("a", "2.0.0")), canaries("0"), 0, "test", false));
        PluginException rollback = assertThrows(PluginException.class, () -> fleet().rollback("ops", false));

        for (PluginException e : List.of(publish, rollback)) {
            assertEquals(Code.INVALID_INPUT, e.code());
            assertTrue(e.getMessage().startsWith("generation 9223372036854775807 of group " + group + " has the "
                    + "largest number a generation can have, so none can follow it"), e.getMessage());
            assertTrue(e.getMessage().contains("delete that row of plinth_fleet.generation"), e.getMessage());
        }
        assertEquals(List.of(Long.MAX_VALUE, 1L), fleet().history(10).stream().map(Generation::number).toList());
    }

    @Test
    void aSetThePublishingNodeRefusesInItsOwnDryRunIsRefusedWithThatNodesReason() throws Exception {
        PluginException incompatible = new PluginException(Code.INCOMPATIBLE, "pages 3.0.0 needs Plinth runtime "
                + "[2.0,3.0); this runtime is 1.4.0");
        for (boolean dryRun : new boolean[] { true, false }) {
            PluginException e = assertThrows(PluginException.class, () -> fleet(refusing(incompatible))
                    .publish(set(on("a", "1.0.0")), canaries("0"), 0, "test", dryRun));

            assertEquals(Code.INCOMPATIBLE, e.code());
            assertEquals("the dry run of the plugin set on this node (publisher, the publishing node) refuses it: "
                    + "pages 3.0.0 needs Plinth runtime [2.0,3.0); this runtime is 1.4.0; nothing was published",
                    e.getMessage());
        }
        PluginException settings = new PluginException(Code.INVALID_SETTINGS, "the plugin set gives settings its "
                + "plugins refuse", List.of("a sample.mail port: 'x' is not an integer"), null);
        PluginException e = assertThrows(PluginException.class, () -> fleet(refusing(settings))
                .publish(set(on("a", "1.0.0")), canaries("0"), 0, "test", false));
        assertEquals(Code.INVALID_SETTINGS, e.code());
        assertEquals(List.of("a sample.mail port: 'x' is not an integer"), e.details());
        assertEquals(List.of(), fleet().history(10));
    }

    @Test
    void aSetLargerThanAGenerationCarriesIsRefused() throws Exception {
        String big = "x".repeat(SetRules.MAX_BYTES);
        PluginException e = assertThrows(PluginException.class, () -> fleet().publish(set(withSettings("a",
                "1.0.0", Map.of("banner", List.of(big)), List.of())), canaries("0"), 0, "test", true));

        assertEquals(Code.INVALID_INPUT, e.code());
        assertTrue(e.getMessage().matches("the plugin set is \\d+ bytes as JSON; a generation carries at most "
                + "1048576: nothing was published"), e.getMessage());
    }

    @Test
    void aHugeSetWithAPluginListedTwiceIsRefusedInLinearTime() {
        List<PluginSet.Member> members = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            members.add(on("p" + i, "1.0.0"));
        }
        members.add(on("p7", "1.0.0"));
        PluginSet set = new PluginSet(members);

        PluginException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(PluginException.class,
                        () -> SetRules.check(set, catalogue(), "nothing was published")));

        assertEquals("the plugin set lists p7 more than once: nothing was published", e.getMessage());
    }

    @Test
    void idsEchoedInPublishErrorsHaveTheirControlCharactersEscaped() throws Exception {
        String hostile = "a\u001b[31mred\u0007";
        PluginException twice = assertThrows(PluginException.class, () -> fleet().publish(set(on(hostile, "1.0.0"),
                on(hostile, "2.0.0")), canaries("0"), 0, "test", true));
        PluginException missing = assertThrows(PluginException.class, () -> fleet().publish(set(on(hostile,
                "1.0.0\n")), canaries("0"), 0, "test", true));
        PluginException secret = assertThrows(PluginException.class, () -> fleet().publish(set(new PluginSet.Member(
                hostile, "1.0.0", true, false, Map.of("p\u001b", Map.of(".k\r", List.of("v"))), List.of())),
                canaries("0"), 0, "test", true));

        assertEquals("the plugin set lists a\\u001b[31mred\\u0007 more than once: nothing was published",
                twice.getMessage());
        assertEquals("no catalogue of this runtime offers a\\u001b[31mred\\u0007 1.0.0\\u000a: nothing was "
                + "published", missing.getMessage());
        assertTrue(secret.getMessage().contains("a\\u001b[31mred\\u0007 p\\u001b .k\\u000d: a private key"),
                secret.getMessage());
        for (PluginException e : List.of(twice, missing, secret)) {
            assertFalse(e.getMessage().chars().anyMatch(Character::isISOControl), e.getMessage());
        }
    }

    /** This test class's catalogue, whose dry run of a set refuses it with {@code refusal}. */
    private static LocalRuntime refusing(PluginException refusal) {
        FakeRuntime catalogue = catalogue();
        return new LocalRuntime() {
            @Override
            public Optional<String> sha256(String id, String version) {
                return catalogue.sha256(id, version);
            }

            @Override
            public java.util.Set<String> secretKeys(String id) {
                return catalogue.secretKeys(id);
            }

            @Override
            public PluginSet export() {
                return catalogue.export();
            }

            @Override
            public List<Change> simulate(PluginSet set) throws PluginException {
                throw refusal;
            }

            @Override
            public List<Change> apply(PluginSet set) throws PluginException {
                throw new AssertionError("a publish applies nothing");
            }

            @Override
            public List<PluginInfo> plugins() {
                return catalogue.plugins();
            }
        };
    }
}
