package dev.plinth.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Start time and memory of Plinth beside bare Felix with the Gogo shell, in the same run on the same
 * machine: for each, a first boot on a fresh home and a restart on the home the first boot left.
 * Ready means the runtime's own ready signal (Plinth's ready line, Gogo's prompt); peak RSS is the
 * process's high-water mark two seconds later.
 */
public final class StartupBench {

    private StartupBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args, Map.of("--work", "target/bench", "--runs", "5",
                "--java", System.getProperty("java.home"), Options.ONLY, "all"));
        if (!Options.selected(options, "startup")) {
            System.out.println("startup benchmark skipped (bench.only=" + options.get(Options.ONLY) + ")");
            return;
        }
        Path work = Path.of(options.get("--work")).toAbsolutePath();
        int runs = Integer.parseInt(options.get("--runs"));
        Path javaHome = Path.of(options.get("--java"));
        Path inputs = work.resolve("inputs");

        List<Runtime> runtimes = List.of(new PlinthRuntime(inputs.resolve("plinth.tar.gz"), javaHome),
                FelixRuntime.withGogo(inputs.resolve("felix-main.jar"), inputs.resolve("felix-bundles"), javaHome));
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        for (int run = 1; run <= runs; run++) {
            for (Runtime runtime : runtimes) {
                Path home = Files.createDirectories(work.resolve("runs").resolve(runtime.name() + "-" + run));
                Measure.deleteContents(home);
                runtime.prepare(home);
                samples.computeIfAbsent(runtime.name() + " | first boot", k -> new ArrayList<>())
                        .add(Measure.start(runtime, home, Duration.ofSeconds(120)));
                samples.computeIfAbsent(runtime.name() + " | restart", k -> new ArrayList<>())
                        .add(Measure.start(runtime, home, Duration.ofSeconds(120)));
            }
            System.out.println("run " + run + "/" + runs + " done");
        }
        Report.print(System.out, "Startup: " + runs + " runs each, " + java.lang.Runtime.getRuntime()
                .availableProcessors() + " cores, " + Measure.javaVersion(javaHome), samples);
    }
}
