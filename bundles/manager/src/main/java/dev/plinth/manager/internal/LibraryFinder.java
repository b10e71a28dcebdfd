package dev.plinth.manager.internal;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.osgi.framework.Filter;
import org.osgi.resource.Requirement;

import dev.plinth.api.extension.LibrarySource;
import dev.plinth.api.PluginException;

/**
 * Works out the libraries an archive needs: for every mandatory requirement nothing on offer meets, it asks the
 * library sources for an archive that does, and repeats for the libraries it adds. An archive offered for an
 * installed library's id replaces that library (another version of it); whether the library's other users can
 * live with the replacement is the planner's check.
 */
final class LibraryFinder {

    /** The libraries to add (with the id that first needed each) and the requirements nobody can meet. */
    record Result(List<Archive> libraries, List<Archive> replacements, Map<String, String> neededBy,
            List<String> problems, PluginException refusal) {

        void discard() {
            libraries.forEach(Archive::discard);
            replacements.forEach(Archive::discard);
        }

        /** Why nothing can be installed: a refused provider's reason, else the unmet requirements. */
        PluginException failure() {
            return refusal != null ? refusal : Planner.unresolved(problems);
        }
    }

    private final List<LibrarySource> sources;
    private final ArchiveReader reader;
    private final Predicate<String> installable;
    private final Predicate<String> replaceable;

    /**
     * @param installable whether a library of that id may be added (not when a bundle of that id is installed)
     * @param replaceable whether a library of that id may replace the installed one (a library of the manager's)
     */
    LibraryFinder(List<LibrarySource> sources, ArchiveReader reader, Predicate<String> installable,
            Predicate<String> replaceable) {
        this.sources = sources;
        this.reader = reader;
        this.installable = installable;
        this.replaceable = replaceable;
    }

    /** What a bundle or archive needs: its id and its mandatory requirements. */
    record Need(String id, List<Capabilities.Req> requirements) {

        static Need of(Archive archive) {
            return new Need(archive.id(), archive.requirements());
        }
    }

    Result find(Archive archive, CapabilityIndex index, CapabilityIndex.Naming naming) {
        index.add(archive, naming.words(archive.id()));
        return find(List.of(Need.of(archive)), index, naming);
    }

    /** The libraries for {@code roots}, whose own capabilities {@code index} already holds when they have any. */
    Result find(List<Need> roots, CapabilityIndex index, CapabilityIndex.Naming naming) {
        Map<String, Archive> libraries = new LinkedHashMap<>();
        Map<String, Archive> replacements = new LinkedHashMap<>();
        Map<String, String> neededBy = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        List<PluginException> refusals = new ArrayList<>();
        Deque<Need> pending = new ArrayDeque<>(roots);
        try {
            while (!pending.isEmpty()) {
                Need next = pending.poll();
                List<Capabilities.Req> unmet = new ArrayList<>();
                for (Capabilities.Req requirement : next.requirements()) {
                    if (index.matching(requirement).isEmpty()) {
                        Archive library = provider(requirement, libraries, replacements, refusals);
                        if (library == null) {
                            unmet.add(requirement);
                            continue;
                        }
                        (installable.test(library.id()) ? libraries : replacements).put(library.id(), library);
                        neededBy.put(library.id(), next.id());
                        index.add(library, "library " + library.id());
                        pending.add(Need.of(library));
                    }
                }
                if (!unmet.isEmpty()) {
                    problems.addAll(new Explainer(index, naming, List.of()).explain(next.id(), unmet));
                }
            }
        } catch (RuntimeException e) {
            libraries.values().forEach(Archive::discard);
            replacements.values().forEach(Archive::discard);
            throw e;
        }
        return new Result(new ArrayList<>(libraries.values()), new ArrayList<>(replacements.values()), neededBy,
                problems, refusals.isEmpty() ? null : refusals.get(refusals.size() - 1));
    }

    /** The first archive a source offers for the requirement; a source's refusal is added to {@code refusals}. */
    private Archive provider(Capabilities.Req requirement, Map<String, Archive> chosen,
            Map<String, Archive> replacing, List<PluginException> refusals) {
        Requirement osgiRequirement = new SimpleRequirement(requirement);
        Filter filter = CapabilityIndex.filter(requirement);
        for (LibrarySource source : sources) {
            List<URI> candidates;
            try {
                candidates = source.providers(osgiRequirement);
            } catch (LibrarySource.Refused e) {
                refusals.add(e.failure());
                continue;
            } catch (RuntimeException e) {
                continue;
            }
            for (URI candidate : candidates) {
                Archive library;
                try {
                    library = reader.read(candidate);
                } catch (PluginException e) {
                    continue;
                }
                boolean provides = library.capabilities().stream()
                        .anyMatch(cap -> cap.matches(requirement.namespace(), filter));
                boolean free = installable.test(library.id()) || replaceable.test(library.id());
                if (provides && free && !chosen.containsKey(library.id()) && !replacing.containsKey(library.id())) {
                    return library;
                }
                library.discard();
            }
        }
        return null;
    }
}
