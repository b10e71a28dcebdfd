package dev.plinth.framework.client;

import java.util.List;

/**
 * The first frame of a connection to the runtime's socket: what the client asks for ({@link Frames#EXEC},
 * {@link Frames#LINES} or {@link Frames#CONSOLE}), its terminal's type and size, its flags, its working directory
 * (against which the commands resolve relative file names; empty: the runtime's) and, for exec, the program. Fields
 * are separated by NUL characters; the program comes last and may hold any character.
 */
public record Hello(String mode, String terminalType, int columns, int rows, String flags, String directory,
        String program) {

    private static final char SEPARATOR = '\0';

    public boolean hasFlag(String flag) {
        return flags.contains(flag);
    }

    public String encode() {
        return String.join(String.valueOf(SEPARATOR), List.of(mode, terminalType, Integer.toString(columns),
                Integer.toString(rows), flags, directory, program));
    }

    /** The HELLO a client sent; a malformed one gets the defaults of its missing fields. */
    public static Hello parse(String text) {
        String[] fields = text.split(String.valueOf(SEPARATOR), 7);
        return new Hello(field(fields, 0, ""), field(fields, 1, "dumb"), number(field(fields, 2, "80"), 80),
                number(field(fields, 3, "24"), 24), field(fields, 4, ""), field(fields, 5, ""), field(fields, 6, ""));
    }

    private static String field(String[] fields, int index, String otherwise) {
        return index < fields.length ? fields[index] : otherwise;
    }

    private static int number(String text, int otherwise) {
        try {
            int value = Integer.parseInt(text);
            return value > 0 && value < 10_000 ? value : otherwise;
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
