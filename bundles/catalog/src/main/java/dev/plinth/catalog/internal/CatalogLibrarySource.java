package dev.plinth.catalog.internal;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.resource.Requirement;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

import dev.plinth.api.extension.LibrarySource;
import dev.plinth.api.PluginException;

/**
 * The catalogues as a source of libraries for the plugin manager: the newest archive this runtime can run that meets
 * a requirement, verified against its index. It does not use the manager, which uses it.
 */
@Component(service = LibrarySource.class)
public final class CatalogLibrarySource implements LibrarySource {

    private final BundleContext context;
    private final CatalogRepository repository;
    private final Logger log;

    @Activate
    public CatalogLibrarySource(BundleContext context, @Reference CatalogRepository repository,
            @Reference(service = LoggerFactory.class) Logger log) {
        this.context = context;
        this.repository = repository;
        this.log = log;
    }

    @Override
    public List<URI> providers(Requirement requirement) {
        Catalogues.Contents contents = repository.catalogues().contents();
        IndexResource.Requirement wanted = new IndexResource.Requirement(requirement.getNamespace(),
                requirement.getDirectives().get("filter"), requirement.getDirectives());
        if (contents.resources().stream().noneMatch(resource -> Selection.provides(resource, wanted))) {
            return List.of();
        }
        Optional<IndexResource> provider = new Selection(contents.resources(), Installed.of(context)).provider(wanted);
        if (provider.isEmpty()) {
            return List.of();
        }
        try {
            return List.of(repository.cache().fetch(provider.get()).toUri());
        } catch (PluginException e) {
            log.warn("library {} refused: {}", provider.get().label(), e.getMessage());
            throw new Refused(e);
        }
    }
}
