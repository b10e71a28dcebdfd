package dev.plinth.settings.internal;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.service.log.Logger;
import org.osgi.service.metatype.AttributeDefinition;

/** Plugins, metatypes and a cipher for the settings' unit tests, without a framework. */
final class Fixtures {

    private Fixtures() {
    }

    /** An attribute definition as a metatype would give it. */
    record Attribute(String id, int type, int cardinality, String[] defaults, String[] options, String refuse)
            implements AttributeDefinition {

        static Attribute of(String id, int type, String... defaults) {
            return new Attribute(id, type, 0, defaults.length == 0 ? null : defaults, null, null);
        }

        Attribute multiple(int most) {
            return new Attribute(id, type, most, defaults, options, refuse);
        }

        Attribute options(String... values) {
            return new Attribute(id, type, cardinality, defaults, values, refuse);
        }

        /** Its validate refuses {@code value} (repeating it, as some metatype implementations do). */
        Attribute refusing(String value) {
            return new Attribute(id, type, cardinality, defaults, options, value);
        }

        @Override
        public String getName() {
            return id + " name";
        }

        @Override
        public String getID() {
            return id;
        }

        @Override
        public String getDescription() {
            return null;
        }

        @Override
        public int getCardinality() {
            return cardinality;
        }

        @Override
        public int getType() {
            return type;
        }

        @Override
        public String[] getOptionValues() {
            return options;
        }

        @Override
        public String[] getOptionLabels() {
            return options;
        }

        @Override
        public String validate(String value) {
            return value.equals(refuse) ? "value " + value + " is refused" : "";
        }

        @Override
        public String[] getDefaultValue() {
            return defaults;
        }
    }

    static ConfigurationSchema schema(String pid, boolean factory, AttributeDefinition... attributes) {
        List<ConfigurationSchema.Attribute> list = new ArrayList<>();
        for (AttributeDefinition attribute : attributes) {
            list.add(new ConfigurationSchema.Attribute(attribute, true));
        }
        return new ConfigurationSchema(pid, factory, pid + " name", null, list);
    }

    static Bundle bundle(long id, String location, String symbolicName) {
        return (Bundle) Proxy.newProxyInstance(Fixtures.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getBundleId" -> id;
                    case "getLocation" -> location;
                    case "getSymbolicName" -> symbolicName;
                    case "getState" -> Bundle.ACTIVE;
                    case "hashCode" -> (int) id;
                    case "equals" -> proxy == args[0];
                    case "toString" -> symbolicName;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    static Bundle plugin(long id, String pluginId) {
        return bundle(id, PluginBundles.LOCATION_PREFIX + pluginId, pluginId);
    }

    /** The framework's bundles: plugins (managed) and core bundles. */
    static final class Bundles extends PluginBundles {

        private final List<Bundle> all;

        Bundles(Bundle... all) {
            super(null);
            this.all = List.of(all);
        }

        @Override
        Optional<Bundle> plugin(String id) {
            return all.stream().filter(b -> b.getLocation().equals(LOCATION_PREFIX + id)).findFirst();
        }

        @Override
        Optional<Bundle> at(String location) {
            return all.stream().filter(b -> b.getLocation().equals(location)).findFirst();
        }

        @Override
        List<Bundle> plugins() {
            return all.stream().filter(b -> pluginId(b).isPresent()).toList();
        }

        @Override
        List<Bundle> core() {
            return all.stream().filter(b -> pluginId(b).isEmpty()).toList();
        }
    }

    /** Schemas by bundle id. */
    static final class Schemas implements java.util.function.Function<Bundle, List<ConfigurationSchema>> {

        final Map<Long, List<ConfigurationSchema>> byBundle = new HashMap<>();

        Schemas with(Bundle bundle, ConfigurationSchema... schemas) {
            byBundle.put(bundle.getBundleId(), List.of(schemas));
            return this;
        }

        @Override
        public List<ConfigurationSchema> apply(Bundle bundle) {
            return byBundle.getOrDefault(bundle.getBundleId(), List.of());
        }
    }

    /** A cipher for tests: sealed text names a key and hides the value (reversible, not secure). */
    static final class TestCipher implements SecretCipher {

        static final String PREFIX = "{aes-gcm:test}";

        @Override
        public String seal(String plain) {
            return PREFIX + Base64.getEncoder().encodeToString(new StringBuilder(plain).reverse().toString()
                    .getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String open(String sealed) throws IOException {
            if (!sealed.startsWith(PREFIX)) {
                throw new IOException("sealed with another key");
            }
            return new StringBuilder(new String(Base64.getDecoder().decode(sealed.substring(PREFIX.length())),
                    StandardCharsets.UTF_8)).reverse().toString();
        }

        @Override
        public boolean isSealed(String text) {
            return text.startsWith("{aes-gcm:");
        }
    }

    /** A logger that keeps every line it is given, formatted with its arguments. */
    static final class Lines {

        final List<String> lines = new ArrayList<>();
        final Logger logger = (Logger) Proxy.newProxyInstance(Fixtures.class.getClassLoader(),
                new Class<?>[] {Logger.class}, (proxy, method, args) -> {
                    if (args != null && args.length > 0 && args[0] instanceof String format) {
                        StringBuilder line = new StringBuilder(method.getName() + " " + format);
                        for (int i = 1; i < args.length; i++) {
                            if (args[i] instanceof Object[] many) {
                                for (Object one : many) {
                                    line.append(' ').append(one);
                                }
                            } else {
                                line.append(' ').append(args[i]);
                            }
                        }
                        synchronized (lines) {
                            lines.add(line.toString());
                        }
                    }
                    return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
                });

        String all() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }
    }
}
