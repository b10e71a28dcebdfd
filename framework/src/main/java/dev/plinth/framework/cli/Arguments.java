package dev.plinth.framework.cli;

import java.nio.file.Path;
import java.util.List;

import dev.plinth.framework.ExitStatus;
import dev.plinth.framework.PlinthException;

/** The launcher's command line: {@code [--home DIR] [--clean] [console|batch|daemon|exec COMMANDS...]}. */
record Arguments(Path home, boolean clean, Mode mode, String commands, boolean help) {

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: plinth [--home DIR] [--clean] [console | batch | daemon | exec COMMANDS...]",
            "  console        run with the interactive Gogo console (the default on a terminal)",
            "  batch          run the commands read from standard input, one a line, then stop",
            "  daemon         run without a console until stopped by a signal",
            "  exec COMMANDS  run the Gogo commands once the runtime is ready, then stop",
            "  --home DIR     the Plinth home (default: the folder above lib/)",
            "  --clean        discard the framework cache before starting; nothing else is touched");

    static Arguments parse(List<String> args, Path defaultHome, boolean terminal) {
        Path home = defaultHome;
        boolean clean = false;
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-")) {
            String option = args.get(i);
            switch (option) {
                case "--clean" -> clean = true;
                case "--home" -> {
                    if (i + 1 >= args.size()) {
                        throw usage("--home needs a directory");
                    }
                    home = Path.of(args.get(++i));
                }
                case "-h", "--help" -> {
                    return new Arguments(home, clean, Mode.CONSOLE, "", true);
                }
                default -> throw usage("unknown option " + option);
            }
            i++;
        }
        if (i == args.size()) {
            return new Arguments(home, clean, terminal ? Mode.CONSOLE : Mode.BATCH, "", false);
        }
        String verb = args.get(i);
        List<String> rest = args.subList(i + 1, args.size());
        Mode mode = switch (verb) {
            case "console" -> Mode.CONSOLE;
            case "batch" -> Mode.BATCH;
            case "daemon" -> Mode.DAEMON;
            case "exec" -> Mode.EXEC;
            default -> throw usage("unknown command " + verb);
        };
        if (mode == Mode.EXEC) {
            String commands = String.join(" ", rest).trim();
            if (commands.isEmpty()) {
                throw usage("exec needs the commands to run, for example: plinth exec 'lb'");
            }
            return new Arguments(home, clean, mode, commands, false);
        }
        if (!rest.isEmpty()) {
            throw usage(verb + " takes no arguments");
        }
        return new Arguments(home, clean, mode, "", false);
    }

    private static PlinthException usage(String problem) {
        return new PlinthException(ExitStatus.USAGE, problem + System.lineSeparator() + USAGE);
    }

    /** How the launcher talks to the operator once the runtime is up. */
    enum Mode {
        CONSOLE, BATCH, DAEMON, EXEC;

        /** Whether shell commands' output goes to standard output, so status lines go to standard error. */
        boolean commandsOnStdout() {
            return this == BATCH || this == EXEC;
        }
    }
}
