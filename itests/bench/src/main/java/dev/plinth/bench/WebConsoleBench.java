package dev.plinth.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console of the assembled distribution in a headless Chromium: with {@code --rest-plugins} plugins enabled
 * (the REST section's generated plugins, through the deploy directory), signed in with the admin token, the plugin
 * list is opened {@code --console-navigations} times from another view, each time timed in the page (from the hash
 * change to the list's container saying it is ready with its rows in it, {@code performance.now()}) and from the
 * harness (wall time around the same navigation, the driver's round trip included); the graph of the same plugins a
 * third as many times, until drawn. Then the console's own files
 * are fetched as a browser would, gzip accepted, and their sizes added up.
 */
final class WebConsoleBench {

    static final String SECTION = "Web console";

    /**
     * Runs in the page with a hash, a view's name and a selector: changes the hash and calls back, once the view's
     * ready container holds what the selector matches, with the milliseconds until then ({@code ready}), until the
     * next frame was drawn ({@code painted}), and how many elements match ({@code rows}).
     */
    private static final String NAVIGATE = """
            const [hash, view, content, done] = arguments;
            const start = performance.now();
            let ready = null;
            const check = () => {
              if (ready !== null || document.body.dataset.view !== view) return;
              const container = document.querySelector('[data-ready="true"]');
              if (!container || !container.querySelector(content)) return;
              ready = performance.now() - start;
              observer.disconnect();
              const rows = container.querySelectorAll(content).length;
              requestAnimationFrame(() => setTimeout(() => done({ready, painted: performance.now() - start, rows})));
            };
            const observer = new MutationObserver(check);
            observer.observe(document.documentElement, {subtree: true, childList: true, attributes: true});
            location.hash = hash;
            check();
            """;

    private WebConsoleBench() {
    }

    static void run(Bench.Context context, Results results) throws Exception {
        int plugins = context.integer("--rest-plugins");
        int navigations = context.integer("--console-navigations");
        Duration bound = Duration.ofSeconds(context.integer("--bound"));
        Path bench = Files.createDirectories(context.work().resolve("console"));
        Measure.deleteContents(bench);
        List<Path> jars = BundleJars.independent(bench.resolve("jars"), "bench.console", plugins);
        Path home = Files.createDirectories(bench.resolve("home"));
        PlinthRuntime runtime = context.plinth();
        runtime.prepare(home);
        results.section(SECTION, "none: bare Felix has no web console");

        Process process = Measure.launch(runtime, home, bench.resolve("console.out"));
        long[] inPage = new long[navigations];
        long[] painted = new long[navigations];
        long[] wall = new long[navigations];
        long[] graphs = new long[Math.max(1, navigations / 3)];
        Assets assets;
        try {
            Measure.awaitReady(runtime, process, bench.resolve("console.out"), bound);
            Path endpointFile = home.resolve("data/rest/endpoint");
            Await.until("the REST API to listen (" + endpointFile + ")", bound, Duration.ofMillis(10),
                    () -> Files.isRegularFile(endpointFile));
            URI base = URI.create(Files.readString(endpointFile).strip());
            String token = Files.readString(home.resolve("data/rest/admin.token")).strip();
            RestBench.install(jars, home, bench.resolve("staging"));
            RestAnswer rest = new RestAnswer(home);
            Await.until(plugins + " plugins enabled", bound, Duration.ofMillis(10),
                    () -> rest.answers(body -> RestAnswer.enabled(body) == plugins));
            System.out.println("Plinth: " + plugins + " plugins enabled");

            try (Chromium chromium = Chromium.start(Path.of(context.option("--chromium")),
                    Path.of(context.option("--chromedriver")), bound)) {
                WebDriver driver = chromium.driver();
                signIn(driver, base, token, bound);
                for (int i = 0; i < navigations; i++) {
                    away(driver, bound);
                    long started = System.nanoTime();
                    Map<String, Object> answer = navigate(driver, "#/plugins", "plugins", "tr[data-plugin-id]");
                    wall[i] = (System.nanoTime() - started) / 1000;
                    inPage[i] = Math.round(((Number) answer.get("ready")).doubleValue() * 1000);
                    painted[i] = Math.round(((Number) answer.get("painted")).doubleValue() * 1000);
                    if (i == 0) {
                        System.out.println("the list shows " + answer.get("rows") + " rows of " + plugins);
                    }
                }
                for (int i = 0; i < graphs.length; i++) {
                    away(driver, bound);
                    Map<String, Object> answer = navigate(driver, "#/graph", "graph", "svg g[data-node]");
                    graphs[i] = Math.round(((Number) answer.get("painted")).doubleValue() * 1000);
                    if (i == 0) {
                        System.out.println("the graph draws " + answer.get("rows") + " nodes");
                    }
                }
            }
            assets = Assets.served(home, base);
            Measure.stop(runtime, process, bound);
        } finally {
            Measure.kill(process);
        }
        String what = "#/plugins, " + plugins + " plugins (" + navigations + "x)";
        results.add(new Row(SECTION, "console.plugins.ready_ms", what + ", ready in the page", "ms",
                Figure.millisOfMicros(boxed(inPage)), null, null, "<= 300"));
        results.add(new Row(SECTION, "console.plugins.painted_ms", what + ", next frame drawn", "ms",
                Figure.millisOfMicros(boxed(painted)), null, null, "<= 300"));
        results.add(new Row(SECTION, "console.plugins.wall_ms", what + ", wall time via the driver", "ms",
                Figure.millisOfMicros(boxed(wall)), null, null, ""));
        results.add(new Row(SECTION, "console.graph.painted_ms", "#/graph, " + plugins + " plugins (" + graphs.length
                + "x), drawn", "ms", Figure.millisOfMicros(boxed(graphs)), null, null, ""));
        results.add(new Row(SECTION, "console.assets.gzip_kb", "console files as served, gzip (" + assets.files()
                + " files)", "KB", Figure.of(assets.served() / 1024.0), null, null, "<= 200"));
        results.add(new Row(SECTION, "console.assets.raw_kb", "console files, uncompressed", "KB",
                Figure.of(assets.raw() / 1024.0), null, null, ""));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> navigate(WebDriver driver, String hash, String view, String content) {
        return (Map<String, Object>) ((JavascriptExecutor) driver).executeAsyncScript(NAVIGATE, hash, view, content);
    }

    /** Signs in through the console's form and waits for the plugin list with its rows. */
    private static void signIn(WebDriver driver, URI base, String token, Duration bound) {
        driver.get(base.resolve("/console/#/plugins").toString());
        until(driver, bound, "the sign-in form", d -> !d.findElements(By.cssSelector("input#signin-token")).isEmpty());
        driver.findElement(By.cssSelector("input#signin-token")).sendKeys(token);
        driver.findElement(By.cssSelector("button#signin-submit")).click();
        until(driver, bound, "the plugin list after signing in", d -> Boolean.TRUE.equals(((JavascriptExecutor) d)
                .executeScript("const c = document.querySelector('[data-ready=\"true\"]');"
                        + " return document.body.dataset.view === 'plugins' && !!c"
                        + " && !!c.querySelector('tr[data-plugin-id]');")));
    }

    /** Goes to the runtime view and waits until it is ready, so that the next navigation starts elsewhere. */
    private static void away(WebDriver driver, Duration bound) {
        ((JavascriptExecutor) driver).executeScript("location.hash = '#/runtime'");
        until(driver, bound, "the runtime view", d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "return document.body.dataset.view === 'runtime' && !!document.querySelector('[data-ready=\"true\"]')"
                        + " && !document.querySelector('tr[data-plugin-id]');")));
    }

    private static void until(WebDriver driver, Duration bound, String what,
            java.util.function.Function<WebDriver, Boolean> condition) {
        try {
            new WebDriverWait(driver, bound, Duration.ofMillis(10)).until(condition::apply);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no " + what + " within " + bound.toSeconds() + " s", e);
        }
    }

    private static List<Long> boxed(long[] values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }

    /** The console's files: how many, their bytes, and their bytes as served to a browser accepting gzip. */
    record Assets(int files, long raw, long served) {

        /** Every file under {@code console/} of the console bundle of {@code home}, fetched from {@code base}. */
        static Assets served(Path home, URI base) throws IOException, InterruptedException {
            Path bundle;
            try (Stream<Path> system = Files.list(home.resolve("system"))) {
                bundle = system.filter(jar -> jar.getFileName().toString().startsWith("dev.plinth.console-"))
                        .findFirst().orElseThrow(() -> new IOException("no console bundle in " + home.resolve("system")));
            }
            List<String> paths = new ArrayList<>();
            long raw = 0;
            try (JarFile jar = new JarFile(bundle.toFile())) {
                for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements();) {
                    JarEntry entry = entries.nextElement();
                    if (entry.getName().startsWith("console/") && !entry.isDirectory()) {
                        paths.add(entry.getName().equals("console/index.html") ? "/console/" : "/" + entry.getName());
                        raw += entry.getSize();
                    }
                }
            }
            HttpClient http = HttpClient.newHttpClient();
            long served = 0;
            for (String path : paths) {
                HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(base.resolve(path))
                        .header("Accept-Encoding", "gzip").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                if (answer.statusCode() != 200) {
                    throw new IOException("GET " + path + " answered " + answer.statusCode());
                }
                served += answer.body().length;
            }
            return new Assets(paths.size(), raw, served);
        }
    }
}
