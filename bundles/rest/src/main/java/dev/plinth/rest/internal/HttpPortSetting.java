package dev.plinth.rest.internal;

import java.io.IOException;
import java.lang.reflect.Array;
import java.util.Dictionary;
import java.util.Optional;
import java.util.StringJoiner;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Where the HTTP server was asked to listen, as Felix HTTP reads it: a property of its configuration ({@value #PID},
 * from a file of {@code etc/} or set at runtime) wins over the framework property of the same name; without either,
 * Jetty's default port, 8080. Felix HTTP takes a number (negative: HTTP off), {@code *} or {@code 0} for any free
 * port, or a range such as {@code [8000,9000)}; a value it cannot read, it silently replaces by 8080.
 */
record HttpPortSetting(String host, String port, String source) {

    static final String PORT = "org.osgi.service.http.port";
    static final String HOST = "org.apache.felix.http.host";
    static final int JETTY_DEFAULT = 8080;
    private static final String PID = HttpConfigurationDefault.PID;

    /** The setting now; {@code configurationAdmin} null when Configuration Admin is not there (yet). */
    static HttpPortSetting of(BundleContext context, ConfigurationAdmin configurationAdmin) {
        Dictionary<String, Object> configured = configured(configurationAdmin);
        Object port = configured == null ? null : configured.get(PORT);
        Object host = configured == null ? null : configured.get(HOST);
        String source = port != null ? "the configuration " + PID : "the framework property";
        return new HttpPortSetting(text(host != null ? host : context.getProperty(HOST)),
                text(port != null ? port : context.getProperty(PORT)), source);
    }

    private static Dictionary<String, Object> configured(ConfigurationAdmin configurationAdmin) {
        if (configurationAdmin == null) {
            return null;
        }
        try {
            Configuration[] found = configurationAdmin.listConfigurations("(service.pid=" + PID + ")");
            return found == null || found.length == 0 ? null : found[0].getProperties();
        } catch (IOException | InvalidSyntaxException | IllegalStateException e) {
            return null;
        }
    }

    /**
     * A property's value as text: an array (a {@code .cfg.json} may give one) as its elements in braces, which Felix
     * HTTP cannot read as a port, as it cannot read an array.
     */
    static String text(Object value) {
        if (value != null && value.getClass().isArray()) {
            StringJoiner elements = new StringJoiner(", ", "{", "}");
            for (int i = 0; i < Array.getLength(value); i++) {
                elements.add(String.valueOf(Array.get(value, i)));
            }
            return elements.toString();
        }
        return value == null ? null : String.valueOf(value).strip();
    }

    /** Whether the port turns HTTP off: a number not above 0 other than {@code 0} itself, as Felix HTTP takes it. */
    boolean off() {
        Integer number = number(port);
        return number != null && number <= 0 && !port.equals("0");
    }

    /** Why the server does not listen, for the message naming the address. */
    String notListening(String server) {
        if (unreadable()) {
            return "the HTTP server does not listen: its port is \"" + port + "\" (" + PORT + ", in " + source
                    + "), which Felix HTTP cannot read, and " + server + " could not open Jetty's default, "
                    + JETTY_DEFAULT + ", instead (in use?)";
        }
        Integer number = number(port);
        return "the HTTP server does not listen on " + address() + ": " + server + " could not open the port"
                + (number != null && number > 65535 ? " (a port is at most 65535)" : " (in use?)");
    }

    /**
     * Why the server listens on {@code listening} although it was not asked to: Jetty's default, because Felix HTTP
     * could not read the port it was given. Empty when it could.
     */
    Optional<String> fellBack(int listening) {
        if (listening != JETTY_DEFAULT || !unreadable()) {
            return Optional.empty();
        }
        return Optional.of("the HTTP server's port is \"" + port + "\" (" + PORT + ", in " + source + "), which "
                + "Felix HTTP cannot read: it listens on Jetty's default, " + JETTY_DEFAULT + ", instead; give a "
                + "port number, * or 0 for any free port, or a range such as [8000,9000)");
    }

    /**
     * Whether Felix HTTP, given this port, listens on Jetty's default instead: a value that is no number, no
     * {@code *} and no range holding 8080 (a word, an array, an empty value, a range that ends before it starts).
     */
    private boolean unreadable() {
        return port != null && number(port) == null && !port.equals("*") && !rangeHolds(JETTY_DEFAULT);
    }

    /** Whether the port is a range such as {@code [8000,9000)} that holds {@code candidate}, as Felix HTTP reads it. */
    private boolean rangeHolds(int candidate) {
        int comma = port.indexOf(',');
        if (port.length() < 3 || comma < 0 || "[(".indexOf(port.charAt(0)) < 0
                || "])".indexOf(port.charAt(port.length() - 1)) < 0) {
            return false;
        }
        String interval = port.substring(1, port.length() - 1);
        comma = interval.indexOf(',');
        int start = bound(interval.substring(0, comma), 1) + (port.charAt(0) == '(' ? 1 : 0);
        int end = bound(interval.substring(comma + 1), 65535) - (port.endsWith(")") ? 1 : 0);
        return start <= candidate && candidate <= end;
    }

    private static int bound(String text, int missing) {
        Integer number = number(text);
        return text.isEmpty() || number == null ? missing : number;
    }

    private static Integer number(String text) {
        try {
            return text == null ? null : Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The address, for messages: "127.0.0.1 port 8181". */
    String address() {
        return (host == null || host.isEmpty() ? "every interface" : host) + " port "
                + (port == null ? String.valueOf(JETTY_DEFAULT) : port.isEmpty() ? "\"\"" : port);
    }
}
