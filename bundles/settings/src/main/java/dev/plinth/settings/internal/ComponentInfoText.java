package dev.plinth.settings.internal;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import org.osgi.framework.dto.ServiceReferenceDTO;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.ReferenceDTO;
import org.osgi.service.component.runtime.dto.SatisfiedReferenceDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * What {@code scr:info} prints for a component: its description, then each of its configurations, laid out as Felix
 * SCR's own command does, except that the value of every key in {@code secrets} (the PASSWORD attributes of the
 * component's configuration PIDs) is shown as {@value #SECRET}, in the base properties too.
 */
final class ComponentInfoText {

    /** What a secret's value is shown as. */
    static final String SECRET = "(secret)";
    private static final String INDENT = "  ";

    private final Set<String> secrets;
    private final boolean allSecret;
    private final Function<Long, String> bundleNames;

    /**
     * @param secrets the keys whose values are secrets
     * @param allSecret true to hide every value of the configuration properties (the secrets could not be known)
     * @param bundleNames a bundle's {@code symbolicName:version} by id, null when there is no such bundle
     */
    ComponentInfoText(Set<String> secrets, boolean allSecret, Function<Long, String> bundleNames) {
        this.secrets = Set.copyOf(secrets);
        this.allSecret = allSecret;
        this.bundleNames = bundleNames;
    }

    /**
     * The text of a component and its configurations.
     *
     * @param services the services each configuration registered, by configuration id, as {@code id [types]} texts
     */
    String describe(ComponentDescriptionDTO description, List<ComponentConfigurationDTO> configurations,
            Map<Long, List<String>> services) {
        StringBuilder text = new StringBuilder();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Class", description.implementationClass);
        fields.put("Bundle", description.bundle.id + " (" + description.bundle.symbolicName + ":"
                + description.bundle.version + ")");
        fields.put("Enabled", Boolean.toString(description.defaultEnabled));
        fields.put("Immediate", Boolean.toString(description.immediate));
        fields.put("Services", list(description.serviceInterfaces));
        if (description.scope != null) {
            fields.put("Scope", description.scope);
        }
        fields.put("Config PID(s)", list(description.configurationPid) + ", Policy: "
                + description.configurationPolicy);
        fields.put("Base Props", properties(description.properties));
        if (description.factory != null) {
            fields.put("Factory", description.factory);
        }
        block("Component Description: " + description.name, '=', fields, text);
        List<ComponentConfigurationDTO> sorted = new ArrayList<>(configurations);
        sorted.sort(Comparator.comparingLong(c -> c.id));
        for (ComponentConfigurationDTO configuration : sorted) {
            fields.clear();
            fields.put("State", state(configuration.state));
            List<String> registered = services.getOrDefault(configuration.id, List.of());
            if (!registered.isEmpty()) {
                fields.put("Service", registered.size() == 1 ? registered.get(0)
                        : "(total " + registered.size() + ")\n" + INDENT + String.join("\n" + INDENT, registered));
            }
            fields.put("Config Props", properties(configuration.properties));
            fields.put("References", references(configuration, description.references));
            if (configuration.failure != null) {
                fields.put("Failure", configuration.failure);
            }
            text.append("\n\n");
            block("Component Configuration Id: " + configuration.id, '-', fields, text);
        }
        return text.toString();
    }

    /** The name of a configuration's state, as Felix SCR's commands print it. */
    static String state(int state) {
        return switch (state) {
            case ComponentConfigurationDTO.ACTIVE -> "ACTIVE";
            case ComponentConfigurationDTO.SATISFIED -> "SATISFIED";
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "UNSATISFIED CONFIGURATION";
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "UNSATISFIED REFERENCE";
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> "FAILED ACTIVATION";
            default -> "<<UNKNOWN: " + state + ">>";
        };
    }

    private String properties(Map<String, Object> properties) {
        Map<String, Object> sorted = new TreeMap<>(properties == null ? Map.of() : properties);
        StringBuilder text = new StringBuilder("(" + sorted.size() + (sorted.size() == 1 ? " entry)" : " entries)"));
        sorted.forEach((key, value) -> text.append('\n').append(INDENT).append(key).append('<')
                .append(value == null ? "null" : value.getClass().getSimpleName()).append("> = ")
                .append(hidden(key) ? SECRET : value(value)));
        return text.toString();
    }

    private boolean hidden(String key) {
        return secrets.contains(key) || allSecret && !key.startsWith("component.") && !key.startsWith("service.");
    }

    private static String value(Object value) {
        if (value == null) {
            return "null";
        }
        if (value.getClass().isArray()) {
            Object[] boxed = new Object[Array.getLength(value)];
            for (int i = 0; i < boxed.length; i++) {
                boxed[i] = Array.get(value, i);
            }
            return Arrays.deepToString(boxed);
        }
        return value.toString();
    }

    private String references(ComponentConfigurationDTO configuration, ReferenceDTO[] declared) {
        Map<String, ReferenceDTO> byName = new LinkedHashMap<>();
        for (ReferenceDTO reference : declared == null ? new ReferenceDTO[0] : declared) {
            byName.put(reference.name, reference);
        }
        UnsatisfiedReferenceDTO[] unsatisfied = configuration.unsatisfiedReferences == null
                ? new UnsatisfiedReferenceDTO[0] : configuration.unsatisfiedReferences;
        SatisfiedReferenceDTO[] satisfied = configuration.satisfiedReferences == null
                ? new SatisfiedReferenceDTO[0] : configuration.satisfiedReferences;
        StringBuilder text = new StringBuilder("(total " + (unsatisfied.length + satisfied.length) + ")");
        for (UnsatisfiedReferenceDTO reference : unsatisfied) {
            reference(byName.get(reference.name), reference.name, "UNSATISFIED", null, text);
        }
        for (SatisfiedReferenceDTO reference : satisfied) {
            reference(byName.get(reference.name), reference.name, "SATISFIED",
                    reference.boundServices == null ? new ServiceReferenceDTO[0] : reference.boundServices, text);
        }
        return text.toString();
    }

    private void reference(ReferenceDTO reference, String name, String state, ServiceReferenceDTO[] bound,
            StringBuilder text) {
        text.append('\n').append(INDENT).append("- ").append(name).append(": ");
        if (reference == null) {
            text.append(state);
            return;
        }
        String policy = reference.policy + ("reluctant".equals(reference.policyOption) ? ""
                : "+" + reference.policyOption);
        text.append(reference.interfaceName).append(' ').append(state).append(' ').append(reference.cardinality)
                .append(' ').append(policy);
        text.append('\n').append(INDENT).append("  target=").append(reference.target == null ? "(*)" : reference.target)
                .append(" scope=").append(reference.scope == null ? "bundle" : reference.scope);
        if (reference.collectionType != null) {
            text.append(" collectionType=").append(reference.collectionType);
        }
        if (bound != null) {
            ServiceReferenceDTO[] sorted = bound.clone();
            Arrays.sort(sorted, Comparator.comparingLong(s -> s.id));
            text.append(sorted.length == 0 ? " (no active bindings)"
                    : sorted.length == 1 ? " (1 binding):" : " (" + sorted.length + " bindings):");
            for (ServiceReferenceDTO service : sorted) {
                String provider = bundleNames.apply(service.bundle);
                if (provider != null) {
                    text.append('\n').append(INDENT).append("  * Bound to [").append(service.id)
                            .append("] from bundle ").append(service.bundle).append(" (").append(provider).append(')');
                }
            }
        }
    }

    private static String list(String[] values) {
        return values == null || values.length == 0 ? "<<none>>" : Arrays.toString(values);
    }

    private static void block(String title, char underline, Map<String, String> fields, StringBuilder text) {
        text.append(title).append('\n').append(String.valueOf(underline).repeat(title.length()));
        int widest = fields.keySet().stream().mapToInt(String::length).max().orElse(0);
        fields.forEach((key, value) -> text.append('\n').append(key).append(": ")
                .append(" ".repeat(widest - key.length())).append(value));
    }
}
