package dev.plinth.deploy.internal;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;

import org.osgi.service.log.Logger;

import dev.plinth.common.testing.BundleJar;

/** Archives and a silent logger shared by the deploy tests. */
final class DeployTestSupport {

    private DeployTestSupport() {
    }

    /** The bytes of a bundle jar with that symbolic name header and version (null: none), and one class-like entry. */
    static byte[] bundleJar(String symbolicName, String version, String payload) {
        BundleJar jar = BundleJar.plain().header("Bundle-ManifestVersion", "2");
        if (symbolicName != null) {
            jar.header("Bundle-SymbolicName", symbolicName);
        }
        if (version != null) {
            jar.header("Bundle-Version", version);
        }
        return withPayload(jar, payload).toBytes();
    }

    /** The jar with one text entry holding {@code payload}. */
    static BundleJar withPayload(BundleJar jar, String payload) {
        return jar.entry("dev/plinth/test/payload.txt", payload);
    }

    /** A complete zip archive without a manifest. */
    static byte[] zipWithoutManifest() {
        return BundleJar.withoutManifest().entry("readme.txt", "no manifest here").toBytes();
    }

    /** Writes a bundle jar of plugin {@code id} into {@code directory}/{@code name}. */
    static Path writeBundle(Path directory, String name, String id, String version, String payload)
            throws IOException {
        return Files.write(directory.resolve(name), bundleJar(id, version, payload));
    }

    /** A Log Service logger that drops everything: these tests look at outcomes, not log lines. */
    static Logger silentLogger() {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString", "getName" -> "silent";
                    default -> method.getReturnType() == boolean.class ? Boolean.FALSE : null;
                });
    }
}
