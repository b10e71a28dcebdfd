package dev.plinth.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PluginPagesTest {

    private static final String PAGE = "export function mount(root) { root.textContent = 'page'; }\n".repeat(20);

    private final EnabledPlugins plugins = new EnabledPlugins();
    private final ConsoleFiles files = ConsoleFiles.of(Map.of(
            "index.html", "<!doctype html>".getBytes(StandardCharsets.UTF_8),
            "sdk/1.0.0/frame.js", "export {};".getBytes(StandardCharsets.UTF_8)));
    private final ConsoleServlet servlet = new ConsoleServlet(() -> files, new PluginPages(plugins));
    private FakeBundle pages;
    private String base;

    @BeforeEach
    void enable() {
        pages = new FakeBundle("dev.plinth.sample.pages").entry("console/page.js", PAGE)
                .entry("console/img/logo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G'})
                .entry("console/index.html", "<script>alert(1)</script>")
                .entry("OSGI-INF/secret.js", "secret");
        plugins.started(pages.bundle());
        base = "/plugins/dev.plinth.sample.pages/" + plugins.get("dev.plinth.sample.pages").revision() + "/";
    }

    @Test
    void aPluginFileIsServedImmutableInertAndReadableFromFrames() throws Exception {
        Exchange answer = new Exchange("GET", base + "page.js").run(servlet);
        assertEquals(200, answer.status);
        assertEquals(PAGE, answer.body());
        assertEquals("text/javascript; charset=utf-8", answer.header("Content-Type"));
        assertEquals("public, max-age=31536000, immutable", answer.header("Cache-Control"));
        assertEquals("*", answer.header("Access-Control-Allow-Origin"));
        assertEquals("nosniff", answer.header("X-Content-Type-Options"));
        assertEquals("sandbox; default-src 'none'", answer.header("Content-Security-Policy"));
        assertTrue(answer.header("ETag").matches("\"[0-9a-f]{64}\""));
        assertEquals("image/png", new Exchange("GET", base + "img/logo.png").run(servlet).header("Content-Type"));
    }

    @Test
    void pluginFilesAreGzippedAndRevalidatedAsTheConsoles() throws Exception {
        Exchange gzip = new Exchange("GET", base + "page.js").header("Accept-Encoding", "gzip").run(servlet);
        assertEquals("gzip", gzip.header("Content-Encoding"));
        assertTrue(gzip.body.size() < PAGE.length());
        Exchange again = new Exchange("GET", base + "page.js").header("Accept-Encoding", "gzip")
                .header("If-None-Match", gzip.header("ETag")).run(servlet);
        assertEquals(304, again.status);
    }

    @ParameterizedTest
    @ValueSource(strings = {"index.html", "../page.js", "./page.js", "img/../page.js", "img//logo.png", "",
        "img/", "nothing.js", "OSGI-INF/secret.js", "../../OSGI-INF/secret.js", "%2e%2e/page.js", "page.js%00",
        "img%2flogo.png", "page.js/", ".hidden.js", "page.js;x", "PAGE.JS"})
    void anythingButAServedFileOfItsConsoleFolderIs404(String path) throws Exception {
        Exchange answer = new Exchange("GET", base + path).run(servlet);
        assertEquals(404, answer.status, path);
        assertEquals("text/plain; charset=utf-8", answer.header("Content-Type"));
        assertNull(answer.header("Access-Control-Allow-Origin"), path);
    }

    @Test
    void anotherRevisionOrAStoppedPluginIs404() throws Exception {
        String hash = plugins.get("dev.plinth.sample.pages").hash();
        assertEquals(404, new Exchange("GET", "/plugins/dev.plinth.sample.pages/0.9.0/" + hash + "/page.js")
                .run(servlet).status);
        assertEquals(404, new Exchange("GET", "/plugins/dev.plinth.sample.pages/1.0.0/000000000000/page.js")
                .run(servlet).status);
        assertEquals(404, new Exchange("GET", "/plugins/org.example.other/1.0.0/" + hash + "/page.js")
                .run(servlet).status);
        assertEquals(404, new Exchange("GET", "/plugins/../1.0.0/" + hash + "/page.js").run(servlet).status);

        FakeBundle upgraded = new FakeBundle("dev.plinth.sample.pages").version("2.0.0");
        plugins.stopped(pages.bundle());
        plugins.started(upgraded.bundle());
        assertEquals(404, new Exchange("GET", base + "page.js").run(servlet).status, "the old revision is gone");
        String now = "/plugins/dev.plinth.sample.pages/" + plugins.get("dev.plinth.sample.pages").revision() + "/";
        assertEquals(200, new Exchange("GET", now + "page.js").run(servlet).status);

        plugins.stopped(upgraded.bundle());
        assertEquals(404, new Exchange("GET", now + "page.js").run(servlet).status, "a disabled plugin serves nothing");
        assertEquals(404, new Exchange("GET", now.replace("/plugins/", "/frames/") + "page.html").run(servlet).status);
    }

    @Test
    void theFrameDocumentLoadsTheSdkAndNamesTheEntry() throws Exception {
        String frame = base.replace("/plugins/", "/frames/") + "page.html";
        Exchange answer = new Exchange("GET", frame).header("Host", "localhost:8181").run(servlet);
        assertEquals(200, answer.status);
        assertEquals("text/html; charset=utf-8", answer.header("Content-Type"));
        assertEquals("no-cache", answer.header("Cache-Control"));
        String entry = "/console" + base + "page.js";
        assertEquals("<!doctype html><html lang=\"en\" data-plugin=\"dev.plinth.sample.pages\" data-slot=\"page\" "
                + "data-entry=\"" + entry + "\">\n<head><meta charset=\"utf-8\"><link rel=\"stylesheet\" "
                + "href=\"/console/sdk/1.0.0/frame.css\">\n<script type=\"module\" src=\"/console/sdk/1.0.0/frame.js\">"
                + "</script></head><body><div id=\"plinth-root\"></div></body></html>\n", answer.body());
        String sources = "http://localhost:8181/console/sdk/1.0.0/ http://localhost:8181/console" + base;
        assertEquals("sandbox allow-scripts allow-forms; default-src 'none'; script-src " + sources + "; style-src "
                + sources + " 'unsafe-inline'; img-src " + sources + " data:; font-src " + sources + "; connect-src "
                + "'none'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'",
                answer.header("Content-Security-Policy"));
        assertEquals("SAMEORIGIN", answer.header("X-Frame-Options"));
        assertEquals("nosniff", answer.header("X-Content-Type-Options"));
    }

    @Test
    void aSlotThePluginDoesNotFillHasNoFrame() throws Exception {
        String frames = base.replace("/plugins/", "/frames/");
        for (String path : new String[] {"settings.html", "other.html", "page.htm", "page.html/", "panel.js"}) {
            assertEquals(404, new Exchange("GET", frames + path).header("Host", "localhost").run(servlet).status, path);
        }
        assertEquals(200, new Exchange("GET", frames + "panel.html").header("Host", "localhost").run(servlet).status);
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example; script-src *", "a b", "", "x'y", "localhost:8181/x"})
    void aHostThatCannotGoIntoThePolicyIsRefused(String host) throws Exception {
        String frame = base.replace("/plugins/", "/frames/") + "page.html";
        Exchange answer = new Exchange("GET", frame).header("Host", host).run(servlet);
        assertEquals(400, answer.status, host);
        assertEquals("default-src 'none'", answer.header("Content-Security-Policy").substring(0, 18));
    }

    @Test
    void theSdkFilesAreImmutableAndReadableFromFrames() throws Exception {
        Exchange answer = new Exchange("GET", "/sdk/1.0.0/frame.js").run(servlet);
        assertEquals(200, answer.status);
        assertEquals("*", answer.header("Access-Control-Allow-Origin"));
        assertEquals("public, max-age=31536000, immutable", answer.header("Cache-Control"));
        assertEquals(404, new Exchange("GET", "/sdk/2.0.0/frame.js").run(servlet).status);
        assertEquals(404, new Exchange("GET", "/sdk/1.0.0/../index.html").run(servlet).status);
    }

    @Test
    void onlyGetAndHeadAreTaken() throws Exception {
        Exchange answer = new Exchange("POST", base + "page.js").run(servlet);
        assertEquals(405, answer.status);
        Exchange head = new Exchange("HEAD", base + "page.js").run(servlet);
        assertEquals(200, head.status);
        assertEquals(0, head.body.size());
    }
}
