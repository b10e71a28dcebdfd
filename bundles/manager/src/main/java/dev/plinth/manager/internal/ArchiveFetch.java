package dev.plinth.manager.internal;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.plinth.api.Options;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.Verb;

/**
 * Reads the archives a verb brings. A given archive is read once the manager is ready, outside the queue (a slow
 * download holds up nobody); a refused archive is recorded and published like any failed operation.
 */
final class ArchiveFetch {

    private final Store store;
    private final ArchiveReader reader;
    private final ReadinessGate gate;
    private final Outcomes outcomes;

    ArchiveFetch(Store store, ArchiveReader reader, ReadinessGate gate, Outcomes outcomes) {
        this.store = store;
        this.reader = reader;
        this.gate = gate;
        this.outcomes = outcomes;
    }

    /** The archive at {@code source}, with the source {@code options} name when they name one. */
    Archive fetch(Verb verb, String target, URI source, Options options) throws PluginException {
        gate.await();
        try {
            Archive archive = reader.read(source);
            return options.source() == null ? archive : archive.withSource(options.source());
        } catch (PluginException e) {
            if (!options.simulate()) {
                String location = ArchiveReader.display(source);
                String named = options.source();
                // An archive named by its source (an upload) is recorded by that name, never by its temporary path.
                outcomes.refused(verb, named != null && target.equals(location) ? named : target,
                        named == null ? e : renamed(e, location, named), options.origin());
            }
            throw e;
        }
    }

    /** {@code failure} with the archive's location replaced by the name it is recorded by. */
    private static PluginException renamed(PluginException failure, String location, String name) {
        return new PluginException(failure.code(), String.valueOf(failure.getMessage()).replace(location, name),
                failure.details().stream().map(detail -> detail.replace(location, name)).toList(), failure.getCause());
    }

    /**
     * The archives of an upgrade of several plugins together, each checked to be of the plugin it is to upgrade;
     * when one is refused, those already read go.
     */
    List<Archive> upgrades(Map<String, URI> sources, Options options) throws PluginException {
        List<Archive> archives = new ArrayList<>();
        try {
            for (Map.Entry<String, URI> source : sources.entrySet()) {
                String id = source.getKey();
                Archive archive = fetch(Verb.UPGRADE, id, source.getValue(), options);
                archives.add(archive);
                if (!archive.id().equals(id)) {
                    throw new PluginException(Code.INVALID_ARCHIVE, ArchiveReader.display(source.getValue()) + " is "
                            + archive.id() + " " + archive.version() + ", not " + id);
                }
            }
            return archives;
        } catch (PluginException | RuntimeException e) {
            archives.forEach(Archive::discard);
            throw e;
        }
    }

    /** The archive a rollback of {@code record} brings back: its previous version's, kept in the store. */
    Archive previous(StoredPlugin record) throws PluginException {
        String id = record.id();
        if (record.previousSha256() == null) {
            throw new PluginException(Code.NO_PREVIOUS_VERSION, id + " " + record.version()
                    + " has no previous version to roll back to");
        }
        Path artifact = store.artifact(record.previousSha256());
        if (!artifact.toFile().isFile()) {
            throw new PluginException(Code.NOT_FOUND, "the archive of " + id + " " + record.previousVersion()
                    + " is missing from the store");
        }
        Archive previous = reader.readStored(artifact, null);
        return record.previousSource() == null ? previous : previous.withSource(record.previousSource());
    }
}
