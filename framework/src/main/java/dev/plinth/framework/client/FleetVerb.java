package dev.plinth.framework.client;

import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code bin/plinth fleet SUBCOMMAND ...} as the {@code fleet:} shell command of the same job: {@code status},
 * {@code nodes}, {@code history}, {@code publish}, {@code rollback}, {@code show} and {@code forget}. As for
 * {@link CliVerb}, only the words are checked here (a wrong one is a usage error, status 2); the runtime answers
 * everything else, a runtime of no fleet among it.
 */
final class FleetVerb {

    static final String USAGE = String.join(System.lineSeparator(),
            "  fleet status [--json] | fleet nodes [--json]   the fleet's generation, rollout and nodes",
            "  fleet history [-n N] [--json]            the fleet's generations, newest first (20 unless -n)",
            "  fleet publish [--dry-run] [--canaries N|N%] [--canary-seconds S] [--[no-]auto-rollback] [--base N] FILE",
            "                                           publish a plugin set file as the fleet's next generation",
            "  fleet rollback [--dry-run] [--base N]    republish the last good generation, to every node at once",
            "  fleet show [--json] N                    one generation with its plugin set",
            "  fleet forget NODE                        remove a node that left the group from the status");

    private static final List<String> SUBCOMMANDS = List.of("status", "nodes", "history", "publish", "rollback",
            "show", "forget");
    private static final Pattern CANARIES = Pattern.compile("[0-9]{1,6}%?");

    private FleetVerb() {
    }

    /**
     * The Gogo program for the words after {@code bin/plinth fleet}.
     *
     * @throws IllegalArgumentException saying what is wrong with the words
     */
    static String program(List<String> words) {
        if (words.isEmpty()) {
            throw new IllegalArgumentException("fleet takes one of " + String.join(", ", SUBCOMMANDS));
        }
        String command = words.get(0);
        if (!SUBCOMMANDS.contains(command)) {
            throw new IllegalArgumentException("unknown command fleet " + command + "; fleet takes one of "
                    + String.join(", ", SUBCOMMANDS));
        }
        String verb = "fleet " + command;
        StringBuilder program = new StringBuilder("fleet:").append(command);
        StringBuilder operands = new StringBuilder();
        int count = 0;
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "--json" -> option(program, verb, word, "--json", "status", "nodes", "history", "show");
                case "--dry-run", "-s", "--simulate" -> option(program, verb, word, "--simulate", "publish",
                        "rollback");
                case "--auto-rollback" -> option(program, verb, word, "--auto-rollback", "publish");
                case "--no-auto-rollback" -> option(program, verb, word, "--no-auto-rollback", "publish");
                case "-n" -> {
                    option(program, verb, word, "-n", "history");
                    program.append(' ').append(number(value(words, ++i, word), word, 1, 1000));
                }
                case "--canary-seconds" -> {
                    option(program, verb, word, word, "publish");
                    program.append(' ').append(number(value(words, ++i, word), word, 1, Integer.MAX_VALUE));
                }
                case "--base" -> {
                    option(program, verb, word, word, "publish", "rollback");
                    program.append(' ').append(number(value(words, ++i, word), word, 0, Long.MAX_VALUE));
                }
                case "--canaries" -> {
                    option(program, verb, word, word, "publish");
                    String canaries = value(words, ++i, word);
                    if (!CANARIES.matcher(canaries).matches()) {
                        throw new IllegalArgumentException("--canaries needs a count (2), a share of the nodes "
                                + "(20%) or 0, not " + canaries);
                    }
                    program.append(' ').append(CliVerb.quoted(canaries, i + 1));
                }
                default -> {
                    if (word.length() > 1 && word.charAt(0) == '-') {
                        throw new IllegalArgumentException(verb + " has no option " + word);
                    }
                    operands.append(' ').append(CliVerb.quoted(word, i + 1));
                    count++;
                }
            }
        }
        String wanted = switch (command) {
            case "publish" -> count == 1 ? null : "a plugin set file";
            case "forget" -> count == 1 ? null : "a node name";
            case "show" -> count == 1 && operands.toString().strip().matches("[1-9][0-9]{0,17}") ? null
                    : "a generation number";
            default -> count == 0 ? null : "no arguments";
        };
        if (wanted != null) {
            throw new IllegalArgumentException(verb + " takes " + wanted);
        }
        return program.append(operands).toString();
    }

    private static void option(StringBuilder program, String verb, String word, String shellOption,
            String... commands) {
        if (List.of(commands).contains(verb.substring("fleet ".length()))) {
            program.append(' ').append(shellOption);
            return;
        }
        throw new IllegalArgumentException(verb + " has no option " + word);
    }

    private static String value(List<String> words, int index, String option) {
        if (index >= words.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return words.get(index);
    }

    private static long number(String text, String option, long min, long max) {
        try {
            long number = Long.parseLong(text);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException(option + " needs a number from " + min
                + (max == Long.MAX_VALUE || max == Integer.MAX_VALUE ? " on" : " to " + max) + ", not " + text);
    }
}
