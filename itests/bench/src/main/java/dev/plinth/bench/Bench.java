package dev.plinth.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark harness in one command: runs the selected sections on the assembled distribution and,
 * in the same run with the same generated jars, on bare Apache Felix (with Gogo, with FileInstall),
 * then prints one table with Plinth's figure, the reference's and their ratio on each row, one
 * {@code RESULT <metric> <value> <unit>} line per metric, and writes {@code results.json}.
 * Exits with 1 when a section could not measure at all.
 */
public final class Bench {

    static final List<String> SECTIONS = List.of("startup", "deploy", "api", "rest", "scale", "attach", "storage", "kit", "console",
            "fleet");

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("--work", "target/bench");
        defaults.put("--results", "target/results.json");
        defaults.put("--java", System.getProperty("java.home"));
        defaults.put("--plinth-opts", "");
        defaults.put("--karaf-opts", "");
        defaults.put(Options.ONLY, "all");
        defaults.put("--runs", "5");
        defaults.put("--plugins-at-boot", "50");
        defaults.put("--repeats", "10");
        defaults.put("--pause", "1000");
        defaults.put("--bound", "120");
        defaults.put("--chains", "100,500,2000");
        defaults.put("--chain-runs", "3");
        defaults.put("--reference-chain-max", "500");
        defaults.put("--dependents", "100");
        defaults.put("--rest-plugins", "1000");
        defaults.put("--connections", "32");
        defaults.put("--requests", "200");
        defaults.put("--seconds", "10");
        defaults.put("--roundtrips", "50");
        defaults.put("--scale-plugins", "10000");
        defaults.put("--scale-runs", "3");
        defaults.put("--console-navigations", "10");
        defaults.put("--chromium", "/usr/bin/chromium");
        defaults.put("--chromedriver", "/usr/bin/chromedriver");
        defaults.put("--attach-runs", "10");
        defaults.put("--storage-starts", "4");
        defaults.put("--storage-runs", "10");
        defaults.put("--kit-jvms", "3");
        defaults.put("--kit-classes", "5");
        defaults.put("--kit-rounds", "5");
        defaults.put("--kit-version", dev.plinth.framework.Plinth.version());
        defaults.put("--kit-repository", "itests/bench/target/bench/inputs/kit-repo");
        defaults.put("--local-repository", System.getProperty("user.home") + "/.m2/repository");
        defaults.put("--archetype-plugin", "3.3.1");
        defaults.put("--fleet-nodes", "5");
        defaults.put("--fleet-publishes", "10");
        defaults.put("--fleet-warmups", "2");
        defaults.put("--fleet-plugins", "10");
        defaults.put("--fleet-idle", "30");
        Context context = new Context(Options.parse(args, defaults));
        List<String> selected = Options.selected(context.options(), SECTIONS);

        Results results = new Results();
        long started = System.nanoTime();
        boolean broken = false;
        for (String section : selected) {
            System.out.println();
            System.out.println("=== " + section + " ===");
            try {
                switch (section) {
                    case "startup" -> StartupBench.run(context, results);
                    case "deploy" -> DeployBench.run(context, results);
                    case "api" -> ApiBench.run(context, results);
                    case "rest" -> RestBench.run(context, results);
                    case "scale" -> ScaleBench.run(context, results);
                    case "attach" -> AttachBench.run(context, results);
                    case "storage" -> StorageBench.run(context, results);
                    case "kit" -> KitBench.run(context, results);
                    case "console" -> WebConsoleBench.run(context, results);
                    case "fleet" -> FleetBench.run(context, results);
                    default -> throw new IllegalStateException(section);
                }
            } catch (Exception e) {
                broken = true;
                results.note(section + ": stopped: " + e.getMessage());
                e.printStackTrace(System.out);
            }
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        String title = "Plinth benchmark: " + String.join(", ", selected) + "; "
                + java.lang.Runtime.getRuntime().availableProcessors() + " cores, "
                + Measure.javaVersion(context.javaHome()) + ", " + seconds + " s"
                + (context.plinthOptions().isEmpty() ? ""
                        : ", PLINTH_OPTS=" + String.join(" ", context.plinthOptions()))
                + (context.karafOptions().isEmpty() ? ""
                        : ", Karaf's EXTRA_JAVA_OPTS=" + String.join(" ", context.karafOptions()));
        ResultsReport.table(System.out, title, results);
        System.out.println();
        ResultsReport.resultLines(results).forEach(System.out::println);
        Path json = Path.of(context.options().get("--results")).toAbsolutePath();
        ResultsReport.writeJson(json, title, results);
        System.out.println("results: " + json);
        if (broken) {
            System.exit(1);
        }
    }

    /** The options of the run, with the folders and the JDK they name. */
    record Context(Map<String, String> options) {

        Path work() {
            return Path.of(options.get("--work")).toAbsolutePath();
        }

        Path inputs() {
            return work().resolve("inputs");
        }

        Path javaHome() {
            return Path.of(options.get("--java"));
        }

        Path plinthArchive() {
            return inputs().resolve("plinth.tar.gz");
        }

        /** JVM options added to Plinth's own (bin/plinth's PLINTH_OPTS), to measure other settings. */
        List<String> plinthOptions() {
            String options = this.options.get("--plinth-opts").strip();
            return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
        }

        /** JVM options added to Karaf's own ({@code EXTRA_JAVA_OPTS}), to measure it with other settings. */
        List<String> karafOptions() {
            String options = this.options.get("--karaf-opts").strip();
            return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
        }

        /** Plinth from the distribution archive, with {@link #plinthOptions()}. */
        PlinthRuntime plinth() {
            return new PlinthRuntime(plinthArchive(), javaHome(), List.of(), plinthOptions());
        }

        String option(String option) {
            return options.get(option);
        }

        int integer(String option) {
            return Integer.parseInt(options.get(option).strip());
        }

        List<Integer> integers(String option) {
            return Arrays.stream(options.get(option).split(",")).map(String::strip).map(Integer::valueOf).toList();
        }
    }
}
