package dev.plinth.catalog.internal;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** Opens what a catalogue names: {@code file:} locations and paths on disk, and {@code http(s):} URLs. */
final class Locations {

    private final Path home;
    private final Duration timeout;
    private final Duration downloadTimeout;
    private volatile HttpClient http;

    /**
     * @param home what relative paths are resolved against
     * @param timeout the bound on connecting and on reading a whole index, from the request to its last byte
     * @param downloadTimeout the same bound for an archive
     */
    Locations(Path home, Duration timeout, Duration downloadTimeout) {
        this.home = home;
        this.timeout = timeout;
        this.downloadTimeout = downloadTimeout;
    }

    /**
     * A catalogue as configured (a path, a {@code file:} or {@code http(s):} URL) as an absolute URI of its index: a
     * folder, or a URL ending in {@code /}, stands for its {@code index.xml}.
     */
    URI index(String configured) {
        String value = configured.trim();
        String scheme = value.contains(":") ? value.substring(0, value.indexOf(':')).toLowerCase(Locale.ROOT) : "";
        if (scheme.equals("http") || scheme.equals("https")) {
            URI uri = URI.create(value);
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            return path.isEmpty() || path.endsWith("/") ? uri.resolve(path.isEmpty() ? "/index.xml" : "index.xml")
                    : uri;
        }
        Path path = scheme.equals("file") ? Path.of(URI.create(value)) : home.resolve(value);
        if (Files.isDirectory(path)) {
            Path gzipped = path.resolve("index.xml.gz");
            path = Files.exists(gzipped) && !Files.exists(path.resolve("index.xml")) ? gzipped : path.resolve("index.xml");
        }
        return path.toAbsolutePath().normalize().toUri();
    }

    /** Opens an index; the caller closes the stream. A remote one must arrive whole within the timeout. */
    InputStream openIndex(URI location) throws IOException {
        return open(location, timeout);
    }

    /** Opens an archive; the caller closes the stream. A remote one must arrive whole within the download timeout. */
    InputStream openArchive(URI location) throws IOException {
        return open(location, downloadTimeout);
    }

    private InputStream open(URI location, Duration bound) throws IOException {
        String scheme = location.getScheme() == null ? "" : location.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "file" -> {
                Path path = Path.of(location);
                if (!Files.isRegularFile(path)) {
                    throw new FileNotFoundException(path + " does not exist");
                }
                return Files.newInputStream(path);
            }
            case "http", "https" -> {
                long start = System.nanoTime();
                HttpRequest request = HttpRequest.newBuilder(location).timeout(min(timeout, bound)).GET().build();
                try {
                    HttpResponse<InputStream> response = client().send(request,
                            HttpResponse.BodyHandlers.ofInputStream());
                    if (response.statusCode() != 200) {
                        response.body().close();
                        throw new IOException(location + " answered HTTP " + response.statusCode());
                    }
                    Duration left = bound.minusNanos(System.nanoTime() - start);
                    return new DeadlineInputStream(response.body(), left, bound, location.toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while fetching " + location, e);
                }
            }
            default -> throw new IOException("cannot fetch " + location + ": only file, http and https are supported");
        }
    }

    /**
     * What changes when a {@code file:} location changes (its modification time in nanoseconds, mixed with its
     * size), or -1 for other locations and missing files.
     */
    long lastModified(URI location) {
        if (!"file".equalsIgnoreCase(location.getScheme())) {
            return -1;
        }
        try {
            Path path = Path.of(location);
            return Files.getLastModifiedTime(path).to(java.util.concurrent.TimeUnit.NANOSECONDS) * 31
                    + Files.size(path);
        } catch (IOException e) {
            return -1;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private HttpClient client() {
        HttpClient client = http;
        if (client == null) {
            client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
            http = client;
        }
        return client;
    }
}
