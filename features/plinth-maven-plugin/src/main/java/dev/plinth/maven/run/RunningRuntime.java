package dev.plinth.maven.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongFunction;

/**
 * Which Plinth runs on a home, found as {@code bin/plinth status} finds it: the process id in
 * {@code data/plinth.pid}, when that process is the launcher ({@code dev.plinth.framework.cli.Main}) with
 * {@code --home} and exactly this home (its real path, as the script passes it).
 */
final class RunningRuntime {

    static final String LAUNCHER = "dev.plinth.framework.cli.Main";

    private RunningRuntime() {
    }

    /** The process id of the Plinth running on {@code home}, or empty. */
    static OptionalLong on(Path home) throws IOException {
        return on(home, RunningRuntime::arguments);
    }

    /** As {@link #on(Path)}, with the arguments of a process ({@code arguments.apply(pid)}) given. */
    static OptionalLong on(Path home, LongFunction<Optional<List<String>>> arguments) throws IOException {
        Path pidFile = home.resolve("data").resolve("plinth.pid");
        if (!Files.isRegularFile(pidFile)) {
            return OptionalLong.empty();
        }
        String digits = Files.readString(pidFile, StandardCharsets.UTF_8).replaceAll("[^0-9]", "");
        if (digits.isEmpty() || digits.length() > 18) {
            return OptionalLong.empty();
        }
        long pid = Long.parseLong(digits);
        String expected = home.toRealPath().toString();
        Optional<List<String>> command = arguments.apply(pid);
        return command.isPresent() && launcherOn(command.get(), expected) ? OptionalLong.of(pid)
                : OptionalLong.empty();
    }

    private static boolean launcherOn(List<String> command, String home) {
        boolean main = false;
        for (int i = 0; i < command.size(); i++) {
            if (!main) {
                main = command.get(i).equals(LAUNCHER);
            } else if (command.get(i).equals(home) && command.get(i - 1).equals("--home")) {
                return true;
            }
        }
        return false;
    }

    /** The command line of a live process: {@code /proc/<pid>/cmdline} where there is one, else the JDK's. */
    private static Optional<List<String>> arguments(long pid) {
        if (Files.isDirectory(Path.of("/proc/self"))) {
            try {
                byte[] bytes = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
                return bytes.length == 0 ? Optional.empty()
                        : Optional.of(Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\0")));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::info).flatMap(info -> {
            List<String> command = new ArrayList<>();
            info.command().ifPresent(command::add);
            info.arguments().ifPresent(a -> command.addAll(Arrays.asList(a)));
            return command.isEmpty() ? Optional.empty() : Optional.of(command);
        });
    }
}
