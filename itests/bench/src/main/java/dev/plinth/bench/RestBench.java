package dev.plinth.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The REST API of the assembled distribution under load: with {@code --plugins} plugins installed (through the
 * deploy directory) and enabled, {@code --connections} connections at once send {@code GET /api/plugins} (with
 * wrk for {@code --seconds} after a warm-up of half that, or, without wrk, each connection {@code --requests}
 * times from a Java client), and then one plugin is disabled and enabled {@code --roundtrips} times, one request
 * after the other. Prints latencies (median, p99, max) beside the targets and writes the figures the harness
 * timed itself to {@code rest.txt}.
 */
public final class RestBench {

    private static final String LIST = "GET /api/plugins";
    private static final String DISABLE = "POST disable";
    private static final String ENABLE = "POST enable";

    private RestBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args, Map.of("--work", "target/bench", "--plugins", "1000",
                "--connections", "32", "--requests", "200", "--seconds", "10", "--roundtrips", "50", "--bound", "120",
                "--java", System.getProperty("java.home"), Options.ONLY, "all"));
        if (!Options.selected(options, "rest")) {
            System.out.println("rest benchmark skipped (bench.only=" + options.get(Options.ONLY) + ")");
            return;
        }
        Path work = Path.of(options.get("--work")).toAbsolutePath();
        int plugins = Integer.parseInt(options.get("--plugins"));
        int connections = Integer.parseInt(options.get("--connections"));
        int requests = Integer.parseInt(options.get("--requests"));
        int roundtrips = Integer.parseInt(options.get("--roundtrips"));
        int seconds = Integer.parseInt(options.get("--seconds"));
        Duration bound = Duration.ofSeconds(Long.parseLong(options.get("--bound")));
        Path javaHome = Path.of(options.get("--java"));
        Path bench = Files.createDirectories(work.resolve("rest"));
        Measure.deleteContents(bench);
        List<Path> jars = BundleJars.independent(bench.resolve("jars"), plugins);
        Path home = Files.createDirectories(bench.resolve("home"));
        Path console = bench.resolve("console.out");
        PlinthRuntime runtime = new PlinthRuntime(work.resolve("inputs").resolve("plinth.tar.gz"), javaHome);
        runtime.prepare(home);

        Process process = Measure.launch(runtime, home, console);
        long[] list;
        Row listRow;
        long[] disable = new long[roundtrips];
        long[] enable = new long[roundtrips];
        try {
            Measure.awaitReady(runtime, process, console, bound);
            Path endpointFile = home.resolve("data/rest/endpoint");
            await("the REST API to listen (" + endpointFile + ")", bound, () -> Files.isRegularFile(endpointFile));
            URI base = URI.create(Files.readString(endpointFile).strip());
            String token = Files.readString(home.resolve("data/rest/admin.token")).strip();
            install(jars, home, bench.resolve("staging"));
            try (HttpLoad client = new HttpLoad(base, token)) {
                await(plugins + " plugins enabled", bound, () -> client.send("GET", "/api/plugins").text()
                        .split("\"state\":\"enabled\"", -1).length - 1 == plugins);
            }
            System.out.println("Plinth: " + plugins + " plugins enabled; " + connections + " connections, "
                    + requests + " requests each");
            Optional<Wrk> wrk = Wrk.find();
            if (wrk.isPresent()) {
                List<String> headers = List.of("Authorization: Bearer " + token, "Accept-Encoding: gzip");
                URI url = base.resolve("/api/plugins");
                wrk.get().run(url, headers, 2, connections, Math.max(1, seconds / 2));
                Wrk.Result result = wrk.get().run(url, headers, 2, connections, seconds);
                listRow = new Row(LIST + " (" + connections + " at once, wrk " + seconds + " s, "
                        + Math.round(result.perSecond()) + "/s)", result.micros().get(50), result.micros().get(99),
                        -1, Math.round(result.perSecond() * seconds), "p99 <= 20");
                list = new long[0];
            } else {
                HttpLoad.load(base, token, "/api/plugins", connections, Math.max(1, requests / 4));
                list = HttpLoad.load(base, token, "/api/plugins", connections, requests);
                listRow = Row.of(LIST + " (" + connections + " at once, Java client)", list, "p99 <= 20");
            }
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

        String title = "REST API: " + plugins + " plugins enabled, " + connections + " connections, " + roundtrips
                + " disable/enable round trips, "
                + java.lang.Runtime.getRuntime().availableProcessors() + " cores, " + Measure.javaVersion(javaHome);
        System.out.println();
        System.out.println(title);
        System.out.println(String.format("%-62s %10s %10s %10s %8s   %s", "measure", "median ms", "p99 ms",
                "max ms", "count", "Plinth target (ms)"));
        for (Row row : List.of(listRow, Row.of(DISABLE + " (one at a time)", disable, "median <= 20"),
                Row.of(ENABLE + " (one at a time)", enable, "median <= 20"))) {
            System.out.println(row.line());
        }
        Path raw = work.resolve("rest.txt");
        List<String> lines = new ArrayList<>(List.of("# " + title, "# measure\trequest\tmicros"));
        add(lines, LIST, list);
        add(lines, DISABLE, disable);
        add(lines, ENABLE, enable);
        Files.write(raw, lines);
        System.out.println("raw figures: " + raw);
    }

    /** Moves the jars into deploy/ from a staging folder on the same file system (each move is atomic). */
    private static void install(List<Path> jars, Path home, Path staging) throws IOException {
        Files.createDirectories(staging);
        List<Path> staged = new ArrayList<>();
        for (Path jar : jars) {
            staged.add(Files.copy(jar, staging.resolve(jar.getFileName())));
        }
        for (Path jar : staged) {
            Files.move(jar, home.resolve("deploy").resolve(jar.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static long timed(HttpLoad client, String path) throws IOException {
        long start = System.nanoTime();
        HttpLoad.Answer answer = client.send("POST", path);
        long micros = (System.nanoTime() - start) / 1000;
        if (answer.status() != 200) {
            throw new IOException("POST " + path + " answered " + answer.status() + ": " + answer.text());
        }
        return micros;
    }

    private interface Condition {
        boolean holds() throws IOException;
    }

    /** Waits for the condition, checking every 10 ms, within the bound. */
    private static void await(String what, Duration bound, Condition condition)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    /** One line of the table; {@code maxMicros} -1 when not known. */
    private record Row(String measure, long medianMicros, long p99Micros, long maxMicros, long count, String target) {

        static Row of(String measure, long[] micros, String target) {
            return new Row(measure, Stats.median(micros), Stats.percentile(micros, 99), Stats.max(micros),
                    micros.length, target);
        }

        String line() {
            return String.format("%-62s %10.1f %10.1f %10s %8d   %s", measure, medianMicros / 1000.0,
                    p99Micros / 1000.0, maxMicros < 0 ? "-" : String.format("%.1f", maxMicros / 1000.0), count,
                    target);
        }
    }

    private static void add(List<String> lines, String measure, long[] micros) {
        for (int i = 0; i < micros.length; i++) {
            lines.add(measure + "\t" + (i + 1) + "\t" + micros[i]);
        }
    }
}
