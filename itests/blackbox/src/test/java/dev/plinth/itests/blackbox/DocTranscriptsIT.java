package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every transcript of README.md and docs/ ({@link DocTranscript}) run against a fresh runtime and compared with
 * what the document shows: console transcripts through piped input, shell transcripts ({@code $ bin/plinth ...})
 * against the runtime started in the background. One runtime per document, its transcripts in document order.
 */
class DocTranscriptsIT {

    private static final String END = "doc-step-end-";

    @TempDir
    Path work;

    @Test
    void theDocumentsHaveTranscripts() throws IOException {
        assertTrue(documents().stream().mapToLong(d -> uncheckedSteps(d).size()).sum() > 20,
                "transcripts found in " + documents());
    }

    @TestFactory
    Stream<DynamicTest> everyTranscriptShowsWhatTheRuntimePrints() throws IOException {
        return documents().stream().filter(d -> !uncheckedSteps(d).isEmpty())
                .map(d -> DynamicTest.dynamicTest(root().relativize(d).toString(), () -> check(d)));
    }

    private void check(Path document) throws Exception {
        List<DocTranscript.Step> steps = DocTranscript.steps(document);
        Path home = Distribution.unpack(Files.createDirectories(work.resolve(document.getFileName().toString())));
        Plinth plinth = new Plinth(home);
        List<String> mismatches = new ArrayList<>();
        List<DocTranscript.Step> console = new ArrayList<>();
        List<DocTranscript.Step> shell = new ArrayList<>();
        for (DocTranscript.Step step : steps) {
            switch (step.prompt()) {
                case DocTranscript.CONSOLE -> console.add(step);
                case DocTranscript.SHELL -> shell.add(step);
                default -> {
                    runConsoleSteps(document, plinth, console, mismatches);
                    setUp(plinth, step);
                }
            }
        }
        runConsoleSteps(document, plinth, console, mismatches);
        if (!shell.isEmpty()) {
            compare(document, plinth, shell, runShell(plinth, shell), mismatches);
        }
        assertEquals("", String.join("\n", mismatches), "transcripts of " + document + " differ from the runtime");
    }

    private static void runConsoleSteps(Path document, Plinth plinth, List<DocTranscript.Step> console,
            List<String> mismatches) throws Exception {
        if (!console.isEmpty()) {
            compare(document, plinth, console, runConsole(plinth, console), mismatches);
            console.clear();
        }
    }

    private static void setUp(Plinth plinth, DocTranscript.Step step) throws Exception {
        if (step.prompt().equals(DocTranscript.FILE)) {
            Files.writeString(plinth.home().resolve(step.command()), String.join("\n", step.expected()) + "\n");
            return;
        }
        Plinth.Running running = plinth.startWrapped("sh", "-c", "cd \"$0\" && " + step.command(),
                plinth.home().toString());
        running.closeInput();
        Plinth.Result result = running.await(Plinth.BOUND);
        assertEquals(0, result.exit(), "set-up at line " + step.line() + ": " + step.command() + "\n" + result);
    }

    private static String runConsole(Plinth plinth, List<DocTranscript.Step> steps) throws Exception {
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < steps.size(); i++) {
            input.append(steps.get(i).typed()).append('\n').append("echo ").append(END).append(i).append('\n');
        }
        Plinth.Running running = plinth.startWrapped("sh", "-c", "exec \"$0\" 2>&1",
                plinth.home().resolve("bin/plinth").toString());
        running.write(input.toString());
        running.closeInput();
        Plinth.Result result = running.await(Plinth.BOUND);
        return result.out();
    }

    private static String runShell(Plinth plinth, List<DocTranscript.Step> steps) throws Exception {
        int port = RestRuntime.freePort();
        plinth.env("PLINTH_OPTS", "-Dorg.osgi.service.http.port=" + port);
        Plinth.Result started = plinth.run(null, "start");
        assertEquals(0, started.exit(), started.toString());
        assertFalse(started.out().contains("WARNING") || started.err().contains("WARNING"),
                "the transcripts' runtime starts without a warning: " + started);
        try {
            StringBuilder script = new StringBuilder("cd \"$0\"\n");
            for (int i = 0; i < steps.size(); i++) {
                script.append(steps.get(i).typed()).append(" 2>&1\n__status=$?\necho ").append(END).append(i)
                        .append("\n(exit $__status)\n");
            }
            Plinth.Running running = plinth.startWrapped("sh", "-c", script.toString(), plinth.home().toString());
            running.closeInput();
            return running.await(Plinth.BOUND).out();
        } finally {
            Plinth.Result stopped = plinth.run(null, "stop");
            assertEquals(0, stopped.exit(), stopped.toString());
        }
    }

    private static void compare(Path document, Plinth plinth, List<DocTranscript.Step> steps, String output,
            List<String> mismatches) {
        String shown = output.replace(plinth.home().toString(), DocTranscript.DOCUMENTED_HOME);
        List<String> lines = Arrays.asList(shown.split("\n", -1));
        int from = 0;
        for (int i = 0; i < steps.size(); i++) {
            DocTranscript.Step step = steps.get(i);
            int end = lines.indexOf(END + i);
            if (end < 0) {
                mismatches.add(document.getFileName() + ":" + step.line() + ": no output for " + step.command()
                        + "\n" + output);
                return;
            }
            List<String> actual = withoutConsoleNoise(lines.subList(from, end), i == 0);
            if (!DocTranscript.matches(step.expected(), actual)) {
                mismatches.add(document.getFileName() + ":" + step.line() + ": " + step.prompt() + step.command()
                        + "\n  the document shows:\n    " + String.join("\n    ", step.expected())
                        + "\n  the runtime printed:\n    " + String.join("\n    ", actual));
            }
            from = end + 1;
        }
    }

    /** The ready line before the first command is the start's, not the command's. */
    private static List<String> withoutConsoleNoise(List<String> lines, boolean first) {
        if (!first) {
            return lines;
        }
        return lines.stream().filter(line -> !Plinth.READY.matcher(line).find()).toList();
    }

    private static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>();
        documents.add(root().resolve("README.md"));
        try (Stream<Path> docs = Files.list(root().resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        assertFalse(documents.isEmpty());
        return documents;
    }

    private static List<DocTranscript.Step> uncheckedSteps(Path document) {
        try {
            return DocTranscript.steps(document);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The project's root: the first folder upwards with README.md and docs/. */
    private static Path root() {
        Path folder = Path.of("").toAbsolutePath();
        while (folder != null && !(Files.isRegularFile(folder.resolve("README.md"))
                && Files.isDirectory(folder.resolve("docs")))) {
            folder = folder.getParent();
        }
        if (folder == null) {
            throw new IllegalStateException("no project root above " + Path.of("").toAbsolutePath());
        }
        return folder;
    }
}
