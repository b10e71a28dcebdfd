package dev.plinth.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import dev.plinth.bench.timeline.TimelineProbe;

/**
 * Where the milliseconds of Plinth's start go: runs of their own (a first boot and a restart each, the default
 * boot set), never the runs whose figures the startup rows report, with the timeline probe bundle
 * ({@link TimelineProbe}) added to {@code system/} at start level 1 and nothing else changed. The phases come
 * from three sources, all stamped on the same clock (epoch time of this machine), from the process being
 * spawned:
 * <ul>
 * <li>the probe: the JVM's start time, its own activator (the framework initialised and the boot bundles
 * installed, start level 1 begun), each bundle's STARTED event with its start level (a level ends with the
 * last of its bundles started), the first service of each DS component of Plinth's bundles registered;</li>
 * <li>Plinth's own log ({@code data/log/plinth.log}, INFO lines it writes anyway, millisecond stamps): the
 * manager's restore done ({@code plugin manager ready}), the deploy directory watched, Jetty's connector
 * started (HTTP listening);</li>
 * <li>the JVM's class loading log, turned on for these runs only ({@code -Xlog:class+load} with epoch
 * milliseconds, into a file): the first load of the launcher's main class, of Felix (the framework created), of
 * the launcher's start monitor (the framework's {@code init()} returned, the boot bundles' installation begins);
 * </li>
 * <li>the harness: the ready line seen on the console, the first {@code GET /api/plugins} answered 200.</li>
 * </ul>
 * Writing the class loading log costs these runs some milliseconds: their ready line is shown beside the
 * reported runs' one.
 */
final class StartupTimeline {

    static final String FIRST_BOOT = "Startup timeline, first boot (default boot set; median of the runs)";
    static final String RESTART = "Startup timeline, restart (default boot set; median of the runs)";
    private static final Pattern LOG_LINE = Pattern.compile("^(\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z) .*$",
            Pattern.MULTILINE);
    private static final Map<String, String> LOGGED = new LinkedHashMap<>();
    private static final Map<String, String> LOADED = new LinkedHashMap<>();
    private static final Pattern CLASS_LOAD = Pattern.compile("^\\[(\\d+)ms\\] (\\S+) source");

    static {
        LOADED.put("dev.plinth.framework.cli.Main", "the launcher's main class loaded");
        LOADED.put("org.apache.felix.framework.Felix", "Felix created (configuration read)");
        LOADED.put("dev.plinth.framework.internal.StartupMonitor", "framework init() returned");
        LOGGED.put("plugin manager ready", "the manager's restore done (\"plugin manager ready\" logged)");
        LOGGED.put("WatchedDeployDirectory - watching", "deploy/ watched (logged)");
        LOGGED.put("Started ServerConnector", "HTTP listening (Jetty's connector started, logged)");
    }

    private StartupTimeline() {
    }

    static void run(Bench.Context context, Results results, Path directory, int runs, Duration bound)
            throws IOException, InterruptedException {
        Files.createDirectories(directory);
        Measure.deleteContents(directory);
        Path jar = BundleJars.timelineProbe(Files.createDirectories(directory.resolve("jars")));
        Path probeFile = directory.resolve("timeline.log");
        Path classLog = directory.resolve("class-load.log");
        List<String> options = new ArrayList<>(context.plinthOptions());
        options.add("-D" + TimelineProbe.FILE_PROPERTY + "=" + probeFile);
        options.add("-Xlog:class+load=info:file=" + classLog + ":timemillis");
        PlinthRuntime plinth = new PlinthRuntime(context.plinthArchive(), context.javaHome(), List.of(jar), options);
        List<Map<String, Double>> first = new ArrayList<>();
        List<Map<String, Double>> restart = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            Path home = Files.createDirectories(directory.resolve("home"));
            Measure.deleteContents(home);
            plinth.prepare(home);
            probeAtLevelOne(home);
            first.add(measure(plinth, home, probeFile, classLog, bound));
            Measure.awaitClassArchive(home, bound);
            restart.add(measure(plinth, home, probeFile, classLog, bound));
            System.out.println("startup timeline: run " + run + "/" + runs + " done");
        }
        results.timeline(FIRST_BOOT, phases(first));
        results.timeline(RESTART, phases(restart));
    }

    /** Gives the probe start level 1: the launcher's default start levels, read from its jar, and the probe's. */
    private static void probeAtLevelOne(Path home) throws IOException {
        Properties defaults = new Properties();
        try (ZipFile launcher = new ZipFile(home.resolve("lib/plinth-framework.jar").toFile())) {
            ZipEntry entry = launcher.getEntry("dev/plinth/framework/internal/framework-defaults.properties");
            if (entry == null) {
                throw new IOException("no framework-defaults.properties in the launcher's jar");
            }
            try (InputStream in = launcher.getInputStream(entry)) {
                defaults.load(in);
            }
        }
        String levels = defaults.getProperty("plinth.startlevels").strip() + ", " + BundleJars.TIMELINE + "=1";
        Path conf = home.resolve("conf/plinth.properties");
        Files.writeString(conf, Files.readString(conf) + "\n# the benchmark's timeline probe\nplinth.startlevels = "
                + levels + "\n");
    }

    /** One start: each phase's end in ms from the spawn. */
    private static Map<String, Double> measure(PlinthRuntime plinth, Path home, Path probeFile, Path classLog,
            Duration bound) throws IOException, InterruptedException {
        Files.deleteIfExists(probeFile);
        Files.deleteIfExists(classLog);
        Path log = home.resolve("data/log/plinth.log");
        Files.deleteIfExists(log);
        Path output = Files.createTempFile("bench-timeline-", ".out");
        RestAnswer rest = new RestAnswer(home);
        long spawned = ProbeLine.now();
        Process process = Measure.launch(plinth, home, output);
        Map<String, Double> phases = new LinkedHashMap<>();
        try {
            Measure.awaitReady(plinth, process, output, bound);
            phases.put("ready line seen on the console", since(spawned, ProbeLine.now()));
            Await.until("Plinth to answer", bound, Duration.ofMillis(5), () -> rest.answers(body -> true));
            phases.put("REST answered (first GET /api/plugins with 200)", since(spawned, ProbeLine.now()));
            Await.until("Plinth's log lines", bound, Duration.ofMillis(20), () -> Files.isRegularFile(log)
                    && LOGGED.keySet().stream().allMatch(text -> contains(log, text)));
            Measure.stop(plinth, process, bound);
        } finally {
            Measure.kill(process);
            Files.deleteIfExists(output);
        }
        for (String line : Files.readAllLines(probeFile)) {
            String[] fields = line.split(" ");
            double at = since(spawned, Long.parseLong(fields[3]));
            switch (fields[0]) {
                case "JVM" -> phases.put("JVM started (bin/plinth and the JVM's creation)", at);
                case "PROBE" -> phases.put("framework initialised, boot bundles installed, start level 1 begun", at);
                case "STARTED" -> {
                    if (fields[2].equals("0")) {
                        phases.put("the system bundle STARTED (the launcher's first level reached)", at);
                    } else if (!fields[1].equals(BundleJars.TIMELINE)) {
                        phases.merge("start level " + fields[2] + " done (its last bundle started)", at, Math::max);
                    }
                }
                case "COMPONENT" -> {
                    if (fields[1].startsWith("dev.plinth.")) {
                        phases.putIfAbsent("SCR: " + fields[1].substring("dev.plinth.".length()) + " registered", at);
                    }
                }
                case "FRAMEWORK" -> phases.putIfAbsent(fields[1].equals("STARTED")
                        ? "framework STARTED event: the launcher's first level (" + fields[2] + ") reached"
                        : "the launcher raised the start level to " + fields[2], at);
                default -> {
                    // nothing else is written
                }
            }
        }
        for (String line : Files.readAllLines(classLog, StandardCharsets.UTF_8)) {
            Matcher matcher = CLASS_LOAD.matcher(line);
            if (matcher.find() && LOADED.containsKey(matcher.group(2))) {
                phases.putIfAbsent(LOADED.get(matcher.group(2)),
                        since(spawned, Long.parseLong(matcher.group(1)) * 1000L));
            }
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        for (Map.Entry<String, String> logged : LOGGED.entrySet()) {
            Matcher matcher = LOG_LINE.matcher(text);
            while (matcher.find()) {
                if (matcher.group().contains(logged.getKey())) {
                    phases.put(logged.getValue(), since(spawned, ProbeLine.micros(Instant.parse(matcher.group(1)))));
                    break;
                }
            }
        }
        return phases;
    }

    private static boolean contains(Path log, String text) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private static double since(long spawnedMicros, long micros) {
        return (micros - spawnedMicros) / 1000.0;
    }

    /** The phases seen in every run, ordered by their median end; each took the time since the one before. */
    static List<TimelinePhase> phases(List<Map<String, Double>> runs) {
        Map<String, List<Double>> values = new LinkedHashMap<>();
        for (Map<String, Double> run : runs) {
            run.forEach((phase, at) -> values.computeIfAbsent(phase, k -> new ArrayList<>()).add(at));
        }
        List<Map.Entry<String, Figure>> figures = new ArrayList<>();
        values.forEach((phase, ats) -> {
            if (ats.size() == runs.size()) {
                figures.add(Map.entry(phase, new Figure(ats)));
            }
        });
        figures.sort(Comparator.comparingDouble(entry -> entry.getValue().median()));
        List<TimelinePhase> phases = new ArrayList<>();
        double before = 0;
        for (Map.Entry<String, Figure> entry : figures) {
            double at = entry.getValue().median();
            phases.add(new TimelinePhase(entry.getKey(), entry.getValue(), at - before));
            before = at;
        }
        return phases;
    }
}
