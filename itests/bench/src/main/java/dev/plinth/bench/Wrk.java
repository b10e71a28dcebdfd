package dev.plinth.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load generator wrk (Debian's package {@code wrk}), installed by the harness when it runs as root on a
 * machine with apt-get and wrk is missing: its two threads drive many connections with epoll, so that the
 * load itself takes little of the machine. Its latency distribution is read from its output.
 */
final class Wrk {

    private static final Pattern PERCENTILE = Pattern.compile("^\\s*(\\d+)%\\s+([\\d.]+)(us|ms|s)\\s*$",
            Pattern.MULTILINE);
    private static final Pattern RATE = Pattern.compile("^Requests/sec:\\s+([\\d.]+)", Pattern.MULTILINE);

    /** What wrk measured: latency in microseconds by percentile (50, 75, 90, 99), and requests per second. */
    record Result(Map<Integer, Long> micros, double perSecond, String output) {
    }

    private final Path executable;

    private Wrk(Path executable) {
        this.executable = executable;
    }

    /** wrk from the PATH, installing Debian's package first when possible; empty when there is none. */
    static Optional<Wrk> find() throws IOException, InterruptedException {
        Optional<Path> found = onPath();
        if (found.isEmpty() && isRoot() && onPath("apt-get").isPresent()) {
            System.out.println("installing wrk (Debian package) for the REST benchmark");
            if (quietly(List.of("apt-get", "install", "-y", "-q", "wrk")) != 0) {
                quietly(List.of("apt-get", "update", "-q"));
                quietly(List.of("apt-get", "install", "-y", "-q", "wrk"));
            }
            found = onPath();
        }
        return found.map(Wrk::new);
    }

    /** Runs wrk against {@code url} with the headers, for {@code seconds}, and reads its figures. */
    Result run(URI url, List<String> headers, int threads, int connections, int seconds)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "-t" + threads, "-c" + connections,
                "-d" + seconds + "s", "--latency"));
        for (String header : headers) {
            command.add("-H");
            command.add(header);
        }
        command.add(url.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("wrk failed: " + output);
        }
        return parse(output);
    }

    static Result parse(String output) throws IOException {
        Map<Integer, Long> micros = new LinkedHashMap<>();
        Matcher percentile = PERCENTILE.matcher(output);
        while (percentile.find()) {
            double value = Double.parseDouble(percentile.group(2));
            double factor = switch (percentile.group(3)) {
                case "us" -> 1;
                case "ms" -> 1_000;
                default -> 1_000_000;
            };
            micros.put(Integer.parseInt(percentile.group(1)), Math.round(value * factor));
        }
        Matcher rate = RATE.matcher(output);
        if (!micros.containsKey(99) || !rate.find()) {
            throw new IOException("no latency distribution in wrk's output:\n" + output);
        }
        if (output.contains("Non-2xx or 3xx responses")) {
            throw new IOException("wrk saw answers other than 2xx:\n" + output);
        }
        return new Result(micros, Double.parseDouble(rate.group(1)), output);
    }

    private static Optional<Path> onPath() {
        return onPath("wrk");
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(":")) {
            Path candidate = Path.of(directory.isEmpty() ? "." : directory, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int quietly(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return process.waitFor(300, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }
}
