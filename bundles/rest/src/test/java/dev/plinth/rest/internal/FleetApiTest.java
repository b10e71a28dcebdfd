package dev.plinth.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.plinth.api.BatchResult;
import dev.plinth.api.Options;
import dev.plinth.api.Plan;
import dev.plinth.api.PluginException;
import dev.plinth.api.catalog.Catalog;
import dev.plinth.api.catalog.CatalogEntry;
import dev.plinth.api.catalog.Change;
import dev.plinth.api.catalog.Outdated;
import dev.plinth.api.catalog.PluginSet;
import dev.plinth.api.fleet.Fleet;
import dev.plinth.api.fleet.FleetStatus;
import dev.plinth.api.fleet.Generation;
import dev.plinth.api.fleet.NodeStatus;
import dev.plinth.api.fleet.Publication;
import dev.plinth.api.fleet.Rollout;
import dev.plinth.common.json.JsonDocuments;

class FleetApiTest {

    private static final Instant AT = Instant.parse("2026-12-06T08:00:00Z");
    private static final PluginSet SET = new PluginSet(List.of(new PluginSet.Member("dev.plinth.sample.hello",
            "1.0.0", true, false)));
    private static final String BODY = "{\"plugins\": {\"format\": \"plinth-plugin-set/1\", \"plugins\": [{\"id\": "
            + "\"dev.plinth.sample.hello\", \"version\": \"1.0.0\"}]}, \"canaries\": \"20%\", \"canarySeconds\": 60, "
            + "\"autoRollback\": true, \"basedOn\": 7}";

    private final FakeFleet fake = new FakeFleet();
    private final FakeCatalog catalog = new FakeCatalog();
    private Fleet fleet = fake;
    private final FleetApi api = new FleetApi(() -> fleet, () -> catalog);

    private FleetApi.Answer answer(String method, String path, String query, String body) throws Exception {
        List<String> segments = Requests.segments(path);
        return api.answer(method, segments, Query.parse(query), () -> body, "rest:admin");
    }

    private ApiException refusal(String method, String path, String query, String body) {
        return assertThrows(ApiException.class, () -> answer(method, path, query, body));
    }

    @Test
    void getFleetAnswersTheStatusAsTheApisRecordsWithInstantsInIso8601() throws Exception {
        FleetApi.Answer status = answer("GET", "", null, null);
        assertEquals(200, status.status());
        assertEquals("{\"group\":\"default\",\"current\":{\"group\":\"default\",\"number\":7,\"publishedBy\":"
                + "\"shell:ada@node-a\",\"publishedAt\":\"2026-12-06T08:00:00Z\",\"rollbackOf\":0,\"rollout\":"
                + "{\"canaries\":\"1\",\"canarySeconds\":120,\"autoRollback\":false},\"state\":\"rolled-back\","
                + "\"reason\":\"canary node-b did not report healthy within 120 s\",\"canaries\":[\"node-b\"],"
                + "\"plugins\":{\"plugins\":[{\"id\":\"dev.plinth.sample.hello\",\"version\":\"1.0.0\",\"enabled\":"
                + "true,\"pinned\":false,\"settings\":{},\"secrets\":[]}]},\"archives\":{\"dev.plinth.sample.hello\":"
                + "\"ab12\"},\"libraries\":{\"dev.plinth.sample.greeting@1.0.0\":\"cd34\"},"
                + "\"librariesRecordedBy\":\"node-a\"},\"nodes\":[{\"name\":\"node-a\",\"group\":\"default\",\"applied\":7,\"target\":7,"
                + "\"state\":\"converged\",\"canary\":false,\"drift\":[],\"failure\":null,\"health\":\"ok\","
                + "\"lastSeen\":\"2026-12-06T08:00:00Z\",\"stale\":false}]}",
                JsonDocuments.compact(status.body()));
    }

    @Test
    void nodesAndGenerationsAreListedAndOneGenerationIsFoundOr404() throws Exception {
        assertEquals(FakeFleet.NODES, answer("GET", "/nodes", null, null).body());
        assertEquals(List.of(FakeFleet.CURRENT), answer("GET", "/generations", null, null).body());
        assertEquals(List.of("nodes", "history 20"), fake.calls);
        answer("GET", "/generations", "limit=5", null);
        assertEquals("history 5", fake.calls.get(fake.calls.size() - 1));
        assertEquals(FakeFleet.CURRENT, answer("GET", "/generations/7", null, null).body());

        ApiException none = refusal("GET", "/generations/12", null, null);
        assertEquals(404, none.problem().status());
        assertEquals("NOT_FOUND", none.problem().code());
        assertEquals("no generation 12 in group default (GET /api/fleet/generations lists them)", none.getMessage());
        assertEquals(400, refusal("GET", "/generations/x", null, null).problem().status());
        assertEquals(400, refusal("GET", "/generations/0", null, null).problem().status());
        assertEquals(400, refusal("GET", "/generations", "limit=0", null).problem().status());
        assertNull(answer("GET", "/elsewhere", null, null));
    }

    @Test
    void aPublishIsCreatedWithItsAddressAndADryRunAnswers200() throws Exception {
        FleetApi.Answer published = answer("POST", "/generations", null, BODY);
        assertEquals(201, published.status());
        assertEquals("/api/fleet/generations/8", published.location());
        assertEquals(SET, fake.published);
        assertEquals(new Rollout("20%", 60, true), fake.rollout);
        assertEquals(7, fake.basedOn);
        assertEquals("rest:admin@node-a", fake.by);
        assertEquals(false, fake.simulated);
        assertTrue(catalog.parsed.get(0).contains("\"id\":\"dev.plinth.sample.hello\""));

        FleetApi.Answer dryRun = answer("POST", "/generations", "dryRun=true", "{\"plugins\": {\"plugins\": []}}");
        assertEquals(200, dryRun.status());
        assertNull(dryRun.location());
        assertEquals(true, fake.simulated);
        assertEquals(Rollout.DEFAULTS, fake.rollout, "left out: the node's configured defaults");
        assertEquals(0, fake.basedOn);
        String json = JsonDocuments.compact(dryRun.body());
        assertTrue(json.contains(",\"basedOn\":7,\"simulated\":true,\"plans\":[{\"node\":\"node-a\",\"wave\":"
                + "\"canary\",\"changes\":[{\"action\":\"install\",\"id\":\"dev.plinth.sample.hello\",\"from\":null,"
                + "\"to\":\"1.0.0\",\"detail\":null}],\"stale\":false}]}"), json);
    }

    @Test
    void aBadPublishIsRefusedWith400AndNothingIsPublished() {
        for (String body : List.of("", "[]", "{\"plugins\": []}", "{\"plugins\": {}, \"canaries\": \"120%\"}",
                "{\"plugins\": {}, \"canaries\": \"many\"}", "{\"plugins\": {}, \"canarySeconds\": 0}",
                "{\"plugins\": {}, \"autoRollback\": \"yes\"}", "{\"plugins\": {}, \"basedOn\": -1}",
                "{\"plugins\": {}, \"dryRun\": true}", "{\"plugins\": {}, \"plugins\": {}}")) {
            ApiException refused = refusal("POST", "/generations", null, body);
            assertEquals(400, refused.problem().status(), body);
        }
        assertEquals("unknown field dryRun in the body; it takes plugins, canaries, canarySeconds, autoRollback and "
                + "basedOn", refusal("POST", "/generations", null, "{\"plugins\": {}, \"dryRun\": true}")
                        .getMessage());
        assertEquals(List.of(), fake.calls);
    }

    @Test
    void rollbackIsAPostWithADryRun() throws Exception {
        FleetApi.Answer rolledBack = answer("POST", "/rollback", "dryRun", null);
        assertEquals(200, rolledBack.status());
        assertEquals(List.of("rollback simulated by rest:admin@node-a"), fake.calls);
        answer("POST", "/rollback", null, null);
        assertEquals("rollback by rest:admin@node-a", fake.calls.get(1));
        answer("POST", "/rollback", "basedOn=7", null);
        assertEquals("rollback based on 7 by rest:admin@node-a", fake.calls.get(2));
    }

    @Test
    void deleteANodeForgetsItAndAnswersTheNodesLeft() throws Exception {
        FleetApi.Answer forgotten = answer("DELETE", "/nodes/node-c", null, null);
        assertEquals(200, forgotten.status());
        assertEquals(List.of("forget node-c", "nodes"), fake.calls);
        assertEquals("DELETE", refusal("GET", "/nodes/node-c", null, null).allow());
        assertEquals(400, refusal("DELETE", "/nodes/node-c", "force", null).problem().status());
        fake.failure = new PluginException(PluginException.Code.BUSY, "node node-c of group default is live");
        assertEquals(409, Problem.of(assertThrows(PluginException.class,
                () -> answer("DELETE", "/nodes/node-c", null, null))).status());
    }

    @Test
    void wrongMethodsAndUnknownParametersAreRefusedBeforeTheFleetIsAsked() {
        fleet = null;
        assertEquals(405, refusal("POST", "", null, null).problem().status());
        assertEquals("GET, HEAD", refusal("POST", "/nodes", null, null).allow());
        assertEquals("GET, HEAD, POST", refusal("DELETE", "/generations", null, null).allow());
        assertEquals("POST", refusal("GET", "/rollback", null, null).allow());
        assertEquals(400, refusal("GET", "", "bogus=1", null).problem().status());
        assertEquals(400, refusal("POST", "/generations", "dryrun", BODY).problem().status());
        assertEquals(400, refusal("POST", "/rollback", "limit=3", null).problem().status());
        assertEquals(List.of(), fake.calls);
    }

    @Test
    void aBadBodyIsRefusedAlsoOnARuntimeOfNoFleet() {
        fleet = null;
        assertEquals(400, refusal("POST", "/generations", null, "{\"plugins\": 3}").problem().status());
    }

    @Test
    void onARuntimeOfNoFleetEveryEndpointAnswers503SayingHowToJoinOne() {
        fleet = null;
        for (String[] request : List.of(new String[] {"GET", ""}, new String[] {"GET", "/nodes"},
                new String[] {"GET", "/generations"}, new String[] {"GET", "/generations/3"},
                new String[] {"POST", "/generations"}, new String[] {"POST", "/rollback"})) {
            ApiException refused = refusal(request[0], request[1], null, BODY);
            assertEquals(503, refused.problem().status(), request[1]);
            assertEquals("FLEET_UNAVAILABLE", refused.problem().code());
            assertEquals("this runtime is not a node of a fleet: etc/dev.plinth.fleet.cfg.json is missing or "
                    + "invalid (the log says why)", refused.getMessage());
        }
    }

    @Test
    void theFleetsRefusalsKeepTheirCodes() {
        fake.failure = new PluginException(PluginException.Code.STALE_GENERATION, "generation 8 was published by "
                + "shell:ada@node-b at 2026-12-06T08:00:00Z while this publish was based on 7; review it and publish "
                + "again");
        PluginException stale = assertThrows(PluginException.class, () -> answer("POST", "/generations", null, BODY));
        assertEquals(409, Problem.of(stale).status());
        fake.failure = new PluginException(PluginException.Code.FLEET_UNAVAILABLE, "the fleet's database cannot be "
                + "reached");
        assertEquals(503, Problem.of(assertThrows(PluginException.class, () -> answer("GET", "", null, null)))
                .status());
    }

    /** A fleet of one node at generation 7, recording what it is asked. */
    private static final class FakeFleet implements Fleet {

        static final Generation CURRENT = new Generation("default", 7, "shell:ada@node-a", AT, 0,
                new Rollout("1", 120, false), Generation.RolloutState.ROLLED_BACK,
                "canary node-b did not report healthy within 120 s", List.of("node-b"), SET,
                Map.of("dev.plinth.sample.hello", "ab12"), Map.of("dev.plinth.sample.greeting@1.0.0", "cd34"),
                "node-a");
        static final List<NodeStatus> NODES = List.of(new NodeStatus("node-a", "default", 7, 7,
                NodeStatus.State.CONVERGED, false, List.of(), null, "ok", AT, false));

        final List<String> calls = new ArrayList<>();
        PluginSet published;
        Rollout rollout;
        long basedOn;
        String by;
        boolean simulated;
        PluginException failure;

        @Override
        public NodeStatus.Identity self() {
            return new NodeStatus.Identity("node-a", "default");
        }

        @Override
        public Publication publish(PluginSet plugins, Rollout rollout, long basedOn, String by, boolean simulate)
                throws PluginException {
            fail();
            calls.add("publish");
            this.published = plugins;
            this.rollout = rollout;
            this.basedOn = basedOn;
            this.by = by;
            this.simulated = simulate;
            return new Publication(new Generation("default", 8, by, AT, 0, rollout,
                    Generation.RolloutState.CANARY, null, List.of("node-a"), plugins, Map.of(), null, null), 7, simulate,
                    List.of(new Publication.NodePlan("node-a", "canary", List.of(new Change(Change.Action.INSTALL,
                            "dev.plinth.sample.hello", null, "1.0.0")), false)));
        }

        @Override
        public Publication rollback(long basedOn, String by, boolean simulate) throws PluginException {
            fail();
            calls.add("rollback" + (simulate ? " simulated" : "") + (basedOn != 0 ? " based on " + basedOn : "")
                    + " by " + by);
            return new Publication(CURRENT, 7, simulate, List.of());
        }

        @Override
        public FleetStatus status() throws PluginException {
            fail();
            calls.add("status");
            return new FleetStatus("default", CURRENT, NODES);
        }

        @Override
        public List<NodeStatus> nodes() throws PluginException {
            fail();
            calls.add("nodes");
            return NODES;
        }

        @Override
        public List<Generation> history(int limit) throws PluginException {
            fail();
            calls.add("history " + limit);
            return List.of(CURRENT);
        }

        @Override
        public Optional<Generation> generation(long number) throws PluginException {
            fail();
            calls.add("generation " + number);
            return number == 7 ? Optional.of(CURRENT) : Optional.empty();
        }

        @Override
        public void forget(String node) throws PluginException {
            fail();
            calls.add("forget " + node);
        }

        private void fail() throws PluginException {
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** A catalogue that reads every plugin set as {@link #SET}, recording the text. */
    private static final class FakeCatalog implements Catalog {

        final List<String> parsed = new ArrayList<>();

        @Override
        public PluginSet parse(String json) {
            parsed.add(json);
            return json.contains("\"plugins\":[]") ? new PluginSet(List.of()) : SET;
        }

        @Override
        public String toJson(PluginSet set) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<CatalogEntry> available(String filter) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Plan install(String id, String version, Options options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Outdated> outdated() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Plan update(String id, Options options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<BatchResult> updateAll(Options options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void pin(String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void unpin(String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<String> pinned() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<CatalogEntry> providerOf(String command) {
            return Optional.empty();
        }

        @Override
        public Optional<String> sha256(String id, String version) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PluginSet export() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Change> apply(PluginSet wanted, Options options) {
            throw new UnsupportedOperationException();
        }
    }
}
