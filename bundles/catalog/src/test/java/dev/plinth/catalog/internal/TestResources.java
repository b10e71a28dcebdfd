package dev.plinth.catalog.internal;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.log.Logger;

import dev.plinth.api.plugin.Namespaces;

/** Catalogue resources, installed bundles and a silent logger built in memory for the tests. */
final class TestResources {

    static final String PACKAGE = "osgi.wiring.package";

    private TestResources() {
    }

    /** A resource of a catalogue at {@code file:/catalog/index.xml}, its archive next to the index. */
    static IndexResource resource(String id, String version, List<IndexResource.Capability> capabilities,
            List<IndexResource.Requirement> requirements) {
        List<IndexResource.Capability> all = new ArrayList<>();
        all.add(new IndexResource.Capability("osgi.identity",
                Map.of("osgi.identity", id, "type", "osgi.bundle", "version", Version.parseVersion(version))));
        all.addAll(capabilities);
        return new IndexResource(id, Version.parseVersion(version), "", "file:/catalog/index.xml",
                URI.create("file:/catalog/" + id + "-" + version + ".jar"), "0".repeat(64), -1, all,
                requirements);
    }

    static IndexResource resource(String id, String version) {
        return resource(id, version, List.of(), List.of());
    }

    /** A plugin that needs a runtime whose version matches {@code filter}. */
    static IndexResource needingRuntime(String id, String version, String filter) {
        return resource(id, version, List.of(), List.of(requirement(Namespaces.RUNTIME, filter)));
    }

    static IndexResource.Capability exports(String pkg, String version) {
        return new IndexResource.Capability(PACKAGE, Map.of(PACKAGE, pkg, "version", Version.parseVersion(version)));
    }

    static IndexResource.Requirement imports(String pkg) {
        return requirement(PACKAGE, "(" + PACKAGE + "=" + pkg + ")");
    }

    static IndexResource.Requirement importsOptionally(String pkg) {
        String filter = "(" + PACKAGE + "=" + pkg + ")";
        return new IndexResource.Requirement(PACKAGE, filter, Map.of("filter", filter, "resolution", "optional"));
    }

    static IndexResource.Requirement requirement(String namespace, String filter) {
        return new IndexResource.Requirement(namespace, filter, Map.of("filter", filter));
    }

    /** What a framework with these bundles provides, each bundle given by its declared capabilities. */
    @SafeVarargs
    static Installed installed(List<IndexResource.Capability>... bundles) {
        return Installed.of(context(Bundle.ACTIVE, bundles));
    }

    /** A framework running Plinth {@code runtimeVersion}, plus bundles providing {@code provided}. */
    static Installed runtime(String runtimeVersion, IndexResource.Capability... provided) {
        IndexResource.Capability runtime = new IndexResource.Capability(Namespaces.RUNTIME,
                Map.of("version", Version.parseVersion(runtimeVersion)));
        return installed(List.of(runtime), Arrays.asList(provided));
    }

    /** A bundle context whose bundles, all in {@code state}, declare these capabilities. */
    @SafeVarargs
    static BundleContext context(int state, List<IndexResource.Capability>... bundles) {
        Bundle[] all = new Bundle[bundles.length];
        for (int i = 0; i < bundles.length; i++) {
            List<BundleCapability> declared = bundles[i].stream().map(TestResources::bundleCapability).toList();
            BundleRevision revision = proxy(BundleRevision.class, Map.of("getDeclaredCapabilities", declared));
            all[i] = proxy(Bundle.class, Map.of("adapt", revision, "getState", state));
        }
        return proxy(BundleContext.class, Map.of("getBundles", all));
    }

    private static BundleCapability bundleCapability(IndexResource.Capability capability) {
        return proxy(BundleCapability.class, Map.of("getNamespace", capability.namespace(), "getAttributes",
                Map.copyOf(capability.attributes()), "getDirectives", Map.of()));
    }

    /** A Log Service logger that drops everything. */
    static Logger silentLogger() {
        return proxy(Logger.class, Map.of("getName", "silent"));
    }

    private static <T> T proxy(Class<T> type, Map<String, Object> answers) {
        Map<String, Object> fixed = new LinkedHashMap<>(answers);
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> switch (method.getName()) {
                    case "equals" -> self == args[0];
                    case "hashCode" -> System.identityHashCode(self);
                    case "toString" -> type.getSimpleName();
                    default -> {
                        if (fixed.containsKey(method.getName())) {
                            yield fixed.get(method.getName());
                        }
                        if (method.getReturnType() == boolean.class) {
                            yield false;
                        }
                        if (method.getReturnType().isPrimitive() && method.getReturnType() != void.class) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        yield null;
                    }
                }));
    }
}
