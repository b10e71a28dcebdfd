package dev.plinth.shell.internal;

import java.util.List;

import org.apache.felix.gogo.jline.Shell;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/**
 * {@code exit} and {@code shutdown} in an attached console: {@code exit} detaches (Plinth keeps running),
 * {@code shutdown} asks for a confirmation, then stops Plinth.
 */
final class ConsoleExits {

    private ConsoleExits() {
    }

    static void install(CommandSession session, Shell shell, BundleContext context) {
        session.put("exit", (Function) (s, arguments) -> detach(shell));
        session.put("shutdown", (Function) (s, arguments) -> shutdown(s, shell, context, arguments));
    }

    private static Object detach(Shell shell) {
        shell.stop();
        return null;
    }

    private static Object shutdown(CommandSession session, Shell shell, BundleContext context,
            List<Object> arguments) {
        boolean confirmed = arguments.contains("-y") || arguments.contains("--yes") || confirm(session);
        if (!confirmed) {
            return "Plinth keeps running.";
        }
        shell.stop();
        Thread stopper = new Thread(() -> {
            try {
                context.getBundle(0).stop();
            } catch (BundleException e) {
                // the framework reports its own failure to stop
            }
        }, "plinth shutdown");
        stopper.start();
        return "Stopping Plinth.";
    }

    private static boolean confirm(CommandSession session) {
        LineReader reader = (LineReader) session.get(Shell.VAR_READER);
        if (reader == null) {
            return false;
        }
        try {
            String answer = reader.readLine("Stop Plinth for everyone? [y/N] ").strip();
            return answer.equalsIgnoreCase("y") || answer.equalsIgnoreCase("yes");
        } catch (UserInterruptException | EndOfFileException e) {
            return false;
        }
    }
}
