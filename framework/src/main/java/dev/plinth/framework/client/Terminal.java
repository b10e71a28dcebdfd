package dev.plinth.framework.client;

import java.io.Console;

/** Whether the launcher talks to a person at a terminal. */
public final class Terminal {

    private Terminal() {
    }

    /** Whether standard input and output are a terminal (JDK 22 and later also answer for redirected streams). */
    public static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
