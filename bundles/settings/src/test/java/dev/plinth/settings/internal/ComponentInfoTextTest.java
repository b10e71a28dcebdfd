package dev.plinth.settings.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.osgi.framework.dto.BundleDTO;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

class ComponentInfoTextTest {

    private static final String SECRET = "correct-horse-battery-staple";

    @Test
    void aSecretsValueIsShownAsSecretInTheConfigurationAndTheBaseProperties() {
        ComponentDescriptionDTO description = description(Map.of(".password", SECRET, "port", 25));
        ComponentConfigurationDTO configuration = configuration(description,
                Map.of(".password", SECRET, "host", "mail.example.org", "service.pid", "sample.mail"));

        String text = new ComponentInfoText(Set.of(".password"), false, id -> null)
                .describe(description, List.of(configuration), Map.of(7L, List.of("42 [sample.Mailer]")));

        assertFalse(text.contains(SECRET), text);
        assertTrue(text.startsWith("Component Description: sample.Mailer\n"
                + "=".repeat("Component Description: sample.Mailer".length()) + "\n"
                + "Class:         sample.Mailer\n"
                + "Bundle:        12 (sample:1.0.0)\n"
                + "Enabled:       true\n"
                + "Immediate:     false\n"
                + "Services:      [sample.Mailer]\n"
                + "Config PID(s): [sample.mail], Policy: optional\n"
                + "Base Props:    (2 entries)\n"
                + "  .password<String> = (secret)\n"
                + "  port<Integer> = 25\n"), text);
        assertTrue(text.contains("\n\nComponent Configuration Id: 7\n"
                + "-".repeat("Component Configuration Id: 7".length()) + "\n"
                + "State:        ACTIVE\n"
                + "Service:      42 [sample.Mailer]\n"
                + "Config Props: (3 entries)\n"
                + "  .password<String> = (secret)\n"
                + "  host<String> = mail.example.org\n"
                + "  service.pid<String> = sample.mail\n"
                + "References:   (total 0)"), text);
    }

    @Test
    void whenTheSecretsCannotBeKnownNoConfigurationValueIsShown() {
        ComponentDescriptionDTO description = description(Map.of());
        ComponentConfigurationDTO configuration = configuration(description,
                Map.of("token", SECRET, "component.id", 7L));

        String text = new ComponentInfoText(Set.of(), true, id -> null)
                .describe(description, List.of(configuration), Map.of());

        assertFalse(text.contains(SECRET), text);
        assertTrue(text.contains("  token<String> = (secret)\n") && text.contains("  component.id<Long> = 7"), text);
    }

    private static ComponentDescriptionDTO description(Map<String, Object> properties) {
        ComponentDescriptionDTO description = new ComponentDescriptionDTO();
        description.name = "sample.Mailer";
        description.implementationClass = "sample.Mailer";
        description.bundle = new BundleDTO();
        description.bundle.id = 12;
        description.bundle.symbolicName = "sample";
        description.bundle.version = "1.0.0";
        description.defaultEnabled = true;
        description.serviceInterfaces = new String[] { "sample.Mailer" };
        description.configurationPid = new String[] { "sample.mail" };
        description.configurationPolicy = "optional";
        description.properties = properties;
        return description;
    }

    private static ComponentConfigurationDTO configuration(ComponentDescriptionDTO description,
            Map<String, Object> properties) {
        ComponentConfigurationDTO configuration = new ComponentConfigurationDTO();
        configuration.id = 7;
        configuration.description = description;
        configuration.state = ComponentConfigurationDTO.ACTIVE;
        configuration.properties = properties;
        return configuration;
    }
}
