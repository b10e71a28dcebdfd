package dev.plinth.itests.embedding;

import java.util.List;

/** An OSGi framework Plinth's bundles are embedded in, and what it needs beside them that another brings along. */
public enum EmbeddingFramework {

    /** Apache Felix: the OSGi Log Service comes as a bundle. */
    FELIX("org.apache.felix.framework", List.of("org.apache.felix.log")),

    /** Eclipse Equinox: the OSGi Log Service is part of the framework. */
    EQUINOX("org.eclipse.osgi", List.of());

    private final String systemBundle;
    private final List<String> logService;

    EmbeddingFramework(String systemBundle, List<String> logService) {
        this.systemBundle = systemBundle;
        this.logService = logService;
    }

    /** The symbolic name of the framework's system bundle. */
    public String systemBundle() {
        return systemBundle;
    }

    /** The symbolic names of the bundles that provide the OSGi Log Service in this framework (none when built in). */
    public List<String> logService() {
        return logService;
    }
}
