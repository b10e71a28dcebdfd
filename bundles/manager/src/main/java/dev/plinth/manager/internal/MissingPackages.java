package dev.plinth.manager.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.namespace.PackageNamespace;

/**
 * Groups the missing packages of one bundle that one bundle would provide: a package and its subpackages
 * ({@code com.fasterxml.jackson.core}, {@code com.fasterxml.jackson.core.base}, ...), as libraries export them, so
 * that an explanation says it once rather than once a package.
 */
final class MissingPackages {

    private MissingPackages() {
    }

    /** The requirements in groups, in the order of their first member; requirements of other namespaces alone. */
    static List<List<Capabilities.Req>> group(List<Capabilities.Req> requirements) {
        Map<String, List<Capabilities.Req>> groups = new LinkedHashMap<>();
        List<String> roots = new ArrayList<>();
        for (Capabilities.Req requirement : requirements) {
            if (requirement.namespace().equals(PackageNamespace.PACKAGE_NAMESPACE)) {
                roots.add(packageName(requirement));
            }
        }
        int alone = 0;
        for (Capabilities.Req requirement : requirements) {
            String key;
            if (requirement.namespace().equals(PackageNamespace.PACKAGE_NAMESPACE)) {
                key = root(packageName(requirement), roots);
            } else {
                key = "\0" + alone++;
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(requirement);
        }
        return List.copyOf(groups.values());
    }

    /** "package p [1,2) and its subpackages a, b.c", for a group of at least two. */
    static String describe(List<Capabilities.Req> group) {
        String root = packageName(group.get(0));
        StringBuilder text = new StringBuilder(RequirementText.describe(group.get(0))).append(" and ")
                .append(group.size() - 1).append(group.size() == 2 ? " subpackage (" : " subpackages (");
        for (int i = 1; i < group.size(); i++) {
            String name = packageName(group.get(i));
            text.append(i > 1 ? ", " : "").append(name.startsWith(root + ".") ? name.substring(root.length() + 1)
                    : name);
        }
        return text.append(')').toString();
    }

    private static String root(String name, List<String> roots) {
        String root = name;
        for (String candidate : roots) {
            if (name.startsWith(candidate + ".") && candidate.length() < root.length()) {
                root = candidate;
            }
        }
        return root;
    }

    private static String packageName(Capabilities.Req requirement) {
        return RequirementText.name(requirement.filter() == null ? "" : requirement.filter(),
                PackageNamespace.PACKAGE_NAMESPACE);
    }
}
