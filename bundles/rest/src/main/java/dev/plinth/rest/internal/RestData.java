package dev.plinth.rest.internal;

import java.nio.file.Path;

import org.osgi.framework.BundleContext;

import dev.plinth.api.plugin.PlinthProperties;

/** The REST API's folder in the data directory ({@code data/rest}): the admin token, the address, uploads. */
final class RestData {

    private RestData() {
    }

    static Path folder(BundleContext context) {
        String data = context.getProperty(PlinthProperties.DATA);
        return Path.of(data == null || data.isBlank() ? "data" : data).resolve("rest");
    }
}
