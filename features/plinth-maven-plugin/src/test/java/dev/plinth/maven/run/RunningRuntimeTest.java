package dev.plinth.maven.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunningRuntimeTest {

    @TempDir
    Path dir;

    Path home;

    @BeforeEach
    void home() throws IOException {
        home = Files.createDirectories(dir.resolve("plinth/data")).getParent().toRealPath();
    }

    private List<String> launcher(Path on) {
        return List.of("/usr/bin/java", "-Dplinth.data=" + on.resolve("data"), "-cp", "lib/plinth-framework.jar",
                RunningRuntime.LAUNCHER, "--home", on.toString(), "daemon");
    }

    @Test
    void theLauncherOfThisHomeNamedInThePidFileRuns() throws IOException {
        Files.writeString(home.resolve("data/plinth.pid"), "4242\n");

        assertEquals(OptionalLong.of(4242), RunningRuntime.on(home, pid -> pid == 4242
                ? Optional.of(launcher(home)) : Optional.empty()));
    }

    @Test
    void aHomeWithoutPidFileOrWithAnEmptyOneHasNoRuntime() throws IOException {
        assertEquals(OptionalLong.empty(), RunningRuntime.on(home, pid -> Optional.of(launcher(home))));
        Files.writeString(home.resolve("data/plinth.pid"), "");
        assertEquals(OptionalLong.empty(), RunningRuntime.on(home, pid -> Optional.of(launcher(home))));
    }

    @Test
    void aPidOfAnEndedProcessOrOfAnotherProgramOrOfAnotherHomesLauncherIsNoRuntime() throws IOException {
        Files.writeString(home.resolve("data/plinth.pid"), "4242");

        assertEquals(OptionalLong.empty(), RunningRuntime.on(home, pid -> Optional.empty()));
        assertEquals(OptionalLong.empty(), RunningRuntime.on(home,
                pid -> Optional.of(List.of("vim", "--home", home.toString()))));
        assertEquals(OptionalLong.empty(), RunningRuntime.on(home,
                pid -> Optional.of(launcher(dir.resolve("other")))));
    }

    @Test
    void aLiveProcessWithTheLaunchersArgumentsIsFoundAndNotOnceItEnded() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sh", "-c", "read line", RunningRuntime.LAUNCHER, "--home",
                home.toString()).start();
        try {
            Files.writeString(home.resolve("data/plinth.pid"), Long.toString(process.pid()));

            assertEquals(OptionalLong.of(process.pid()), RunningRuntime.on(home));
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        assertEquals(OptionalLong.empty(), RunningRuntime.on(home));
    }

    @Test
    void thisJvmIsNoRuntime() throws IOException {
        Files.writeString(home.resolve("data/plinth.pid"), Long.toString(ProcessHandle.current().pid()));

        assertEquals(OptionalLong.empty(), RunningRuntime.on(home));
    }
}
