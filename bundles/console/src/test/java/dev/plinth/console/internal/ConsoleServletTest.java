package dev.plinth.console.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConsoleServletTest {

    private static final byte[] APP = "export function start() { return 'console'; }\n".repeat(40)
            .getBytes(StandardCharsets.UTF_8);

    private final ConsoleFiles files = ConsoleFiles.of(Map.of(
            "index.html", "<!doctype html><title>Plinth</title>".getBytes(StandardCharsets.UTF_8),
            "assets/app.js", APP,
            "assets/views/plugins.js", "export function render() {}".getBytes(StandardCharsets.UTF_8),
            "secret.properties", "token=x".getBytes(StandardCharsets.UTF_8)));
    private final ConsoleServlet servlet = new ConsoleServlet(() -> files, new PluginPages(new EnabledPlugins()));

    @Test
    void theRootIsTheIndexPage() throws Exception {
        Exchange answer = new Exchange("GET", "/").run(servlet);
        assertEquals(200, answer.status);
        assertEquals("text/html; charset=utf-8", answer.header("Content-Type"));
        assertEquals("<!doctype html><title>Plinth</title>", answer.body.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theConsoleWithoutItsSlashIsSentOnToIt() throws Exception {
        Exchange answer = new Exchange("GET", null).run(servlet);
        assertEquals(302, answer.status);
        assertEquals("/console/", answer.header("Location"));
        assertEquals(files.policy(), answer.header("Content-Security-Policy"));
    }

    @Test
    void assetsAreServedWithTheirTypeAndLength() throws Exception {
        Exchange answer = new Exchange("GET", "/assets/app.js").run(servlet);
        assertEquals(200, answer.status);
        assertEquals("text/javascript; charset=utf-8", answer.header("Content-Type"));
        assertEquals(String.valueOf(APP.length), answer.header("Content-Length"));
        assertArrayEquals(APP, answer.body.toByteArray());
        assertNull(answer.header("Content-Encoding"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../x", "/assets/../index.html", "/assets/%2e%2e/", "/assets/..", "/assets/./app.js",
        "/assets//app.js", "/assets/", "/assets", "/assets/nothing.js", "/secret.properties", "/assets\\app.js",
        "/index.html/", "/assets/app.js/", "/assets/app.js?x", "/../../etc/passwd", "/assets/.hidden.js",
        "//assets/app.js", "/ASSETS/app.js", "/assets/app.js%00"})
    void pathsThatNameNoFileOfTheConsoleAre404(String path) throws Exception {
        Exchange answer = new Exchange("GET", path).run(servlet);
        assertEquals(404, answer.status, path);
        assertEquals("text/plain; charset=utf-8", answer.header("Content-Type"));
        assertEquals(files.policy(), answer.header("Content-Security-Policy"));
        assertEquals("nosniff", answer.header("X-Content-Type-Options"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"})
    void onlyGetAndHeadAreTaken(String method) throws Exception {
        Exchange answer = new Exchange(method, "/assets/app.js").run(servlet);
        assertEquals(405, answer.status);
        assertEquals("GET, HEAD", answer.header("Allow"));
        assertEquals("DENY", answer.header("X-Frame-Options"));
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() throws Exception {
        Exchange answer = new Exchange("GET", "/assets/views/plugins.js").run(servlet);
        assertEquals(200, answer.status);
        assertEquals("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self'; font-src 'self'; manifest-src 'self'; frame-src 'self'; worker-src 'none'; "
                + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'; "
                + "sandbox allow-scripts allow-same-origin allow-forms allow-modals allow-downloads", answer.header("Content-Security-Policy"));
        assertFalse(answer.header("Content-Security-Policy").contains("unsafe-inline"));
        assertEquals("DENY", answer.header("X-Frame-Options"));
        assertEquals("nosniff", answer.header("X-Content-Type-Options"));
        assertEquals("no-referrer", answer.header("Referrer-Policy"));
        assertEquals("no-cache", answer.header("Cache-Control"));
    }

    @Test
    void theEntityTagIsTheContentsDigestAndAMatchIs304() throws Exception {
        Exchange first = new Exchange("GET", "/assets/app.js").run(servlet);
        String etag = first.header("ETag");
        assertTrue(etag.matches("\"[0-9a-f]{64}\""), etag);
        Exchange again = new Exchange("GET", "/assets/app.js").header("If-None-Match", "\"other\", " + etag)
                .run(servlet);
        assertEquals(304, again.status);
        assertEquals(0, again.body.size());
        assertEquals(etag, again.header("ETag"));
        Exchange changed = new Exchange("GET", "/assets/app.js").header("If-None-Match", "\"other\"").run(servlet);
        assertEquals(200, changed.status);
    }

    @Test
    void gzipIsSentToClientsThatTakeIt() throws Exception {
        Exchange answer = new Exchange("GET", "/assets/app.js").header("Accept-Encoding", "br, gzip;q=0.8")
                .run(servlet);
        assertEquals(200, answer.status);
        assertEquals("gzip", answer.header("Content-Encoding"));
        assertEquals("Accept-Encoding", answer.header("Vary"));
        assertTrue(answer.body.size() < APP.length);
        assertEquals(String.valueOf(answer.body.size()), answer.header("Content-Length"));
        assertArrayEquals(APP, gunzip(answer.body.toByteArray()));
        String plainTag = new Exchange("GET", "/assets/app.js").run(servlet).header("ETag");
        assertNotEquals(plainTag, answer.header("ETag"));
        Exchange revalidated = new Exchange("GET", "/assets/app.js").header("Accept-Encoding", "gzip")
                .header("If-None-Match", answer.header("ETag")).run(servlet);
        assertEquals(304, revalidated.status);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip;q=0", "identity", "br", "*;q=0", "gzip;q=0, *"})
    void gzipIsNotSentWhenRefused(String acceptEncoding) throws Exception {
        Exchange answer = new Exchange("GET", "/assets/app.js").header("Accept-Encoding", acceptEncoding)
                .run(servlet);
        assertNull(answer.header("Content-Encoding"), acceptEncoding);
        assertArrayEquals(APP, answer.body.toByteArray());
    }

    @Test
    void theGzipEncodingIsMadeOnce() {
        ConsoleFiles files = ConsoleFiles.of(Map.of("assets/app.js", APP));
        assertTrue(files.get("assets/app.js").gzip() == files.get("assets/app.js").gzip());
    }

    @Test
    void headAnswersTheHeadersOfGetWithoutTheBody() throws Exception {
        Exchange get = new Exchange("GET", "/assets/app.js").run(servlet);
        Exchange head = new Exchange("HEAD", "/assets/app.js").run(servlet);
        assertEquals(200, head.status);
        assertEquals(0, head.body.size());
        assertEquals(get.header("Content-Length"), head.header("Content-Length"));
        assertEquals(get.header("ETag"), head.header("ETag"));
        assertEquals(404, new Exchange("HEAD", "/assets/none.js").run(servlet).status);
    }

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }
}
