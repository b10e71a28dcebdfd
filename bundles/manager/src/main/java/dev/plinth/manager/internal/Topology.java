package dev.plinth.manager.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import org.osgi.framework.Bundle;

/** Orders and walks bundles along their wiring. */
final class Topology {

    private Topology() {
    }

    /** {@code bundles} with every bundle after the bundles it is wired to (providers first). */
    static List<Bundle> providersFirst(Collection<Bundle> bundles) {
        List<Bundle> ordered = new ArrayList<>();
        Set<Bundle> visited = new HashSet<>();
        Set<Bundle> wanted = new HashSet<>(bundles);
        for (Bundle bundle : bundles) {
            visit(bundle, wanted, visited, ordered);
        }
        return ordered;
    }

    /** {@code bundles} with every bundle before the bundles it is wired to (dependents first). */
    static List<Bundle> dependentsFirst(Collection<Bundle> bundles) {
        List<Bundle> ordered = new ArrayList<>(providersFirst(bundles));
        java.util.Collections.reverse(ordered);
        return ordered;
    }

    private static void visit(Bundle bundle, Set<Bundle> wanted, Set<Bundle> visited, List<Bundle> ordered) {
        if (!visited.add(bundle)) {
            return;
        }
        for (Bundle provider : FrameworkAccess.providers(bundle)) {
            if (wanted.contains(provider)) {
                visit(provider, wanted, visited, ordered);
            }
        }
        ordered.add(bundle);
    }

    /**
     * Every bundle reachable from {@code start} through {@code next} whose walk {@code follow} allows, without
     * {@code start} itself.
     */
    static Set<Bundle> reachable(Bundle start, Function<Bundle, Set<Bundle>> next, Predicate<Bundle> follow) {
        Set<Bundle> found = new LinkedHashSet<>();
        Deque<Bundle> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            Bundle bundle = queue.removeFirst();
            for (Bundle neighbour : next.apply(bundle)) {
                if (!neighbour.equals(start) && follow.test(neighbour) && found.add(neighbour)) {
                    queue.add(neighbour);
                }
            }
        }
        return found;
    }
}
