package dev.plinth.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Plinth with {@code --scale-plugins} (10,000) small independent plugins, all enabled: a fixture home laid out once
 * per run of the section (the jars generated, moved into {@code deploy/} of a running Plinth, all enabled, stopped;
 * the time it took is a row), then {@code --scale-runs} restarts of it, each timed to the ready line and to the
 * first {@code GET /api/plugins} that lists every plugin enabled, with the peak RSS two seconds after, and one
 * plugin disabled and enabled over HTTP (each timed); in the last restart, the list is loaded from
 * {@code --connections} connections as the REST section does. HTTP listens on a free port.
 */
final class ScaleBench {

    static final String SECTION = "Ten thousand plugins";
    static final String PREFIX = "bench.scale";
    private static final Duration POLL = Duration.ofMillis(20);

    private ScaleBench() {
    }

    static void run(Bench.Context context, Results results) throws Exception {
        int plugins = context.integer("--scale-plugins");
        int runs = context.integer("--scale-runs");
        Duration bound = Duration.ofSeconds(context.integer("--bound"));
        Duration layoutBound = bound.multipliedBy(Math.max(1, plugins / 1000));
        Path bench = Files.createDirectories(context.work().resolve("scale"));
        Measure.deleteContents(bench);
        List<String> options = new ArrayList<>(context.plinthOptions());
        options.add("-Dorg.osgi.service.http.port=0");
        PlinthRuntime runtime = new PlinthRuntime(context.plinthArchive(), context.javaHome(), List.of(), options);
        results.section(SECTION, "none: " + plugins + " plugins, Plinth alone");

        long started = System.nanoTime();
        List<Path> jars = BundleJars.independent(bench.resolve("jars"), PREFIX, plugins);
        double generated = seconds(started);
        Path home = Files.createDirectories(bench.resolve("home"));
        runtime.prepare(home);
        double installed = layOut(runtime, home, jars, bench, plugins, layoutBound);
        Measure.awaitClassArchive(home, bound);
        System.out.printf("Plinth: %d plugins generated in %.1f s, moved into deploy/ and all enabled in %.1f s%n",
                plugins, generated, installed);

        List<Double> ready = new ArrayList<>();
        List<Double> answered = new ArrayList<>();
        List<Double> rss = new ArrayList<>();
        List<Double> disable = new ArrayList<>();
        List<Double> enable = new ArrayList<>();
        RestBench.ListLoad load = null;
        int connections = context.integer("--connections");
        String toggled = "/api/plugins/" + String.format("%s.p%04d", PREFIX, plugins / 2) + "/";
        for (int run = 1; run <= runs; run++) {
            Path console = bench.resolve("console-" + run + ".out");
            long spawned = System.nanoTime();
            Process process = Measure.launch(runtime, home, console);
            try {
                Measure.awaitReady(runtime, process, console, bound);
                ready.add(millis(spawned));
                RestAnswer rest = new RestAnswer(home);
                Await.until(plugins + " plugins listed enabled", bound, POLL,
                        () -> rest.answers(body -> RestAnswer.enabled(body) == plugins));
                answered.add(millis(spawned));
                Thread.sleep(Measure.SETTLED_AFTER.toMillis());
                rss.add(Measure.peakRssKib(Measure.javaProcess(process)) / 1024.0);
                URI base = URI.create(Files.readString(home.resolve("data/rest/endpoint")).strip());
                String token = Files.readString(home.resolve("data/rest/admin.token")).strip();
                try (HttpLoad client = new HttpLoad(base, token)) {
                    disable.add(RestBench.timed(client, toggled + "disable") / 1000.0);
                    enable.add(RestBench.timed(client, toggled + "enable") / 1000.0);
                }
                System.out.printf("Plinth, restart %d of %d: ready %.0f ms, all listed %.0f ms, peak RSS %.0f MiB,"
                        + " disable %.1f ms, enable %.1f ms%n", run, runs, ready.get(run - 1),
                        answered.get(run - 1), rss.get(run - 1), disable.get(run - 1), enable.get(run - 1));
                if (run == runs) {
                    load = RestBench.ListLoad.measure(base, token, connections, context.integer("--seconds"),
                            context.integer("--requests"));
                }
                Measure.stop(runtime, process, bound);
            } finally {
                Measure.kill(process);
            }
        }
        String of = plugins + " plugins";
        results.add(new Row(SECTION, "scale.plugins.layout_s", of + ": generated, moved into deploy/ -> all enabled",
                "s", Figure.of(generated + installed), null, null, ""));
        results.add(new Row(SECTION, "scale.plugins.restart_ready_ms", "restart -> ready line (" + of + ")", "ms",
                new Figure(ready), null, null, "<= 5000"));
        results.add(new Row(SECTION, "scale.plugins.restart_listed_ms",
                "restart -> GET /api/plugins lists all enabled", "ms", new Figure(answered), null, null, ""));
        results.add(new Row(SECTION, "scale.plugins.rss_mib", "peak RSS, 2 s after all listed", "MiB",
                new Figure(rss), null, null, ""));
        results.add(new Row(SECTION, "scale.plugins.list_p50_ms", "GET /api/plugins, " + connections
                + " connections (" + load.how() + "), p50", "ms", load.p50(), null, null, ""));
        results.add(new Row(SECTION, "scale.plugins.list_p99_ms", "GET /api/plugins, " + connections
                + " connections, p99", "ms", load.p99(), null, null, "<= 50"));
        results.add(new Row(SECTION, "scale.plugins.disable_ms", "POST disable, one plugin (once per restart)", "ms",
                new Figure(disable), null, null, ""));
        results.add(new Row(SECTION, "scale.plugins.enable_ms", "POST enable, one plugin (once per restart)", "ms",
                new Figure(enable), null, null, ""));
    }

    /**
     * Starts Plinth in {@code home}, moves the jars into {@code deploy/}, waits until all are listed enabled and
     * stops it; returns the seconds from the first move to all listed enabled.
     */
    private static double layOut(PlinthRuntime runtime, Path home, List<Path> jars, Path bench, int plugins,
            Duration bound) throws IOException, InterruptedException {
        Path console = bench.resolve("console-layout.out");
        Process process = Measure.launch(runtime, home, console);
        try {
            Measure.awaitReady(runtime, process, console, bound);
            RestAnswer rest = new RestAnswer(home);
            Await.until("the REST API to answer", bound, POLL, () -> rest.answers(body -> true));
            long started = System.nanoTime();
            RestBench.install(jars, home, bench.resolve("staging"));
            Await.until(plugins + " plugins enabled", bound, Duration.ofMillis(500),
                    () -> rest.answers(body -> RestAnswer.enabled(body) == plugins));
            double seconds = seconds(started);
            Measure.stop(runtime, process, bound);
            return seconds;
        } finally {
            Measure.kill(process);
        }
    }

    private static double millis(long since) {
        return TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - since) / 1000.0;
    }

    private static double seconds(long since) {
        return millis(since) / 1000.0;
    }
}
