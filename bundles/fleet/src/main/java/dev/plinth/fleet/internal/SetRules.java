package dev.plinth.fleet.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.catalog.PluginSet;

/**
 * What a plugin set must be to travel through the fleet's database, checked at publish (and its dry run) and by every
 * node before it applies a generation it read: each plugin listed once, at most {@value #MAX_BYTES} bytes as JSON,
 * and no secret in its settings. A secret is a value of a private key (one starting with {@code .}: the key of a
 * metatype {@code PASSWORD} attribute declared {@code _name()}, which is how Plinth's secrets are named), of a
 * {@code PASSWORD} attribute of the plugin as installed on the checking node (as {@code plugin:export} decides), and
 * any value holding a reference Configuration Admin resolves on delivery ({@code $[env:...]}, {@code $[secret:...]},
 * {@code $[prop:...]}, {@code $[conf:...]}, anything starting {@code $[}), which each node would resolve with its own
 * environment and secrets into a plain setting. The names of the secrets a set lists ({@code secrets}) are allowed:
 * each node is given its own. Messages name the plugin, the PID and the key, never the value.
 */
final class SetRules {

    /** The largest plugin set a generation carries, as JSON: the REST API's limit of a request's body. */
    static final int MAX_BYTES = 1 << 20;

    /** The start of a reference Configuration Admin's interpolation plugin resolves. */
    static final String REFERENCE = "$[";

    private SetRules() {
    }

    /**
     * Refuses a set with a plugin listed twice, larger than {@value #MAX_BYTES} bytes, or with a secret in its
     * settings ({@link Code#INVALID_INPUT}); {@code refused} ends the message (what was not done).
     */
    static void check(PluginSet plugins, LocalRuntime runtime, String refused) throws PluginException {
        Set<String> seen = new HashSet<>();
        Set<String> twice = new LinkedHashSet<>();
        for (PluginSet.Member member : plugins.plugins()) {
            if (!seen.add(member.id())) {
                twice.add(Printable.of(member.id()));
            }
        }
        if (!twice.isEmpty()) {
            throw new PluginException(Code.INVALID_INPUT, "the plugin set lists " + String.join(", ", twice)
                    + " more than once: " + refused);
        }
        List<String> secrets = secrets(plugins, runtime);
        if (!secrets.isEmpty()) {
            throw new PluginException(Code.INVALID_INPUT, "the plugin set gives secrets, which a fleet never "
                    + "carries: " + String.join("; ", secrets) + ". Set each node's own secret on the node "
                    + "(plugin:set), and list only its name in the set's \"secrets\" (docs/fleet.md): " + refused,
                    secrets, null);
        }
        int bytes = Json.write(plugins).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new PluginException(Code.INVALID_INPUT, "the plugin set is " + bytes + " bytes as JSON; a "
                    + "generation carries at most " + MAX_BYTES + ": " + refused);
        }
    }

    /** Each secret of the set's settings: plugin, PID, key and why, never the value. */
    static List<String> secrets(PluginSet plugins, LocalRuntime runtime) throws PluginException {
        List<String> found = new ArrayList<>();
        for (PluginSet.Member member : plugins.plugins()) {
            Set<String> passwords = member.settings().isEmpty() ? Set.of() : runtime.secretKeys(member.id());
            for (Map.Entry<String, Map<String, List<String>>> configuration : member.settings().entrySet()) {
                for (Map.Entry<String, List<String>> setting : configuration.getValue().entrySet()) {
                    String where = Printable.of(member.id()) + " " + Printable.of(configuration.getKey()) + " "
                            + Printable.of(setting.getKey());
                    if (setting.getKey().startsWith(".")) {
                        found.add(where + ": a private key (starting with '.') holds a secret");
                    } else if (isPassword(passwords, configuration.getKey(), setting.getKey())) {
                        found.add(where + ": a secret (a PASSWORD attribute of the plugin installed here)");
                    } else if (setting.getValue().stream().anyMatch(v -> v != null && v.contains(REFERENCE))) {
                        found.add(where + ": a reference ($[...]) would be resolved by each node into a plain "
                                + "setting");
                    }
                }
            }
        }
        return found;
    }

    /** Whether {@code key} of {@code pid} (a factory configuration's {@code factoryPid~name}) is a password. */
    private static boolean isPassword(Set<String> passwords, String pid, String key) {
        int tilde = pid.indexOf('~');
        return passwords.contains(pid + "/" + key)
                || (tilde > 0 && passwords.contains(pid.substring(0, tilde) + "/" + key));
    }
}
