package dev.plinth.manager.internal;

import java.util.Map;

import org.osgi.resource.Namespace;
import org.osgi.resource.Requirement;
import org.osgi.resource.Resource;

/** A requirement handed to library sources: namespace and filter, of no particular resource. */
record SimpleRequirement(Capabilities.Req req) implements Requirement {

    @Override
    public String getNamespace() {
        return req.namespace();
    }

    @Override
    public Map<String, String> getDirectives() {
        return req.filter() == null ? Map.of() : Map.of(Namespace.REQUIREMENT_FILTER_DIRECTIVE, req.filter());
    }

    @Override
    public Map<String, Object> getAttributes() {
        return Map.of();
    }

    @Override
    public Resource getResource() {
        return null;
    }
}
