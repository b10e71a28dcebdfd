package dev.plinth.fleet.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.plinth.api.fleet.Rollout;

/**
 * The checked values of {@link FleetConfiguration}. {@link #toString()} and {@link #location()} never show the
 * password.
 *
 * @param url the JDBC URL of the fleet's database
 * @param user the fleet's role
 * @param password its password
 * @param group this node's group
 * @param node this node's name
 * @param poll how often the node reads the desired state
 * @param stale how long a node may go unseen before it is shown stale
 * @param rollout the defaults of a publish
 */
public record FleetSettings(String url, String user, String password, String group, String node, Duration poll,
        Duration stale, Rollout rollout) {

    /** The pattern of group and node names. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    private static final Pattern URL = Pattern.compile(
            "jdbc:postgresql://(\\[[0-9a-fA-F:.]+\\]|[^:/?,\\[\\]]+)(?::(\\d{1,5}))?/([^?/]+)(\\?.*)?");

    /**
     * The settings of a configuration.
     *
     * @param hostName the host name, the node's name when the configuration gives none
     * @throws IllegalArgumentException naming the key that is missing or wrong
     */
    public static FleetSettings of(FleetConfiguration config, String hostName) {
        String url = strip(config.url());
        if (url.isEmpty()) {
            throw new IllegalArgumentException("the fleet needs url (jdbc:postgresql://host:port/database) in "
                    + FleetConfiguration.PID);
        }
        if (!URL.matcher(url).matches()) {
            throw new IllegalArgumentException("the fleet's url " + url + " is not of the form "
                    + "jdbc:postgresql://host[:port]/database");
        }
        String user = strip(config.user());
        if (user.isEmpty()) {
            throw new IllegalArgumentException("the fleet needs user (its role on the database) in "
                    + FleetConfiguration.PID);
        }
        if (config._password() == null) {
            throw new IllegalArgumentException("the fleet needs .password (of role " + user + ", as $[secret:NAME] or "
                    + "$[env:NAME]) in " + FleetConfiguration.PID);
        }
        String group = name("group", strip(config.group()).isEmpty() ? "default" : strip(config.group()));
        String node = strip(config.node());
        node = name("node", node.isEmpty() ? strip(hostName).toLowerCase(Locale.ROOT) : node);
        if (config.poll_seconds() < 1 || config.stale_seconds() < 1 || config.canary_seconds() < 1) {
            throw new IllegalArgumentException("the fleet's poll.seconds, stale.seconds and canary.seconds must be at "
                    + "least 1");
        }
        Rollout rollout = new Rollout(config.canaries(), config.canary_seconds(), config.auto_rollback())
                .orElse(new Rollout("1", null, null));
        Canaries.check(rollout.canaries());
        return new FleetSettings(url, user, config._password(), group, node,
                Duration.ofSeconds(config.poll_seconds()), Duration.ofSeconds(config.stale_seconds()), rollout);
    }

    /** Where the database is, for messages: {@code host:port/database}, never the password. */
    public String location() {
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            return url;
        }
        return m.group(1) + ":" + (m.group(2) == null ? "5432" : m.group(2)) + "/" + m.group(3);
    }

    @Override
    public String toString() {
        return "FleetSettings[" + user + "@" + location() + ", group " + group + ", node " + node + "]";
    }

    private static String name(String key, String value) {
        if (!NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("the fleet's " + key + " " + value + " is not a name of lower-case "
                    + "letters, digits, '.', '_' and '-' (at most 63, starting with a letter or digit)");
        }
        return value;
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }
}
