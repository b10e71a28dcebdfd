package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import dev.plinth.itests.blackbox.RestRuntime.Response;
import jakarta.json.JsonObject;

/**
 * The OpenAPI document as a test: for every path, method and documented status a request that produces it, its
 * answer checked against the live document (status, media type, schema, {@code Allow} of a 405); a status the
 * document names that no request here produced must be one that cannot be caused from outside, named below.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenApiConformanceIT {

    private static final String HELLO = "dev.plinth.sample.hello";
    private static final String VERSIONED = "dev.plinth.sample.versioned";
    private static final String THROWING = "dev.plinth.sample.throwing";
    private static final String SETTINGS = "dev.plinth.sample.settings";
    private static final String MAIL = "sample.settings.mail";
    private static final String NOTES = "dev.plinth.sample.storage";
    private static final String SCR = "org.apache.felix.scr";
    private static final String NONE = "org.example.none";
    private static final String APP = "org.example.app";
    private static final String SOLO = "org.example.solo";
    private static final long UPLOAD_LIMIT = 256 * 1024;

    /** Statuses the document names that a request from outside cannot cause on a healthy runtime, and why. */
    private static final Map<String, String> NOT_PRODUCIBLE = Map.of(
            "500", "an unexpected failure or an unreadable data folder",
            "503", "API_CLOSED needs a closed token check (RestFailClosedIT); TOO_MANY_CLIENTS, NO_ENDPOINT and "
                    + "starting need another runtime",
            "POST /api/plugins/{id}/rollback 422", "a previous version that no longer starts",
            "POST /api/catalog/{id}/update 422", "a newer catalogue version that fails to install",
            "POST /api/plugins/{id}/enable 409", "a plugin busy in another operation",
            "POST /api/catalog/apply 409", "a set that removes a protected bundle is refused as INVALID_INPUT first",
            "DELETE /api/catalog/pins/{id} 409", "unpinning is never refused as a conflict",
            "POST /api/session 403", "HOST_REFUSED needs a Host header the HTTP client does not send (RestSessionsIT "
                    + "sends one over a socket)",
            "POST /api/session 429", "the limit on failed sign-ins would refuse this runtime's later sign-ins "
                    + "(RestSessionsIT)");

    /**
     * Statuses of the fleet's endpoints that need a fleet (a PostgreSQL database and nodes): this runtime is no node of
     * one, so they answer 503 FLEET_UNAVAILABLE; the fleet's black-box tests (Fleet*IT) cover them.
     */
    private static final Set<String> NEEDS_A_FLEET = Set.of("GET /api/fleet 200", "GET /api/fleet/nodes 200",
            "GET /api/fleet/generations 200", "GET /api/fleet/generations/{number} 200",
            "GET /api/fleet/generations/{number} 404", "POST /api/fleet/generations 200",
            "POST /api/fleet/generations 201", "POST /api/fleet/generations 404", "POST /api/fleet/generations 409",
            "POST /api/fleet/generations 422", "POST /api/fleet/rollback 200", "POST /api/fleet/rollback 404",
            "POST /api/fleet/rollback 409", "DELETE /api/fleet/nodes/{name} 200", "DELETE /api/fleet/nodes/{name} 404",
            "DELETE /api/fleet/nodes/{name} 409");

    /** Operations that answer without credentials. */
    private static final Set<String> CREDENTIALS_OPTIONAL = Set.of("GET /api/identity", "GET /api/health",
            "POST /api/session");

    @TempDir
    static Path unpacked;

    @TempDir
    static Path work;

    @AutoClose
    private static RestRuntime rest;
    private static OpenApiContract live;
    private static final Set<String> produced = new TreeSet<>();

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(work.resolve("notes.txt"), "x");
        Plinth plinth = new Plinth(Distribution.unpack(unpacked));
        TestCatalog catalog = new TestCatalog(work.resolve("catalog"));
        catalog.bundle("org.example.lib", "1.0.0").exports("org.example.lib", "1.0.0");
        catalog.bundle(APP, "1.0.0").imports("org.example.lib", "1.0.0", "2.0.0");
        catalog.bundle(APP, "1.2.0").imports("org.example.lib", "1.0.0", "2.0.0");
        catalog.bundle(SOLO, "1.0.0");
        catalog.bundle("org.example.tampered", "1.0.0").wrongChecksum();
        catalog.write();
        Files.writeString(plinth.home().resolve("etc/dev.plinth.catalog.cfg.json"),
                "{\"catalogs\": [\"" + catalog.folder().resolve("index.xml").toUri() + "\"]}\n");
        Files.writeString(plinth.home().resolve("etc/dev.plinth.rest.cfg.json"),
                RestRuntime.configuration(UPLOAD_LIMIT));
        Files.writeString(plinth.home().resolve("etc/" + MAIL + ".cfg.json"), "{\"format\": \"html\"}\n");
        rest = RestRuntime.start(plinth, RestRuntime.freePort());
    }

    @Test
    @Order(1)
    void theLiveDocumentIsTheOneTheAnswersAreCheckedAgainst() throws Exception {
        Response document = rest.get("/api/openapi.json");
        assertEquals(200, document.status(), document.toString());
        live = new OpenApiContract(document.object());
        assertEquals(rest.contract().document(), live.document());
    }

    @Test
    @Order(2)
    void everyOperationRefusesUnknownParametersMissingTokensViewersAndOtherMethods() throws Exception {
        JsonObject paths = live.document().getJsonObject("paths");
        Response signedIn = signIn("application/json", "{\"token\": \"" + rest.adminToken() + "\"}");
        String cookie = signedIn.header("Set-Cookie").split(";")[0];
        for (String template : paths.keySet()) {
            String path = concrete(template);
            for (String method : paths.getJsonObject(template).keySet()) {
                if (method.equals("parameters")) {
                    continue;
                }
                String verb = method.toUpperCase(java.util.Locale.ROOT);
                expect(400, verb, template, send(verb, path + "?bogus=1", rest.adminToken(), null));
                if (!CREDENTIALS_OPTIONAL.contains(verb + " " + template)) {
                    expect(401, verb, template, send(verb, path, null, null));
                }
                if (!verb.equals("GET") && !template.equals("/api/session")) {
                    expect(403, verb, template, send(verb, path, RestRuntime.VIEWER, null));
                }
                if (verb.equals("GET") && live.operation(verb, path).orElseThrow().operation().getJsonObject("responses")
                        .containsKey("403")) {
                    expect(403, verb, template, rest.send(rest.request(path, null).header("Cookie", cookie).GET()));
                }
                for (Map.Entry<String, JsonObject> parameter : live.queryParameters(template, method).entrySet()) {
                    String value = switch (parameter.getValue().getString("type")) {
                        case "boolean" -> "true";
                        case "integer" -> "1";
                        default -> parameter.getKey().equals("nonce") ? "conformance-nonce-0002" : "1.0.0";
                    };
                    Response answer = parameter.getKey().equals("csrf")
                            ? rest.send(rest.request(path + "?csrf=" + value, null).header("Cookie", cookie).GET())
                            : send(verb, path + "?" + parameter.getKey() + "=" + value, rest.adminToken(), null);
                    assertEquals(false, answer.status() == 400 && answer.object().getString("detail")
                            .startsWith("unknown query parameter"), verb + " " + path + " takes the documented "
                            + parameter.getKey() + ": " + answer);
                }
            }
            String other = Set.of("POST", "PUT", "DELETE", "PATCH").stream().sorted()
                    .filter(candidate -> !live.methods(path).contains(candidate)).findFirst().orElseThrow();
            Response refused = send(other, path, rest.adminToken(), null);
            assertEquals(405, refused.status(), other + " " + path + ": " + refused);
            paths.getJsonObject(template).keySet().stream().filter(method -> !method.equals("parameters"))
                    .forEach(method -> produced.add(method.toUpperCase(java.util.Locale.ROOT) + " " + template
                            + " 405"));
        }
    }

    @Test
    @Order(3)
    void thePluginEndpointsAnswerWhatTheDocumentSays() throws Exception {
        String admin = rest.adminToken();
        expect(201, "POST", "/api/plugins", upload("/api/plugins?enable", sample("dev.plinth.sample.hello.jar")));
        expect(200, "POST", "/api/plugins", upload("/api/plugins?dryRun", sample("dev.plinth.sample.versioned-1.jar")));
        expect(400, "POST", "/api/plugins", send("POST", "/api/plugins", admin, null));
        expect(409, "POST", "/api/plugins", upload("/api/plugins", sample("dev.plinth.sample.hello.jar")));
        expect(411, "POST", "/api/plugins", chunkedMultipart("/api/plugins"));
        expect(413, "POST", "/api/plugins", refused("/api/plugins", "application/java-archive", tooLarge()));
        expect(415, "POST", "/api/plugins", refused("/api/plugins", "text/plain", work.resolve("notes.txt")));
        expect(422, "POST", "/api/plugins", upload("/api/plugins", sample("dev.plinth.sample.unresolvable.jar")));
        expect(200, "GET", "/api/plugins", rest.get("/api/plugins"));
        expect(200, "GET", "/api/plugins", rest.get("/api/plugins?all"));

        expect(200, "GET", "/api/plugins/{id}", rest.get("/api/plugins/" + HELLO));
        expect(200, "GET", "/api/plugins/{id}", rest.get("/api/plugins/" + SCR));
        expect(400, "GET", "/api/plugins/{id}", rest.get("/api/plugins/a%20b"));
        expect(404, "GET", "/api/plugins/{id}", rest.get("/api/plugins/" + NONE));

        expect(200, "POST", "/api/plugins/{id}/disable", rest.post("/api/plugins/" + HELLO + "/disable"));
        expect(404, "POST", "/api/plugins/{id}/disable", rest.post("/api/plugins/" + NONE + "/disable"));
        expect(409, "POST", "/api/plugins/{id}/disable", rest.post("/api/plugins/" + SCR + "/disable"));
        expect(200, "POST", "/api/plugins/{id}/enable", rest.post("/api/plugins/" + HELLO + "/enable"));
        expect(404, "POST", "/api/plugins/{id}/enable", rest.post("/api/plugins/" + NONE + "/enable"));
        expect(201, "POST", "/api/plugins", upload("/api/plugins", sample("dev.plinth.sample.throwing.jar")));
        expect(422, "POST", "/api/plugins/{id}/enable", rest.post("/api/plugins/" + THROWING + "/enable"));

        expect(201, "POST", "/api/plugins", upload("/api/plugins?enable",
                sample("dev.plinth.sample.versioned-1.jar")));
        String upgrade = "/api/plugins/" + VERSIONED + "/upgrade";
        expect(400, "POST", "/api/plugins/{id}/upgrade", send("POST", upgrade, admin, null));
        expect(404, "POST", "/api/plugins/{id}/upgrade", upload("/api/plugins/" + NONE + "/upgrade",
                sample("dev.plinth.sample.versioned-2.jar")));
        expect(409, "POST", "/api/plugins/{id}/upgrade", upload("/api/plugins/" + SCR + "/upgrade",
                sample("dev.plinth.sample.versioned-2.jar")));
        expect(411, "POST", "/api/plugins/{id}/upgrade", chunkedMultipart(upgrade));
        expect(413, "POST", "/api/plugins/{id}/upgrade", refused(upgrade, "application/java-archive", tooLarge()));
        expect(415, "POST", "/api/plugins/{id}/upgrade", refused(upgrade, "text/plain", work.resolve("notes.txt")));
        expect(422, "POST", "/api/plugins/{id}/upgrade", upload(upgrade,
                Files.writeString(work.resolve("notes.jar"), "this is not a zip")));
        expect(200, "POST", "/api/plugins/{id}/upgrade", upload(upgrade, sample("dev.plinth.sample.versioned-2.jar")));

        expect(200, "POST", "/api/plugins/{id}/rollback", rest.post("/api/plugins/" + VERSIONED + "/rollback"));
        expect(404, "POST", "/api/plugins/{id}/rollback", rest.post("/api/plugins/" + NONE + "/rollback"));
        expect(409, "POST", "/api/plugins/{id}/rollback", rest.post("/api/plugins/" + HELLO + "/rollback"));

        expect(200, "DELETE", "/api/plugins/{id}", rest.delete("/api/plugins/" + THROWING + "?dryRun"));
        expect(200, "DELETE", "/api/plugins/{id}", rest.delete("/api/plugins/" + THROWING));
        expect(404, "DELETE", "/api/plugins/{id}", rest.delete("/api/plugins/" + NONE));
        expect(409, "DELETE", "/api/plugins/{id}", rest.delete("/api/plugins/" + SCR));

        expect(200, "GET", "/api/history", rest.get("/api/history"));
        expect(400, "GET", "/api/history", rest.get("/api/history?limit=0"));
        expect(200, "GET", "/api/health", rest.get("/api/health"));
        expect(200, "GET", "/api/health", send("GET", "/api/health", null, null));
        expect(401, "GET", "/api/health", send("GET", "/api/health", "not-a-token-of-this-runtime", null));
        expect(200, "GET", "/api/deploy", rest.get("/api/deploy"));
        expect(200, "GET", "/api/events", send("HEAD", "/api/events", admin, null));
        expect(200, "GET", "/api/openapi.json", rest.get("/api/openapi.json"));
        expect(200, "GET", "/api/identity", send("GET", "/api/identity?nonce=conformance-nonce-0001", null, null));
        expect(400, "GET", "/api/identity", send("GET", "/api/identity", null, null));
    }

    @Test
    @Order(4)
    void theSettingsEndpointsAnswerWhatTheDocumentSays() throws Exception {
        String settings = "/api/plugins/" + SETTINGS + "/settings";
        String none = "/api/plugins/" + NONE + "/settings";
        expect(201, "POST", "/api/plugins", upload("/api/plugins", sample("dev.plinth.sample.settings.jar")));
        expect(200, "GET", "/api/plugins/{id}/settings", rest.get(settings));
        expect(404, "GET", "/api/plugins/{id}/settings", rest.get(none));
        expect(200, "PATCH", "/api/plugins/{id}/settings", patch(settings,
                "{\"pid\": \"" + MAIL + "\", \"set\": {\"host\": \"relay.example.org\", \"port\": 2525}}"));
        expect(200, "PATCH", "/api/plugins/{id}/settings", patch(settings,
                "{\"pid\": \"" + MAIL + "\", \"unset\": [\"port\"]}"));
        expect(400, "PATCH", "/api/plugins/{id}/settings", patch(settings, "{\"set\": {\"host\": null}}"));
        expect(404, "PATCH", "/api/plugins/{id}/settings", patch(none, "{\"set\": {\"host\": \"x\"}}"));
        expect(409, "PATCH", "/api/plugins/{id}/settings", patch(settings,
                "{\"pid\": \"" + MAIL + "\", \"set\": {\"format\": \"text\"}}"));
        Response invalid = patch(settings, "{\"pid\": \"" + MAIL + "\", \"set\": {\"port\": 0}}");
        expect(422, "PATCH", "/api/plugins/{id}/settings", invalid);
        assertEquals(MAIL, invalid.object().getJsonArray("refusals").getJsonObject(0).getString("pid"), invalid
                .toString());
        expect(413, "PATCH", "/api/plugins/{id}/settings", rest.sendAlone(rest.request(settings, rest.adminToken())
                .header("Content-Type", "application/json").method("PATCH", BodyPublishers.ofFile(
                        Files.writeString(work.resolve("large-settings.json"), " ".repeat(256 * 1024 + 1))))));
    }

    @Test
    @Order(4)
    void theStorageEndpointsAnswerWhatTheDocumentSays() throws Exception {
        expect(201, "POST", "/api/plugins", upload("/api/plugins?enable=true",
                sample("dev.plinth.sample.storage.jar")));
        expect(200, "GET", "/api/storage", rest.get("/api/storage"));
        expect(200, "GET", "/api/plugins/{id}/storage", rest.get("/api/plugins/" + NOTES + "/storage"));
        expect(404, "GET", "/api/plugins/{id}/storage", rest.get("/api/plugins/" + NONE + "/storage"));
        expect(200, "GET", "/api/plugins/{id}/health", rest.get("/api/plugins/" + NOTES + "/health"));
        expect(404, "GET", "/api/plugins/{id}/health", rest.get("/api/plugins/" + NONE + "/health"));
        Response plugin = rest.get("/api/plugins/" + NOTES);
        expect(200, "GET", "/api/plugins/{id}", plugin);
        assertEquals("h2", plugin.object().getJsonObject("storage").getString("backend"), plugin.toString());
    }

    @Test
    @Order(5)
    void theCatalogueEndpointsAnswerWhatTheDocumentSays() throws Exception {
        String admin = rest.adminToken();
        expect(200, "GET", "/api/catalog", rest.get("/api/catalog"));
        expect(201, "POST", "/api/catalog/{id}/install", rest.post("/api/catalog/" + APP + "/install?version=1.0.0"));
        expect(200, "POST", "/api/catalog/{id}/install", rest.post("/api/catalog/" + SOLO + "/install?dryRun"));
        expect(400, "POST", "/api/catalog/{id}/install",
                rest.post("/api/catalog/" + SOLO + "/install?version=1.x.y.z"));
        expect(404, "POST", "/api/catalog/{id}/install", rest.post("/api/catalog/" + NONE + "/install"));
        expect(409, "POST", "/api/catalog/{id}/install", rest.post("/api/catalog/" + APP + "/install"));
        expect(422, "POST", "/api/catalog/{id}/install", rest.post("/api/catalog/org.example.tampered/install"));
        expect(200, "GET", "/api/catalog", rest.get("/api/catalog"));
        expect(200, "GET", "/api/catalog/outdated", rest.get("/api/catalog/outdated"));

        expect(200, "PUT", "/api/catalog/pins/{id}", send("PUT", "/api/catalog/pins/" + APP, admin, null));
        expect(200, "GET", "/api/catalog/pins", rest.get("/api/catalog/pins"));
        expect(409, "POST", "/api/catalog/{id}/update", rest.post("/api/catalog/" + APP + "/update"));
        expect(200, "DELETE", "/api/catalog/pins/{id}", rest.delete("/api/catalog/pins/" + APP));
        expect(400, "PUT", "/api/catalog/pins/{id}", send("PUT", "/api/catalog/pins/a%20b", admin, null));
        expect(400, "DELETE", "/api/catalog/pins/{id}", rest.delete("/api/catalog/pins/a%20b"));
        expect(404, "PUT", "/api/catalog/pins/{id}", send("PUT", "/api/catalog/pins/" + NONE, admin, null));
        expect(404, "DELETE", "/api/catalog/pins/{id}", rest.delete("/api/catalog/pins/" + NONE));
        expect(409, "PUT", "/api/catalog/pins/{id}", send("PUT", "/api/catalog/pins/" + SCR, admin, null));

        Response exported = rest.get("/api/catalog/export");
        expect(200, "GET", "/api/catalog/export", exported);
        expect(200, "POST", "/api/catalog/{id}/update", rest.post("/api/catalog/" + APP + "/update"));
        expect(404, "POST", "/api/catalog/{id}/update", rest.post("/api/catalog/" + NONE + "/update"));
        expect(200, "POST", "/api/catalog/update", rest.post("/api/catalog/update"));

        String apply = "/api/catalog/apply";
        expect(200, "POST", apply, rest.post(apply + "?dryRun", admin, "application/json",
                BodyPublishers.ofString(exported.body())));
        expect(200, "POST", apply, rest.post(apply, admin, "application/json",
                BodyPublishers.ofString(exported.body())));
        expect(400, "POST", apply, rest.post(apply, admin, "application/json",
                BodyPublishers.ofString("{\"plugins\": 3}")));
        expect(404, "POST", apply, rest.post(apply, admin, "application/json", BodyPublishers.ofString(
                "{\"plugins\": [{\"id\": \"" + NONE + "\", \"version\": \"1.0.0\"}]}")));
        expect(413, "POST", apply, refused(apply, "application/json",
                Files.writeString(work.resolve("large.json"), " ".repeat((1 << 20) + 1))));
        expect(422, "POST", apply, rest.post(apply, admin, "application/json", BodyPublishers.ofString(
                "{\"plugins\": [{\"id\": \"org.example.tampered\", \"version\": \"1.0.0\"}]}")));
        expect(409, "POST", "/api/catalog/{id}/update", rest.post("/api/catalog/" + SCR + "/update"));
    }

    @Test
    @Order(5)
    void theFleetEndpointsAnswerWhatTheDocumentSaysOnARuntimeOfNoFleet() throws Exception {
        String admin = rest.adminToken();
        for (String path : List.of("/api/fleet", "/api/fleet/nodes", "/api/fleet/generations",
                "/api/fleet/generations/1")) {
            Response answer = rest.get(path);
            expect(503, "GET", path.endsWith("/1") ? "/api/fleet/generations/{number}" : path, answer);
            assertEquals("FLEET_UNAVAILABLE", answer.object().getString("code"), answer.toString());
        }
        expect(400, "GET", "/api/fleet/generations", rest.get("/api/fleet/generations?limit=0"));
        expect(400, "GET", "/api/fleet/generations/{number}", rest.get("/api/fleet/generations/x"));
        expect(400, "GET", "/api/fleet", rest.get("/api/fleet?limit=3"));
        expect(400, "GET", "/api/fleet/nodes", rest.get("/api/fleet/nodes?dryRun"));
        String generations = "/api/fleet/generations";
        expect(400, "POST", generations, rest.post(generations, admin, "application/json",
                BodyPublishers.ofString("{\"plugins\": 3}")));
        expect(413, "POST", generations, refused(generations, "application/json",
                Files.writeString(work.resolve("large-fleet.json"), " ".repeat((1 << 20) + 1))));
        expect(503, "POST", generations, rest.post(generations + "?dryRun", admin, "application/json",
                BodyPublishers.ofString("{\"plugins\": {\"plugins\": []}}")));
        expect(400, "POST", "/api/fleet/rollback", rest.post("/api/fleet/rollback?dryRun=maybe"));
        expect(503, "POST", "/api/fleet/rollback", rest.post("/api/fleet/rollback?dryRun"));
        expect(503, "DELETE", "/api/fleet/nodes/{name}", rest.delete("/api/fleet/nodes/node-x"));
        expect(400, "DELETE", "/api/fleet/nodes/{name}", rest.delete("/api/fleet/nodes/node-x?bogus=1"));
    }

    @Test
    @Order(5)
    void theSessionEndpointAnswersWhatTheDocumentSays() throws Exception {
        String session = "/api/session";
        expect(415, "POST", session, signIn("text/plain", "{\"token\": \"x\"}"));
        expect(400, "POST", session, signIn("application/json", "{\"token\": 3}"));
        expect(401, "POST", session, signIn("application/json", "{\"token\": \"not-a-token-of-this-runtime\"}"));
        expect(413, "POST", session, rest.sendAlone(rest.request(session, null).header("Content-Type",
                "application/json").POST(BodyPublishers.ofString(" ".repeat(4097)))));
        Response signedIn = signIn("application/json", "{\"token\": \"" + rest.adminToken() + "\"}");
        expect(200, "POST", session, signedIn);
        String cookie = signedIn.header("Set-Cookie").split(";")[0];
        String csrf = signedIn.object().getString("csrf");
        expect(403, "GET", session, rest.send(rest.request(session, null).header("Cookie", cookie).GET()));
        expect(200, "GET", session, rest.send(rest.request(session, null).header("Cookie", cookie)
                .header("X-Plinth-CSRF", csrf).GET()));
        expect(401, "GET", session, rest.send(rest.request(session, null).header("Cookie", cookie + "x").GET()));
        expect(403, "DELETE", session, rest.send(rest.request(session, null).header("Cookie", cookie).DELETE()));
        expect(204, "DELETE", session, rest.send(rest.request(session, null).header("Cookie", cookie)
                .header("X-Plinth-CSRF", csrf).DELETE()));
        expect(401, "DELETE", session, rest.send(rest.request(session, null).header("Cookie", cookie)
                .header("X-Plinth-CSRF", csrf).DELETE()));
    }

    private static Response signIn(String contentType, String body) throws Exception {
        return rest.send(rest.request("/api/session", null).header("Content-Type", contentType)
                .POST(BodyPublishers.ofString(body)));
    }

    @Test
    @Order(6)
    void everyDocumentedStatusWasProducedOrCannotBeCausedFromOutside() {
        Map<String, String> missing = new TreeMap<>();
        JsonObject paths = live.document().getJsonObject("paths");
        for (String template : paths.keySet()) {
            for (String method : paths.getJsonObject(template).keySet()) {
                if (method.equals("parameters")) {
                    continue;
                }
                for (String status : paths.getJsonObject(template).getJsonObject(method).getJsonObject("responses")
                        .keySet()) {
                    String key = method.toUpperCase(java.util.Locale.ROOT) + " " + template + " " + status;
                    if (!produced.contains(key) && !NOT_PRODUCIBLE.containsKey(status)
                            && !NOT_PRODUCIBLE.containsKey(key) && !NEEDS_A_FLEET.contains(key)) {
                        missing.put(key, "no request produced it");
                    }
                }
            }
        }
        assertEquals(Map.of(), missing);
        for (String key : NOT_PRODUCIBLE.keySet()) {
            if (key.contains(" ")) {
                String[] parts = key.split(" ");
                JsonObject operation = paths.getJsonObject(parts[1])
                        .getJsonObject(parts[0].toLowerCase(java.util.Locale.ROOT));
                assertEquals(true, operation.getJsonObject("responses").containsKey(parts[2]), key + " is documented");
                assertEquals(false, produced.contains(key), key + " was produced: take it off the list");
            }
        }
    }

    /** A path of the template: a plugin id that names none, generation 1. */
    private static String concrete(String template) {
        return template.replace("{id}", NONE).replace("{number}", "1").replace("{name}", "node-x");
    }

    /** Asserts the answer's status and records it as produced for the documented operation. */
    private static void expect(int status, String method, String template, Response answer) {
        assertEquals(status, answer.status(), method + " " + template + ": " + answer);
        Optional<OpenApiContract.Operation> operation = live.operation(method, concrete(template));
        assertEquals(template, operation.map(OpenApiContract.Operation::template).orElse(null));
        produced.add(method + " " + template + " " + status);
    }

    private static Response send(String method, String path, String token, BodyPublisher body) throws Exception {
        return rest.send(rest.request(path, token).method(method, body == null ? BodyPublishers.noBody() : body));
    }

    private static Response patch(String path, String body) throws Exception {
        return rest.send(rest.request(path, rest.adminToken()).header("Content-Type", "application/json")
                .method("PATCH", BodyPublishers.ofString(body)));
    }

    private static Response upload(String path, Path jar) throws Exception {
        return rest.upload(path, jar);
    }

    /** A body the server refuses before reading it, sent on a connection of its own. */
    private static Response refused(String path, String contentType, Path body) throws Exception {
        return rest.sendAlone(rest.request(path, rest.adminToken()).header("Content-Type", contentType)
                .POST(BodyPublishers.ofFile(body)));
    }

    private static Response chunkedMultipart(String path) throws Exception {
        byte[] body = "--x\r\n\r\n--x--\r\n".getBytes(StandardCharsets.UTF_8);
        return rest.sendAlone(rest.request(path, rest.adminToken())
                .header("Content-Type", "multipart/form-data; boundary=x")
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
    }

    private static Path tooLarge() throws IOException {
        byte[] bytes = new byte[(int) UPLOAD_LIMIT * 2];
        new Random(1).nextBytes(bytes);
        return Files.write(work.resolve("large.jar"), bytes);
    }

    private static Path sample(String jar) {
        return rest.home().resolve("samples").resolve(jar);
    }
}
