package dev.plinth.manager.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;

import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;
import org.osgi.framework.namespace.BundleNamespace;
import org.osgi.framework.namespace.HostNamespace;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.resource.Capability;
import org.osgi.resource.Namespace;
import org.osgi.resource.Requirement;

/**
 * The capabilities and requirements of a bundle, from its manifest (for an archive not yet installed) or
 * from its revision in the framework, in one shape that filters can be matched against.
 */
final class Capabilities {

    /** A capability: namespace and attributes. */
    record Cap(String namespace, Map<String, Object> attributes) {

        /** True when this capability is in {@code namespace} and {@code filter} (null: any) accepts it. */
        boolean matches(String requiredNamespace, org.osgi.framework.Filter filter) {
            return namespace.equals(requiredNamespace) && (filter == null || filter.matches(attributes));
        }
    }

    /** A mandatory, resolve-time requirement: namespace and filter (null matches everything). */
    record Req(String namespace, String filter) {
    }

    private Capabilities() {
    }

    static List<Cap> of(BundleRevision revision) {
        List<Cap> caps = new ArrayList<>();
        for (Capability capability : revision.getCapabilities(null)) {
            caps.add(new Cap(capability.getNamespace(), capability.getAttributes()));
        }
        return caps;
    }

    static List<Req> requirementsOf(BundleRevision revision) {
        List<Req> reqs = new ArrayList<>();
        for (Requirement requirement : revision.getRequirements(null)) {
            Req req = mandatory(requirement);
            if (req != null) {
                reqs.add(req);
            }
        }
        return reqs;
    }

    /** The requirement as a {@link Req}, or null when it is optional, dynamic or not resolve-time. */
    static Req mandatory(Requirement requirement) {
        Map<String, String> directives = requirement.getDirectives();
        if (Namespace.RESOLUTION_OPTIONAL.equals(directives.get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE))
                || PackageNamespace.RESOLUTION_DYNAMIC.equals(
                        directives.get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE))
                || !Namespace.EFFECTIVE_RESOLVE.equals(directives.getOrDefault(
                        Namespace.REQUIREMENT_EFFECTIVE_DIRECTIVE, Namespace.EFFECTIVE_RESOLVE))) {
            return null;
        }
        return new Req(requirement.getNamespace(), directives.get(Namespace.REQUIREMENT_FILTER_DIRECTIVE));
    }

    static List<Cap> of(Attributes manifest) {
        String id = symbolicName(manifest);
        Version version = Version.parseVersion(manifest.getValue(Constants.BUNDLE_VERSION));
        List<Cap> caps = new ArrayList<>();
        caps.add(new Cap(BundleNamespace.BUNDLE_NAMESPACE,
                Map.of(BundleNamespace.BUNDLE_NAMESPACE, id, BundleNamespace.CAPABILITY_BUNDLE_VERSION_ATTRIBUTE,
                        version)));
        for (HeaderParser.Clause clause : HeaderParser.parse(manifest.getValue(Constants.EXPORT_PACKAGE))) {
            for (String name : clause.names()) {
                Map<String, Object> attributes = typed(clause.attributes());
                attributes.put(PackageNamespace.PACKAGE_NAMESPACE, name);
                attributes.put(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE,
                        Version.parseVersion(String.valueOf(attributes.getOrDefault("version", "0.0.0"))));
                attributes.put(PackageNamespace.CAPABILITY_BUNDLE_SYMBOLICNAME_ATTRIBUTE, id);
                attributes.put(PackageNamespace.CAPABILITY_BUNDLE_VERSION_ATTRIBUTE, version);
                caps.add(new Cap(PackageNamespace.PACKAGE_NAMESPACE, attributes));
            }
        }
        for (HeaderParser.Clause clause : HeaderParser.parse(manifest.getValue(Constants.PROVIDE_CAPABILITY))) {
            for (String namespace : clause.names()) {
                caps.add(new Cap(namespace, typed(clause.attributes())));
            }
        }
        if (manifest.getValue(Constants.FRAGMENT_HOST) == null) {
            caps.add(new Cap(HostNamespace.HOST_NAMESPACE, Map.of(HostNamespace.HOST_NAMESPACE, id,
                    HostNamespace.CAPABILITY_BUNDLE_VERSION_ATTRIBUTE, version)));
        }
        return caps;
    }

    static List<Req> requirementsOf(Attributes manifest) {
        List<Req> reqs = new ArrayList<>();
        for (HeaderParser.Clause clause : HeaderParser.parse(manifest.getValue(Constants.IMPORT_PACKAGE))) {
            if (optional(clause.directives())) {
                continue;
            }
            String range = clause.attributes().getOrDefault("version", "0.0.0");
            for (String name : clause.names()) {
                reqs.add(new Req(PackageNamespace.PACKAGE_NAMESPACE, "(&(" + PackageNamespace.PACKAGE_NAMESPACE
                        + "=" + name + ")" + new VersionRange(range).toFilterString("version") + ")"));
            }
        }
        for (HeaderParser.Clause clause : HeaderParser.parse(manifest.getValue(Constants.REQUIRE_BUNDLE))) {
            if (optional(clause.directives())) {
                continue;
            }
            String range = clause.attributes().getOrDefault(Constants.BUNDLE_VERSION_ATTRIBUTE, "0.0.0");
            for (String name : clause.names()) {
                reqs.add(new Req(BundleNamespace.BUNDLE_NAMESPACE, "(&(" + BundleNamespace.BUNDLE_NAMESPACE + "="
                        + name + ")" + new VersionRange(range).toFilterString("bundle-version") + ")"));
            }
        }
        for (HeaderParser.Clause clause : HeaderParser.parse(manifest.getValue(Constants.REQUIRE_CAPABILITY))) {
            String effective = clause.directives().getOrDefault(Namespace.REQUIREMENT_EFFECTIVE_DIRECTIVE,
                    Namespace.EFFECTIVE_RESOLVE);
            if (optional(clause.directives()) || !Namespace.EFFECTIVE_RESOLVE.equals(effective)) {
                continue;
            }
            for (String namespace : clause.names()) {
                reqs.add(new Req(namespace, clause.directives().get(Namespace.REQUIREMENT_FILTER_DIRECTIVE)));
            }
        }
        return reqs;
    }

    static String symbolicName(Attributes manifest) {
        String header = manifest.getValue(Constants.BUNDLE_SYMBOLICNAME);
        List<HeaderParser.Clause> clauses = HeaderParser.parse(header);
        return clauses.isEmpty() || clauses.get(0).names().isEmpty() ? null : clauses.get(0).names().get(0);
    }

    private static boolean optional(Map<String, String> directives) {
        return Namespace.RESOLUTION_OPTIONAL.equals(directives.get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE));
    }

    private static Map<String, Object> typed(Map<String, String> attributes) {
        Map<String, Object> result = new HashMap<>();
        attributes.forEach((key, value) -> {
            int colon = key.indexOf(':');
            if (colon < 0) {
                result.put(key, value);
                return;
            }
            String name = key.substring(0, colon);
            String type = key.substring(colon + 1).trim();
            result.put(name, switch (type) {
                case "Version" -> Version.parseVersion(value);
                case "Long" -> Long.valueOf(value.trim());
                case "Double" -> Double.valueOf(value.trim());
                case "List<String>", "List" -> List.of(value.split("\\s*,\\s*"));
                case "List<Version>" -> List.of(value.split("\\s*,\\s*")).stream().map(Version::parseVersion)
                        .toList();
                default -> value;
            });
        });
        return result;
    }
}
