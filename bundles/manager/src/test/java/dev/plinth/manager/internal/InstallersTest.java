package dev.plinth.manager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;

class InstallersTest {

    @TempDir
    Path dir;

    private final Bundle manager = bundle(5, "dev.plinth.manager", "plinth:system/manager");
    private final Bundle dropper = bundle(20, "com.example.dropper", FrameworkAccess.location("com.example.dropper"));
    private final Bundle payload = bundle(21, "com.example.payload", "hostile:payload");

    private Installers installers() {
        return new Installers(dir.resolve("installers.properties"), manager);
    }

    @Test
    void aBundleAPluginInstallsIsNotedWithThePluginsIdAndRememberedAcrossRestarts() throws IOException {
        assertTrue(installers().seen(new BundleEvent(BundleEvent.INSTALLED, payload, dropper)));

        assertEquals("com.example.dropper", installers().of(payload));
    }

    @Test
    void whatTheManagerInstallsItselfIsNotNoted() throws IOException {
        Bundle plugin = bundle(22, "com.example.plugin", FrameworkAccess.location("com.example.plugin"));

        assertFalse(installers().seen(new BundleEvent(BundleEvent.INSTALLED, plugin, manager)));

        assertNull(installers().of(plugin));
    }

    @Test
    void anUninstalledBundleIsForgotten() throws IOException {
        Installers installers = installers();
        installers.seen(new BundleEvent(BundleEvent.INSTALLED, payload, dropper));

        assertTrue(installers.seen(new BundleEvent(BundleEvent.UNINSTALLED, payload, dropper)));

        assertNull(installers().of(payload));
    }

    @Test
    void bundlesGoneWhileTheManagerWasNotListeningAreForgottenAtStart() throws IOException {
        installers().seen(new BundleEvent(BundleEvent.INSTALLED, payload, dropper));

        installers().keepOnly(new Bundle[] {manager, dropper});

        assertNull(installers().of(payload));
    }

    private static Bundle bundle(long id, String symbolicName, String location) {
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getBundleId" -> id;
                    case "getSymbolicName" -> symbolicName;
                    case "getLocation" -> location;
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> Long.hashCode(id);
                    case "toString" -> symbolicName;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
