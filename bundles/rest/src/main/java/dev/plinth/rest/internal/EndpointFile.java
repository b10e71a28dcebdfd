package dev.plinth.rest.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.HttpServiceRuntimeConstants;

import dev.plinth.common.AtomicFiles;


/**
 * Writes where the API listens ({@code rest/endpoint} in the data directory, e.g. {@code http://127.0.0.1:8181/})
 * while the HTTP server runs, so that {@code bin/plinth} on the same home finds it; deletes it when it stops. It
 * waits for the tokens (the {@link Authentication}), so that the admin token exists when it is written.
 * The HTTP server registers its {@link HttpServiceRuntime} only once it listens; a file left by a runtime that
 * crashed is deleted when this bundle starts ({@link Stale}), so that it never names a port someone else may hold.
 */
@Component(immediate = true)
public final class EndpointFile {

    private final Path file;

    @Activate
    public EndpointFile(BundleContext context, @Reference(service = HttpServiceRuntime.class) Map<String, Object> runtime,
            @Reference Authentication tokens,
            @Reference(service = LoggerFactory.class) Logger log, @Reference Stale deleted) {
        this.file = file(context);
        List<String> endpoints = RouteRules.strings(runtime.get(HttpServiceRuntimeConstants.HTTP_SERVICE_ENDPOINT));
        if (endpoints.isEmpty()) {
            log.warn("the HTTP server names no endpoint; bin/plinth cannot find the REST API");
            return;
        }
        try {
            AdminTokenFile.ownerOnlyDirectory(file.getParent());
            AtomicFiles.write(file, (endpoints.get(0) + "\n").getBytes(StandardCharsets.UTF_8));
            log.info("REST API at {}api/", endpoints.get(0));
        } catch (IOException e) {
            log.warn("cannot write {}: {}", file, e.getMessage());
        }
    }

    @Deactivate
    void stop() {
        delete(file);
    }

    static Path file(BundleContext context) {
        return RestData.folder(context).resolve("endpoint");
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the next start deletes it; bin/plinth checks whom it talks to anyway
        }
    }

    /** Deletes the file a previous run may have left, as soon as this bundle starts, before the HTTP server does. */
    @Component(immediate = true, service = Stale.class)
    public static final class Stale {

        @Activate
        public Stale(BundleContext context) {
            delete(file(context));
        }
    }
}
