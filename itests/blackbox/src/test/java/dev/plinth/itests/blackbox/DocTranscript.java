package dev.plinth.itests.blackbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The transcripts of one Markdown document: fenced blocks without a language that show console commands
 * ({@code plinth> }) or shell commands ({@code $ }) and what they print. A command's output is the lines up to the
 * next prompt or the end of the block, compared after {@link #normalise} with two allowances: a line {@code ...}
 * stands for any number of lines, and a line ending in {@code ...} for a line that starts with what comes before.
 * Lines of a block before its first prompt are not compared (the console's greeting, say). A comment
 * {@code <!-- transcript-setup: COMMAND -->} outside the blocks runs COMMAND in the home at that point, between two
 * runs of the runtime (copying a jar into {@code deploy/}, say); {@code <!-- transcript-file: NAME -->} before a
 * block writes the block to the file NAME of the home at that point. The home is shown as
 * {@value #DOCUMENTED_HOME}.
 */
final class DocTranscript {

    static final String CONSOLE = "plinth> ";
    static final String SHELL = "$ ";
    /** A shell command run in the home while no runtime runs, written as an HTML comment between blocks. */
    static final String SETUP = "<!-- transcript-setup: ";
    /** Writes the next fenced block, whatever its language, to a file of the home, written as an HTML comment. */
    static final String FILE = "<!-- transcript-file: ";
    /** Where the documents say the home is; the real home is written so before comparing. */
    static final String DOCUMENTED_HOME = "/opt/plinth";

    private static final Pattern TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?");
    private static final Pattern MILLIS = Pattern.compile("\\b\\d+ ms\\b");
    private static final Pattern COMMENT = Pattern.compile("\\s+#\\s.*$");

    /** One command of a transcript and the output the document shows for it. */
    record Step(String prompt, String command, int line, List<String> expected) {

        /** The command as typed, without a trailing {@code # comment}. */
        String typed() {
            return COMMENT.matcher(command).replaceFirst("");
        }
    }

    private DocTranscript() {
    }

    /** The steps of every transcript of the document, in order. */
    static List<Step> steps(Path document) throws IOException {
        List<String> lines = Files.readAllLines(document, StandardCharsets.UTF_8);
        List<Step> steps = new ArrayList<>();
        boolean inBlock = false;
        boolean plainBlock = false;
        Step current = null;
        Step file = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("```")) {
                if (!inBlock) {
                    inBlock = true;
                    plainBlock = line.strip().equals("```") && file == null;
                } else {
                    inBlock = false;
                    current = null;
                    file = null;
                }
                continue;
            }
            if (inBlock && file != null) {
                file.expected().add(line);
                continue;
            }
            if (!inBlock && line.startsWith(FILE) && line.endsWith("-->")) {
                file = new Step(FILE, line.substring(FILE.length(), line.length() - 3).strip(), i + 1,
                        new ArrayList<>());
                steps.add(file);
                current = null;
                continue;
            }
            if (!inBlock && line.startsWith(SETUP) && line.endsWith("-->")) {
                steps.add(new Step(SETUP, line.substring(SETUP.length(), line.length() - 3).strip(), i + 1,
                        List.of()));
                current = null;
                continue;
            }
            if (!inBlock || !plainBlock) {
                continue;
            }
            String prompt = line.startsWith(CONSOLE) ? CONSOLE : line.startsWith(SHELL) ? SHELL : null;
            if (prompt != null) {
                current = new Step(prompt, line.substring(prompt.length()).strip(), i + 1, new ArrayList<>());
                steps.add(current);
            } else if (current != null) {
                current.expected().add(line);
            }
        }
        return steps;
    }

    /** Times, durations and trailing blanks made comparable. */
    static String normalise(String line) {
        String text = TIME.matcher(line).replaceAll("<time>");
        text = MILLIS.matcher(text).replaceAll("<n> ms");
        return text.stripTrailing();
    }

    /** Whether {@code actual} is what {@code expected} shows, with the allowances above. */
    static boolean matches(List<String> expected, List<String> actual) {
        return matches(expected.stream().map(DocTranscript::normalise).toList(), 0,
                actual.stream().map(DocTranscript::normalise).toList(), 0);
    }

    private static boolean matches(List<String> expected, int e, List<String> actual, int a) {
        if (e == expected.size()) {
            return a == actual.size();
        }
        String wanted = expected.get(e);
        if (wanted.strip().equals("...")) {
            for (int skip = a; skip <= actual.size(); skip++) {
                if (matches(expected, e + 1, actual, skip)) {
                    return true;
                }
            }
            return false;
        }
        if (a == actual.size()) {
            return false;
        }
        String line = actual.get(a);
        boolean same = wanted.endsWith("...")
                ? line.startsWith(wanted.substring(0, wanted.length() - 3).stripTrailing())
                : line.equals(wanted);
        return same && matches(expected, e + 1, actual, a + 1);
    }
}
