package dev.plinth.settings.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.service.metatype.AttributeDefinition;

import dev.plinth.settings.internal.Fixtures.Attribute;
import dev.plinth.common.testing.FakeConfigurationAdmin;

/**
 * Run in a JVM of its own by {@link SettingsCrashTest}: sets {@code greeting} of plugin {@code x.y} to a value in the
 * store of a directory, as an operator's change would, so that a fault point can halt it part-way.
 */
public final class SettingsChangeMain {

    private SettingsChangeMain() {
    }

    static SettingsService service(Path directory, FakeConfigurationAdmin admin) {
        Bundle plugin = Fixtures.plugin(10, "x.y");
        Fixtures.Schemas schemas = new Fixtures.Schemas().with(plugin, Fixtures.schema("x.y", false,
                Attribute.of("greeting", AttributeDefinition.STRING, "hello")));
        SettingsStore store = new SettingsStore(directory);
        store.removeLeftovers();
        return new SettingsService(new Fixtures.Bundles(plugin), schemas, new Configurations(admin.admin), store,
                new Fixtures.TestCipher(), SettingsValidators.NONE, new Misconfigurations(),
                new Fixtures.Lines().logger);
    }

    public static void main(String[] args) throws Exception {
        service(Path.of(args[0]), new FakeConfigurationAdmin()).set("x.y", "x.y",
                Map.of("greeting", List.of(args[1])), "test");
    }
}
