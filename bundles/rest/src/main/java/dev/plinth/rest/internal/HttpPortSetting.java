package dev.plinth.rest.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Optional;
import java.util.regex.Pattern;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Where the HTTP server is to listen, as Felix HTTP reads it: a property of its configuration ({@value #PID}, from a
 * file of {@code etc/} or set at runtime) wins over the framework property of the same name; without either, port
 * 8080 on every interface. A port is a number from 0 to 65535 (0: any free port), {@code *}, or a range such as
 * {@code [8000,9000)}; a negative number turns HTTP off; anything else Felix HTTP would silently replace by 8080.
 */
record HttpPortSetting(String host, String port, String source) {

    static final String PORT = "org.osgi.service.http.port";
    static final String HOST = "org.apache.felix.http.host";
    private static final String PID = HttpConfigurationDefault.PID;
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]{1,10}");
    private static final Pattern RANGE = Pattern.compile("[\\[(]([0-9]{0,5}),([0-9]{0,5})[\\])]");

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

    private static String text(Object value) {
        return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value).strip();
    }

    /** Whether the port turns HTTP off (a negative number, as Felix HTTP takes it). */
    boolean off() {
        return port != null && NUMBER.matcher(port).matches() && port.startsWith("-");
    }

    /** Why the port is no port Felix HTTP can listen on; empty when it is one (or turns HTTP off). */
    Optional<String> problem() {
        if (port == null || port.equals("*") || off()) {
            return Optional.empty();
        }
        if (NUMBER.matcher(port).matches()) {
            return Long.parseLong(port) <= 65535 ? Optional.empty() : Optional.of(wrong());
        }
        var range = RANGE.matcher(port);
        if (range.matches() && inRange(range.group(1)) && inRange(range.group(2))) {
            return Optional.empty();
        }
        return Optional.of(wrong());
    }

    private static boolean inRange(String bound) {
        return bound.isEmpty() || Integer.parseInt(bound) <= 65535;
    }

    private String wrong() {
        return "the HTTP server's port is \"" + port + "\" (" + PORT + ", in " + source + "): not a port number "
                + "from 0 to 65535, * or a range such as [8000,9000)";
    }

    /** The address, for messages: "127.0.0.1 port 8181". */
    String address() {
        return (host == null ? "every interface" : host) + " port " + (port == null ? "8080" : port);
    }
}
