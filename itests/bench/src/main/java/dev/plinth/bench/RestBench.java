package dev.plinth.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The REST API of the assembled distribution under load: with {@code --rest-plugins} plugins installed (through
 * the deploy directory) and enabled, {@code --connections} connections at once send {@code GET /api/plugins} (with
 * wrk for {@code --seconds} after a warm-up of half that, or, without wrk, each connection {@code --requests}
 * times from a Java client), and then one plugin is disabled and enabled {@code --roundtrips} times, one request
 * after the other.
 */
final class RestBench {

    static final String SECTION = "REST API";

    private RestBench() {
    }

    static void run(Bench.Context context, Results results) throws Exception {
        int plugins = context.integer("--rest-plugins");
        int connections = context.integer("--connections");
        int requests = context.integer("--requests");
        int roundtrips = context.integer("--roundtrips");
        int seconds = context.integer("--seconds");
        Duration bound = Duration.ofSeconds(context.integer("--bound"));
        Path bench = Files.createDirectories(context.work().resolve("rest"));
        Measure.deleteContents(bench);
        List<Path> jars = BundleJars.independent(bench.resolve("jars"), "bench.rest", plugins);
        Path home = Files.createDirectories(bench.resolve("home"));
        Path console = bench.resolve("console.out");
        PlinthRuntime runtime = context.plinth();
        runtime.prepare(home);
        results.section(SECTION, "none: bare Felix has no REST API");

        Process process = Measure.launch(runtime, home, console);
        Figure p50;
        Figure p99;
        String how;
        long[] disable = new long[roundtrips];
        long[] enable = new long[roundtrips];
        try {
            Measure.awaitReady(runtime, process, console, bound);
            Path endpointFile = home.resolve("data/rest/endpoint");
            Await.until("the REST API to listen (" + endpointFile + ")", bound, Duration.ofMillis(10),
                    () -> Files.isRegularFile(endpointFile));
            URI base = URI.create(Files.readString(endpointFile).strip());
            String token = Files.readString(home.resolve("data/rest/admin.token")).strip();
            install(jars, home, bench.resolve("staging"));
            RestAnswer rest = new RestAnswer(home);
            Await.until(plugins + " plugins enabled", bound, Duration.ofMillis(10),
                    () -> rest.answers(body -> RestAnswer.enabled(body) == plugins));
            System.out.println("Plinth: " + plugins + " plugins enabled; " + connections + " connections");
            ListLoad load = ListLoad.measure(base, token, connections, seconds, requests);
            p50 = load.p50();
            p99 = load.p99();
            how = load.how();
            String id = "/api/plugins/bench.rest.p0000/";
            try (HttpLoad client = new HttpLoad(base, token)) {
                for (int i = 0; i < roundtrips; i++) {
                    disable[i] = timed(client, id + "disable");
                    enable[i] = timed(client, id + "enable");
                }
            }
            Measure.stop(runtime, process, bound);
        } finally {
            Measure.kill(process);
        }
        String list = "GET /api/plugins, " + plugins + " plugins, " + connections + " connections (" + how + ")";
        results.add(new Row(SECTION, "rest.list.p50_ms", list + ", p50", "ms", p50, null, null, ""));
        results.add(new Row(SECTION, "rest.list.p99_ms", list + ", p99", "ms", p99, null, null, "<= 20"));
        results.add(new Row(SECTION, "rest.disable_ms", "POST disable, one at a time (" + roundtrips + ")", "ms",
                Figure.millisOfMicros(boxed(disable)), null, null, "median <= 5"));
        results.add(new Row(SECTION, "rest.enable_ms", "POST enable, one at a time (" + roundtrips + ")", "ms",
                Figure.millisOfMicros(boxed(enable)), null, null, "median <= 5"));
    }

    /** {@code GET /api/plugins} under load: its p50 and p99, and how it was loaded. */
    record ListLoad(Figure p50, Figure p99, String how) {

        /**
         * {@code connections} connections at once: with wrk for {@code seconds} after a warm-up of half that, or,
         * without wrk, each connection {@code requests} times from a Java client (after a quarter as many).
         */
        static ListLoad measure(URI base, String token, int connections, int seconds, int requests)
                throws IOException, InterruptedException {
            Optional<Wrk> wrk = Wrk.find();
            if (wrk.isPresent()) {
                List<String> headers = List.of("Authorization: Bearer " + token, "Accept-Encoding: gzip");
                URI url = base.resolve("/api/plugins");
                wrk.get().run(url, headers, 2, connections, Math.max(1, seconds / 2));
                Wrk.Result result = wrk.get().run(url, headers, 2, connections, seconds);
                return new ListLoad(Figure.of(result.micros().get(50) / 1000.0),
                        Figure.of(result.micros().get(99) / 1000.0),
                        "wrk, " + seconds + " s, " + Math.round(result.perSecond()) + " requests/s");
            }
            HttpLoad.load(base, token, "/api/plugins", connections, Math.max(1, requests / 4));
            long[] list = HttpLoad.load(base, token, "/api/plugins", connections, requests);
            return new ListLoad(Figure.of(Stats.median(list) / 1000.0), Figure.of(Stats.percentile(list, 99) / 1000.0),
                    "Java client, " + requests + " requests per connection");
        }
    }

    static List<Long> boxed(long[] values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }

    /** Moves the jars into deploy/ from a staging folder on the same file system (each move is atomic). */
    static void install(List<Path> jars, Path home, Path staging) throws IOException {
        Files.createDirectories(staging);
        List<Path> staged = new ArrayList<>();
        for (Path jar : jars) {
            staged.add(Files.copy(jar, staging.resolve(jar.getFileName())));
        }
        for (Path jar : staged) {
            Files.move(jar, home.resolve("deploy").resolve(jar.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        }
    }

    static long timed(HttpLoad client, String path) throws IOException {
        long start = System.nanoTime();
        HttpLoad.Answer answer = client.send("POST", path);
        long micros = (System.nanoTime() - start) / 1000;
        if (answer.status() != 200) {
            throw new IOException("POST " + path + " answered " + answer.status() + ": " + answer.text());
        }
        return micros;
    }
}
