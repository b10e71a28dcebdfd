package dev.plinth.manager.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.namespace.BundleNamespace;
import org.osgi.framework.namespace.HostNamespace;
import org.osgi.framework.namespace.ExecutionEnvironmentNamespace;
import org.osgi.framework.namespace.PackageNamespace;

import dev.plinth.api.plugin.Namespaces;

/** Puts a requirement in an operator's words: "package p.q [1.2.0,2.0.0)" rather than an LDAP filter. */
final class RequirementText {

    private static final Pattern LOWER_INCLUSIVE = Pattern.compile("\\((?:bundle-)?version>=([^)]+)\\)");
    private static final Pattern UPPER_EXCLUSIVE = Pattern.compile("\\(!\\((?:bundle-)?version>=([^)]+)\\)\\)");
    private static final Pattern UPPER_INCLUSIVE = Pattern.compile("\\((?:bundle-)?version<=([^)]+)\\)");
    private static final Pattern LOWER_EXCLUSIVE = Pattern.compile("\\(!\\((?:bundle-)?version<=([^)]+)\\)\\)");
    private static final Pattern EXACT = Pattern.compile("\\((?:bundle-)?version=([^)*]+)\\)");

    private RequirementText() {
    }

    static String describe(Capabilities.Req requirement) {
        String filter = requirement.filter() == null ? "" : requirement.filter();
        return switch (requirement.namespace()) {
            case PackageNamespace.PACKAGE_NAMESPACE -> "package " + name(filter, PackageNamespace.PACKAGE_NAMESPACE)
                    + range(filter);
            case BundleNamespace.BUNDLE_NAMESPACE -> "bundle " + name(filter, BundleNamespace.BUNDLE_NAMESPACE)
                    + range(filter);
            case HostNamespace.HOST_NAMESPACE -> "host " + name(filter, HostNamespace.HOST_NAMESPACE) + range(filter);
            case ExecutionEnvironmentNamespace.EXECUTION_ENVIRONMENT_NAMESPACE -> javaVersion(filter);
            case "osgi.service" -> "a service " + filter;
            case Namespaces.RUNTIME -> "Plinth runtime" + (range(filter).isEmpty() ? " " + filter : range(filter));
            case Namespaces.CONSOLE_SDK -> "console SDK" + (range(filter).isEmpty() ? " " + filter : range(filter));
            default -> "capability " + requirement.namespace() + (filter.isEmpty() ? "" : " " + filter);
        };
    }

    private static String javaVersion(String filter) {
        Matcher version = Pattern.compile("\\(version=([0-9.]+)\\)").matcher(filter);
        return version.find() ? "Java " + version.group(1) : "a Java runtime matching " + filter;
    }

    /** The value the filter requires for {@code attribute}, or the whole filter when it names none. */
    static String name(String filter, String attribute) {
        Matcher matcher = Pattern.compile("\\(" + Pattern.quote(attribute) + "=([^)]+)\\)").matcher(filter);
        return matcher.find() ? matcher.group(1) : filter;
    }

    /** The version range of a filter as " [1.2.0,2.0.0)", or "" when it has none. */
    static String range(String filter) {
        Matcher exact = EXACT.matcher(filter);
        String lower = find(LOWER_INCLUSIVE, filter);
        String lowerExclusive = find(LOWER_EXCLUSIVE, filter);
        String upper = find(UPPER_EXCLUSIVE, filter);
        String upperInclusive = find(UPPER_INCLUSIVE, filter);
        if (lower == null && lowerExclusive == null && exact.find()) {
            return " [" + exact.group(1) + "," + exact.group(1) + "]";
        }
        if (lower == null && lowerExclusive == null && upper == null && upperInclusive == null) {
            return "";
        }
        if ("0.0.0".equals(lower) && upper == null && upperInclusive == null) {
            return "";
        }
        StringBuilder text = new StringBuilder(" ");
        text.append(lowerExclusive != null ? "(" + lowerExclusive : "[" + (lower == null ? "0.0.0" : lower));
        if (upper != null) {
            text.append(',').append(upper).append(')');
        } else if (upperInclusive != null) {
            text.append(',').append(upperInclusive).append(']');
        } else {
            return " " + (lowerExclusive != null ? ">" + lowerExclusive : ">=" + lower);
        }
        return text.toString();
    }

    private static String find(Pattern pattern, String filter) {
        Matcher matcher = pattern.matcher(filter);
        while (matcher.find()) {
            int start = matcher.start();
            boolean negated = start >= 2 && filter.startsWith("(!", start - 2);
            boolean wantsNegated = pattern == UPPER_EXCLUSIVE || pattern == LOWER_EXCLUSIVE;
            if (wantsNegated || !negated) {
                return matcher.group(1);
            }
        }
        return null;
    }
}
