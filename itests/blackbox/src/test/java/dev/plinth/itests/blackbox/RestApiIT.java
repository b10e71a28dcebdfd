package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import dev.plinth.common.testing.BundleJar;
import dev.plinth.itests.blackbox.RestRuntime.Response;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * The REST API of the assembled runtime, driven over HTTP as a client would: tokens, every endpoint, every error
 * status, uploads and their limit. One running daemon is shared by the ordered steps.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestApiIT {

    private static final String HELLO = "dev.plinth.sample.hello";
    private static final String GREETER_EN = "dev.plinth.sample.greeter.en";
    private static final String GREETING = "dev.plinth.sample.greeting";
    private static final String VERSIONED = "dev.plinth.sample.versioned";
    private static final String THROWING = "dev.plinth.sample.throwing";
    private static final long UPLOAD_LIMIT = 256 * 1024;

    @TempDir
    static Path unpacked;

    @TempDir
    static Path jars;

    @AutoClose
    private static RestRuntime rest;

    @BeforeAll
    static void start() throws Exception {
        rest = RestRuntime.start(unpacked, RestRuntime.configuration(UPLOAD_LIMIT));
    }

    @Test
    @Order(1)
    void theAdminTokenIsCreatedAtFirstStartForItsOwnerOnly() throws Exception {
        Path token = rest.home().resolve("data/rest/admin.token");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(token)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(token.getParent())));
        assertTrue(rest.adminToken().length() >= 40, "a long random token");
        assertFalse(Files.readString(rest.home().resolve("data/log/plinth.log")).contains(rest.adminToken()),
                "the token is never logged");
        assertEquals("http://127.0.0.1:" + rest.port() + "/",
                Files.readString(rest.home().resolve("data/rest/endpoint")).strip());
    }

    @Test
    @Order(2)
    void everyRequestNeedsAKnownBearerToken() throws Exception {
        Response none = rest.get("/api/plugins", null);
        assertEquals("MISSING_TOKEN", none.problem(401));
        assertEquals("Bearer realm=\"plinth\"", none.header("WWW-Authenticate"));

        Response wrong = rest.get("/api/plugins", rest.adminToken() + "x");
        assertEquals("INVALID_TOKEN", wrong.problem(401));
        assertTrue(wrong.header("WWW-Authenticate").contains("invalid_token"), wrong.toString());

        Response basic = rest.send("/api/plugins", "Basic " + rest.adminToken());
        assertEquals("MISSING_TOKEN", basic.problem(401));

        Response health = rest.get("/api/health", null);
        assertEquals(java.util.Set.of("status"), health.object().keySet(), "without a token, the status alone");
        assertEquals("nosniff", none.header("X-Content-Type-Options"));
        assertEquals("MISSING_TOKEN", rest.get("/api/openapi.json", null).problem(401));
        assertEquals("MISSING_TOKEN", rest.get("/api/plugin/anything/x", null).problem(401));
        assertEquals("MISSING_TOKEN", rest.get("/", null).problem(401));
    }

    @Test
    @Order(3)
    void aViewerMayReadButNotChange() throws Exception {
        Response list = rest.get("/api/plugins", RestRuntime.VIEWER);
        assertEquals(200, list.status(), list.toString());
        assertEquals(200, rest.get("/api/history", RestRuntime.VIEWER).status());

        Set<String> artifacts = files("data/manager/artifacts");
        Response install = rest.post("/api/plugins?enable=true", RestRuntime.VIEWER, "application/java-archive",
                BodyPublishers.ofFile(sample("dev.plinth.sample.hello.jar")));
        assertEquals("READ_ONLY", install.problem(403));
        assertEquals("READ_ONLY", rest.method("DELETE", "/api/plugins/" + HELLO, RestRuntime.VIEWER).problem(403));
        assertEquals("READ_ONLY", rest.method("POST", "/api/plugins/" + HELLO + "/enable", RestRuntime.VIEWER)
                .problem(403));
        assertEquals(List.of(), ids(rest.get("/api/plugins")), "nothing was installed");
        assertEquals(artifacts, files("data/manager/artifacts"));
    }

    @Test
    @Order(4)
    void anUploadedJarIsInstalledAndEnabled() throws Exception {
        Response install = rest.upload("/api/plugins?enable=true", sample("dev.plinth.sample.hello.jar"));

        assertEquals(201, install.status(), install.toString());
        assertEquals("application/json", install.contentType());
        assertEquals("/api/plugins/" + HELLO, install.header("Location"));
        JsonObject plan = install.object().getJsonObject("plan");
        assertEquals("install", plan.getString("verb"));
        assertEquals(HELLO, plan.getString("target"));
        assertFalse(plan.getBoolean("simulated"));
        assertEquals(List.of("install " + HELLO, "start " + HELLO), steps(plan));
        assertEquals("enabled", install.object().getJsonObject("plugin").getString("state"));
        assertEquals("upload:upload.jar", install.object().getJsonObject("plugin").getString("source"),
                "the upload is recorded by its name, not as the temporary file it was");

        Response list = rest.get("/api/plugins");
        assertEquals(200, list.status());
        assertEquals(List.of(HELLO), ids(list));
        JsonObject plugin = list.array().getJsonObject(0);
        assertEquals("1.0.0", plugin.getString("version"));
        assertEquals("plugin", plugin.getString("kind"));
        assertEquals("Plinth Sample: Hello", plugin.getString("name"));
        HttpResponse<byte[]> gzip = rest.http().send(rest.request("/api/plugins", rest.adminToken())
                .header("Accept-Encoding", "gzip").GET().build(), BodyHandlers.ofByteArray());
        assertEquals(Optional.of("gzip"), gzip.headers().firstValue("Content-Encoding"));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip.body()))) {
            assertEquals(list.body(), new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    "a client accepting gzip gets the same list, encoded");
        }

        Response one = rest.get("/api/plugins/" + HELLO);
        assertEquals(200, one.status(), one.toString());
        assertEquals("enabled", one.object().getString("state"));
        assertEquals(64, one.object().getString("sha256").length());
        assertEquals(Set.of(), files("data/rest/uploads"), "the upload is not kept");
    }

    @Test
    @Order(5)
    void aMultipartUploadInstallsWithoutEnabling() throws Exception {
        Response install = rest.uploadMultipart("/api/plugins", sample("dev.plinth.sample.versioned-1.jar"));

        assertEquals(201, install.status(), install.toString());
        assertEquals("installed", rest.get("/api/plugins/" + VERSIONED).object().getString("state"));
    }

    @Test
    @Order(6)
    void aDryRunReturnsThePlanAndChangesNothing() throws Exception {
        Set<String> artifacts = files("data/manager/artifacts");

        Response dryRun = rest.upload("/api/plugins?enable&dryRun", sample("dev.plinth.sample.greeter.en.jar"));

        assertEquals(200, dryRun.status(), dryRun.toString());
        JsonObject plan = dryRun.object().getJsonObject("plan");
        assertTrue(plan.getBoolean("simulated"));
        assertEquals(List.of("add-library " + GREETING, "install " + GREETER_EN, "start " + GREETING,
                "start " + GREETER_EN), steps(plan));
        assertEquals(JsonValue.NULL, dryRun.object().get("plugin"));
        assertEquals(List.of(HELLO, VERSIONED), ids(rest.get("/api/plugins")));
        assertEquals(artifacts, files("data/manager/artifacts"));
        assertEquals(404, rest.get("/api/plugins/" + GREETER_EN).status());
    }

    @Test
    @Order(7)
    void badUploadsAreRefusedBeforeAnythingIsStored() throws Exception {
        Set<String> artifacts = files("data/manager/artifacts");
        Path notAJar = Files.writeString(jars.resolve("notes.jar"), "this is not a zip");
        Path noBundle = plainJar(jars.resolve("plain.jar"));
        Path tooLarge = largeBundle(jars.resolve("large.jar"), UPLOAD_LIMIT * 2);

        assertEquals("INVALID_ARCHIVE", rest.upload("/api/plugins", notAJar).problem(422));
        assertEquals("INVALID_ARCHIVE", rest.upload("/api/plugins", noBundle).problem(422));
        assertEquals("INVALID_ARCHIVE", rest.uploadMultipart("/api/plugins", noBundle).problem(422));
        Path badVersion = BundleJar.plain().headers("Bundle-ManifestVersion", "2", "Bundle-SymbolicName",
                "com.example.badversion", "Bundle-Version", "1.x.y.z.w").writeTo(jars.resolve("badversion.jar"));
        Response refused = rest.upload("/api/plugins?filename=badversion.jar", badVersion);
        assertEquals("INVALID_ARCHIVE", refused.problem(422));
        JsonObject recorded = rest.get("/api/history?limit=1").array().getJsonObject(0);
        assertEquals("upload:badversion.jar", recorded.getString("target"), recorded.toString());
        assertFalse(recorded.toString().contains("uploads"), "the history names the upload, not its path: " + recorded);
        assertFalse(refused.body().contains("uploads"), refused.toString());
        Response large = rest.upload("/api/plugins", tooLarge);
        assertEquals("TOO_LARGE", large.problem(413));
        assertTrue(large.object().getString("detail").contains(Long.toString(UPLOAD_LIMIT)), large.toString());
        assertEquals("TOO_LARGE", rest.uploadMultipart("/api/plugins", tooLarge).problem(413));
        Response chunked = rest.post("/api/plugins", rest.adminToken(), "application/octet-stream",
                BodyPublishers.ofInputStream(() -> {
                    try {
                        return Files.newInputStream(tooLarge);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }));
        assertEquals("TOO_LARGE", chunked.problem(413), "a body of unknown length is counted");
        assertEquals("BAD_REQUEST", rest.post("/api/plugins").problem(400));
        assertEquals("UNSUPPORTED_MEDIA_TYPE", rest.post("/api/plugins", rest.adminToken(), "text/plain",
                BodyPublishers.ofString("x")).problem(415));

        assertEquals(List.of(HELLO, VERSIONED), ids(rest.get("/api/plugins")));
        assertEquals(artifacts, files("data/manager/artifacts"), "no archive was stored");
        assertEquals(Set.of(), files("data/rest/uploads"), "no upload is left behind");
    }

    @Test
    @Order(8)
    void theManagersRefusalsCarryItsCodeAndStatus() throws Exception {
        Response duplicate = rest.upload("/api/plugins", sample("dev.plinth.sample.hello.jar"));
        assertEquals("DUPLICATE", duplicate.problem(409));

        Response unresolved = rest.upload("/api/plugins", sample("dev.plinth.sample.unresolvable.jar"));
        assertEquals("UNRESOLVED", unresolved.problem(422));
        assertTrue(unresolved.object().getString("detail").contains("dev.plinth.sample.missing"),
                unresolved.toString());

        Response startFailed = rest.upload("/api/plugins?enable=true", sample("dev.plinth.sample.throwing.jar"));
        assertEquals("START_FAILED", startFailed.problem(422));

        assertEquals("NOT_FOUND", rest.get("/api/plugins/com.example.none").problem(404));
        assertEquals("NOT_FOUND", rest.post("/api/plugins/com.example.none/enable").problem(404));
        assertEquals("PROTECTED", rest.delete("/api/plugins/org.apache.felix.scr").problem(409));
        assertEquals("NO_PREVIOUS_VERSION", rest.post("/api/plugins/" + HELLO + "/rollback").problem(409));
        assertEquals(List.of(HELLO, VERSIONED), ids(rest.get("/api/plugins")));
    }

    @Test
    @Order(9)
    void disableAndEnableWithDependentsCascadeAndDryRun() throws Exception {
        assertEquals(201, rest.upload("/api/plugins?enable", sample("dev.plinth.sample.greeter.en.jar")).status());

        Response refused = rest.post("/api/plugins/" + GREETING + "/disable");
        assertEquals("HAS_DEPENDENTS", refused.problem(409));
        assertTrue(refused.object().getString("detail").contains(GREETER_EN), refused.toString());

        Response dryRun = rest.post("/api/plugins/" + GREETING + "/disable?cascade&dryRun");
        assertEquals(200, dryRun.status(), dryRun.toString());
        assertEquals(List.of("stop " + GREETER_EN, "stop " + GREETING), steps(dryRun.object().getJsonObject("plan")));
        assertEquals("enabled", rest.get("/api/plugins/" + GREETER_EN).object().getString("state"));

        Response cascade = rest.post("/api/plugins/" + GREETING + "/disable?cascade=true");
        assertEquals(200, cascade.status(), cascade.toString());
        assertEquals("installed", rest.get("/api/plugins/" + GREETER_EN).object().getString("state"));

        Response enable = rest.post("/api/plugins/" + GREETER_EN + "/enable");
        assertEquals(200, enable.status(), enable.toString());
        assertEquals("enabled", enable.object().getJsonObject("plugin").getString("state"));
        assertEquals("enabled", rest.get("/api/plugins/" + GREETING).object().getString("state"));

        assertEquals("BAD_REQUEST", rest.post("/api/plugins/" + GREETER_EN + "/disable?cascade=maybe")
                .problem(400));
        assertEquals("BAD_REQUEST", rest.post("/api/plugins/" + GREETER_EN + "/disable?dryrun").problem(400));
        assertEquals("enabled", rest.get("/api/plugins/" + GREETER_EN).object().getString("state"));
    }

    @Test
    @Order(10)
    void upgradeFromAnUploadAndRollBack() throws Exception {
        Response dryRun = rest.upload("/api/plugins/" + VERSIONED + "/upgrade?dryRun",
                sample("dev.plinth.sample.versioned-2.jar"));
        assertEquals(200, dryRun.status(), dryRun.toString());
        assertTrue(dryRun.object().getJsonObject("plan").getBoolean("simulated"));
        assertEquals("1.0.0", rest.get("/api/plugins/" + VERSIONED).object().getString("version"));

        Response upgrade = rest.upload("/api/plugins/" + VERSIONED + "/upgrade",
                sample("dev.plinth.sample.versioned-2.jar"));
        assertEquals(200, upgrade.status(), upgrade.toString());
        JsonObject upgraded = upgrade.object().getJsonObject("plugin");
        assertEquals("2.0.0", upgraded.getString("version"));
        assertEquals("1.0.0", upgraded.getString("previousVersion"));

        Response rollback = rest.post("/api/plugins/" + VERSIONED + "/rollback");
        assertEquals(200, rollback.status(), rollback.toString());
        assertEquals("1.0.0", rest.get("/api/plugins/" + VERSIONED).object().getString("version"));

        assertEquals("INVALID_ARCHIVE", rest.upload("/api/plugins/" + VERSIONED + "/upgrade",
                Files.writeString(jars.resolve("bad.jar"), "no zip")).problem(422));
        assertEquals("1.0.0", rest.get("/api/plugins/" + VERSIONED).object().getString("version"));
    }

    @Test
    @Order(11)
    void removeWithDependentsCascadeAndDryRun() throws Exception {
        assertEquals("HAS_DEPENDENTS", rest.delete("/api/plugins/" + GREETING).problem(409));

        Response dryRun = rest.delete("/api/plugins/" + GREETER_EN + "?dryRun");
        assertEquals(200, dryRun.status(), dryRun.toString());
        assertTrue(dryRun.object().getJsonObject("plan").getBoolean("simulated"));
        assertEquals(200, rest.get("/api/plugins/" + GREETER_EN).status());

        Response remove = rest.delete("/api/plugins/" + GREETER_EN);
        assertEquals(200, remove.status(), remove.toString());
        assertEquals(JsonValue.NULL, remove.object().get("plugin"));
        assertTrue(steps(remove.object().getJsonObject("plan")).contains("drop-library " + GREETING),
                remove.toString());
        assertEquals("NOT_FOUND", rest.get("/api/plugins/" + GREETER_EN).problem(404));
        assertEquals("NOT_FOUND", rest.get("/api/plugins/" + GREETING).problem(404));
    }

    @Test
    @Order(12)
    void theHistoryListsTheOperationsWithTheirOrigin() throws Exception {
        Response history = rest.get("/api/history?limit=3");
        assertEquals(200, history.status(), history.toString());
        assertEquals(3, history.array().size());
        JsonObject last = history.array().getJsonObject(2);
        assertEquals("remove", last.getString("verb"));
        assertEquals(GREETER_EN, last.getString("target"));
        assertEquals("succeeded", last.getString("outcome"));
        assertEquals("rest:admin", last.getString("origin"));
        assertEquals("rest", last.getString("channel"));
        assertEquals("admin", last.getString("by"));
        assertNotNull(last.getString("time"));

        Response removes = rest.get("/api/history?verb=remove&by=admin&outcome=succeeded&target=" + GREETER_EN);
        assertEquals(200, removes.status(), removes.toString());
        assertFalse(removes.array().isEmpty(), removes.toString());
        assertTrue(removes.array().stream().map(JsonValue::asJsonObject).allMatch(operation ->
                operation.getString("verb").equals("remove") && operation.getString("by").equals("admin")
                        && operation.getString("target").equals(GREETER_EN)), removes.toString());
        assertEquals(0, rest.get("/api/history?by=nobody").array().size());
        assertEquals("BAD_REQUEST", rest.get("/api/history?verb=jump").problem(400));

        assertTrue(rest.get("/api/history").array().stream().map(JsonValue::asJsonObject)
                .anyMatch(operation -> operation.getString("outcome").equals("failed")
                        && operation.getString("target").equals(THROWING)));
        assertEquals("BAD_REQUEST", rest.get("/api/history?limit=0").problem(400));
        assertEquals("BAD_REQUEST", rest.get("/api/history?limit=many").problem(400));
    }

    @Test
    @Order(13)
    void healthSaysReadyAndNamesFailedPlugins() throws Exception {
        Response healthy = rest.get("/api/health");
        assertEquals(200, healthy.status(), healthy.toString());
        assertTrue(healthy.object().getBoolean("ready"));
        assertEquals("ok", healthy.object().getString("status"));
        assertEquals(2, healthy.object().getInt("plugins"));

        assertEquals(201, rest.upload("/api/plugins", sample("dev.plinth.sample.throwing.jar")).status());
        assertEquals("START_FAILED", rest.post("/api/plugins/" + THROWING + "/enable").problem(422));
        Response degraded = rest.get("/api/health", RestRuntime.VIEWER);
        assertEquals(200, degraded.status(), degraded.toString());
        assertEquals("degraded", degraded.object().getString("status"));
        assertEquals(THROWING, degraded.object().getJsonArray("failed").getJsonObject(0).getString("id"));
        assertEquals("failed", rest.get("/api/plugins/" + THROWING).object().getString("state"));
    }

    @Test
    @Order(14)
    void unknownEndpointsAndMethodsAreProblemsToo() throws Exception {
        assertEquals("NO_SUCH_ENDPOINT", rest.get("/api/nothing").problem(404));
        assertEquals("NO_SUCH_ENDPOINT", rest.post("/api/plugins/" + HELLO + "/explode").problem(404));
        assertEquals("METHOD_NOT_ALLOWED", rest.method("PUT", "/api/plugins", rest.adminToken()).problem(405));
        assertEquals("METHOD_NOT_ALLOWED", rest.method("GET", "/api/plugins/" + HELLO + "/enable",
                rest.adminToken()).problem(405));
        assertEquals("BAD_REQUEST", rest.get("/api/plugins/a%20b").problem(400));
        assertEquals("enabled", rest.get("/api/plugins/" + HELLO).object().getString("state"));
    }

    @Test
    @Order(15)
    void allListsLibrariesAndSystemBundlesToo() throws Exception {
        List<String> all = ids(rest.get("/api/plugins?all=true"));
        assertTrue(all.containsAll(List.of(HELLO, "dev.plinth.rest", "org.apache.felix.http.jetty12")), all.toString());
        assertEquals("system", rest.get("/api/plugins/dev.plinth.rest").object().getString("kind"));
    }

    @Test
    @Order(16)
    void noTokenEverReachesTheLogs() throws Exception {
        String wrong = "a-wrong-token-" + RestRuntime.VIEWER;
        assertEquals("INVALID_TOKEN", rest.get("/api/plugins", wrong).problem(401));
        assertEquals("READ_ONLY", rest.method("DELETE", "/api/plugins/" + HELLO, RestRuntime.VIEWER).problem(403));

        for (String log : List.of("data/log/plinth.log", "data/log/console.log")) {
            Path file = rest.home().resolve(log);
            String text = Files.exists(file) ? Files.readString(file) : "";
            for (String token : List.of(rest.adminToken(), RestRuntime.VIEWER, wrong)) {
                assertFalse(text.contains(token), log + " holds a token");
            }
        }
    }

    @Test
    @Order(17)
    void theIdentityProofNeedsNoTokenAndTellsNothingElse() throws Exception {
        String nonce = "a-fresh-nonce-" + System.nanoTime();
        Response proof = rest.send(rest.request("/api/identity?nonce=" + nonce, null).GET());
        assertEquals(200, proof.status(), proof.toString());
        assertEquals(Set.of("proof"), proof.object().keySet());
        String endpoint = Files.readString(rest.home().resolve("data/rest/endpoint")).strip();
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(rest.adminToken().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(
                ("plinth-identity-v1\n" + endpoint + "\n" + nonce).getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, proof.object().getString("proof"));

        assertEquals("BAD_REQUEST", rest.send(rest.request("/api/identity", null).GET()).problem(400));
        assertEquals("BAD_REQUEST", rest.send(rest.request("/api/identity?nonce=short", null).GET()).problem(400));
        assertEquals("METHOD_NOT_ALLOWED", rest.send(rest.request("/api/identity?nonce=" + nonce, null)
                .POST(BodyPublishers.noBody())).problem(405));
        assertEquals("MISSING_TOKEN", rest.send(rest.request("/api/identity/?nonce=" + nonce, null).GET())
                .problem(401), "only the exact path goes without a token");
    }

    @Test
    @Order(18)
    void onePluginInFullHasItsWiringAndComponents() throws Exception {
        Response one = rest.get("/api/plugins/dev.plinth.rest");

        assertEquals(200, one.status(), one.toString());
        JsonObject plugin = one.object();
        assertEquals("dev.plinth.rest", plugin.getString("id"));
        assertTrue(plugin.getBoolean("wired"), plugin.toString());
        assertTrue(plugin.getJsonArray("wiring").stream().map(JsonValue::asJsonObject)
                .anyMatch(wire -> wire.getString("provider").equals("dev.plinth.api")), plugin.toString());
        JsonObject api = plugin.getJsonArray("components").stream().map(JsonValue::asJsonObject)
                .filter(component -> component.getString("name").equals("dev.plinth.rest.internal.ManagementApi"))
                .findFirst().orElseThrow(() -> new AssertionError(plugin.toString()));
        assertEquals("active", api.getString("state"));
        assertTrue(api.isNull("failure"));
        assertEquals(0, api.getJsonArray("unsatisfiedReferences").size());
        assertEquals(0, plugin.getJsonArray("refusedRoutes").size());
        assertEquals(404, rest.get("/api/plugins/org.example.nowhere").status());
    }

    private static Path sample(String jar) {
        return rest.home().resolve("samples").resolve(jar);
    }

    private static List<String> ids(Response list) {
        assertEquals(200, list.status(), list.toString());
        return list.array().stream().map(value -> value.asJsonObject().getString("id")).toList();
    }

    private static List<String> steps(JsonObject plan) {
        return plan.getJsonArray("steps").stream().map(JsonValue::asJsonObject)
                .map(step -> step.getString("action") + " " + step.getString("id")).toList();
    }

    private static Set<String> files(String directory) throws IOException {
        Path path = rest.home().resolve(directory);
        if (!Files.isDirectory(path)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(path)) {
            return files.map(file -> file.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private static Path plainJar(Path file) {
        return BundleJar.plain().entry("readme.txt", "no bundle").writeTo(file);
    }

    private static Path largeBundle(Path file, long size) {
        byte[] noise = new byte[(int) size];
        new Random(7).nextBytes(noise);
        return BundleJar.plain().headers("Bundle-ManifestVersion", "2", "Bundle-SymbolicName", "com.example.large")
                .entry("noise.bin", noise).writeTo(file);
    }
}
