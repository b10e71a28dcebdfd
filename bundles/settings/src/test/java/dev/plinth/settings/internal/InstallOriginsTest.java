package dev.plinth.settings.internal;

import static dev.plinth.settings.internal.Fixtures.bundle;
import static dev.plinth.settings.internal.Fixtures.plugin;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;

class InstallOriginsTest {

    @TempDir
    Path directory;

    private final Bundle system = bundle(0, "System Bundle", "org.apache.felix.framework");
    private final Bundle shell = bundle(2, "plinth:system/gogo.jar", "org.apache.felix.gogo.runtime");
    private final Bundle victim = plugin(10, "sample");
    private final Bundle hostile = plugin(11, "x.hostile");
    private final Bundle escape = bundle(12, "hostile:escape", "sample");
    private final Bundle nested = bundle(13, "hostile:nested", "com");
    private final Bundle operators = bundle(14, "file:/opt/extra.jar", "extra");

    private PluginBundles bundles(InstallOrigins origins) {
        return new PluginBundles(null, origins) {
            @Override
            List<Bundle> core() {
                return List.of(system, shell, victim, hostile, escape, nested, operators).stream()
                        .filter(b -> pluginId(b).isEmpty()).toList();
            }
        };
    }

    private static InstallOrigins installs(InstallOrigins origins, PluginBundles bundles, Bundle bundle,
            Bundle origin) {
        origins.decidingWith(bundles).bundleChanged(new BundleEvent(BundleEvent.INSTALLED, bundle, origin));
        return origins;
    }

    @Test
    public void aBundleAPluginInstalledIsThatPluginsAndSoIsOneThatBundleInstalled() {
        InstallOrigins origins = new InstallOrigins(directory.resolve("origins"), false);
        PluginBundles bundles = bundles(origins);
        installs(origins, bundles, escape, hostile);
        installs(origins, bundles, nested, escape);
        installs(origins, bundles, operators, shell);

        assertEquals(Optional.of("x.hostile"), bundles.pluginId(escape));
        assertEquals(Optional.of("x.hostile"), bundles.pluginId(nested));
        assertEquals(Optional.empty(), bundles.pluginId(operators));
        assertEquals(List.of(system, shell, operators), bundles.core(),
                "a plugin's bundles claim no namespace of the core");
    }

    @Test
    public void theRecordSurvivesARestartAndForgetsUninstalledBundles() {
        Path file = directory.resolve("origins");
        InstallOrigins first = new InstallOrigins(file, false);
        installs(first, bundles(first), escape, hostile);
        installs(first, bundles(first), nested, hostile);
        first.bundleChanged(new BundleEvent(BundleEvent.UNINSTALLED, nested, hostile));

        InstallOrigins again = new InstallOrigins(file, false);
        assertEquals(Optional.of("x.hostile"), bundles(again).pluginId(escape));
        assertEquals(Optional.empty(), bundles(again).pluginId(nested));
        again.keepOnly(new Bundle[] {system, hostile});
        assertEquals(Optional.empty(), bundles(new InstallOrigins(file, false)).pluginId(escape));
    }

    @Test
    public void aBundleOfUnknownOriginIsAPluginsInTheDistributionAndTheHostsInAnEmbedding() {
        PluginBundles distribution = bundles(new InstallOrigins(directory.resolve("d"), true));
        PluginBundles embedding = bundles(new InstallOrigins(directory.resolve("e"), false));

        assertEquals(Optional.of(InstallOrigins.UNKNOWN), distribution.pluginId(operators));
        assertEquals(Optional.empty(), distribution.pluginId(shell));
        assertEquals(Optional.empty(), distribution.pluginId(system));
        assertEquals(Optional.of("sample"), distribution.pluginId(victim));
        assertEquals(Optional.empty(), embedding.pluginId(operators));
    }
}
