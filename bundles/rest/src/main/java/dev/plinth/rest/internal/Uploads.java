package dev.plinth.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipException;

import jakarta.servlet.http.HttpServletRequest;

import dev.plinth.common.BoundedInputStream;
import dev.plinth.api.PluginException;
import dev.plinth.common.BundleIdentity;

/**
 * Receives an uploaded plugin archive (the request body, or the file part of a {@code multipart/form-data}
 * request, read by {@link MultipartBody} as it arrives) into a private folder ({@code data/rest/uploads}, owner
 * only), within the size limit, and checks that it is a bundle before the manager sees it. Nothing of a refused
 * upload is kept, and nothing is spooled anywhere else.
 */
final class Uploads {

    /** What a multipart request may carry beyond the archive: boundaries and part headers. */
    static final long MULTIPART_OVERHEAD = 64 * 1024;

    /**
     * How much of a refused body is still read (and discarded) before answering, so that a client that sends
     * the whole body before reading the answer gets the 413 rather than a broken connection. Beyond it the
     * connection is closed.
     */
    static final long DRAIN_BOUND = 16L * 1024 * 1024;

    /**
     * The media types of a body that is the archive itself. {@code application/x-www-form-urlencoded} is what
     * {@code curl --data-binary} sends by default; the body is never parsed as a form.
     */
    private static final Set<String> ARCHIVE_TYPES = Set.of("", "application/java-archive",
            "application/x-java-archive", "application/octet-stream", "application/zip",
            "application/x-www-form-urlencoded");

    private static final int MAX_NAME = 128;

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private final Path directory;
    private final long limit;

    Uploads(Path directory, long limit) {
        this.directory = directory;
        this.limit = limit;
    }

    long limit() {
        return limit;
    }

    /** The request's archive, stored and checked; the caller closes it, which deletes it. */
    Upload receive(HttpServletRequest request, String fileName) throws ApiException, IOException {
        long declared = request.getContentLengthLong();
        String mediaType = mediaType(request.getContentType());
        if (mediaType.equals("multipart/form-data")) {
            if (declared < 0) {
                throw new ApiException(411, "LENGTH_REQUIRED", "a multipart upload needs a Content-Length");
            }
            if (declared > limit + MULTIPART_OVERHEAD) {
                throw tooLarge(request.getInputStream());
            }
            return multipart(request, fileName);
        }
        if (!ARCHIVE_TYPES.contains(mediaType)) {
            throw new ApiException(415, "UNSUPPORTED_MEDIA_TYPE", "send the plugin archive as the body "
                    + "(application/java-archive or application/octet-stream) or as the file part of "
                    + "multipart/form-data, not " + mediaType);
        }
        if (declared > limit) {
            throw tooLarge(request.getInputStream());
        }
        try (InputStream in = request.getInputStream()) {
            return store(in, fileName);
        }
    }

    /**
     * The one file part of a multipart body, read as it arrives straight into the private folder; form fields are
     * skipped unread. Everything stored is deleted when the request is refused.
     */
    private Upload multipart(HttpServletRequest request, String fileName) throws ApiException, IOException {
        Upload upload = null;
        try (InputStream in = request.getInputStream()) {
            MultipartBody body = MultipartBody.of(in, request.getContentType());
            MultipartBody.Part part;
            while ((part = body.next()) != null) {
                String submitted = part.fileName();
                if (submitted == null) {
                    continue;
                }
                if (upload != null) {
                    throw ApiException.badRequest("the multipart request has more than one file; send one");
                }
                upload = store(part.content(), fileName != null ? fileName : submitted);
            }
            if (upload == null) {
                throw ApiException.badRequest("the multipart request has no file part");
            }
            return upload;
        } catch (MultipartBody.Malformed e) {
            close(upload);
            throw ApiException.badRequest("the multipart request cannot be read: " + e.getMessage());
        } catch (ApiException | IOException | RuntimeException e) {
            close(upload);
            throw e;
        }
    }

    private static void close(Upload upload) {
        if (upload != null) {
            upload.close();
        }
    }

    private Upload store(InputStream in, String fileName) throws ApiException, IOException {
        AdminTokenFile.ownerOnlyDirectory(directory.getParent());
        AdminTokenFile.ownerOnlyDirectory(directory);
        if (Files.getFileAttributeView(directory, PosixFileAttributeView.class) != null
                && !Files.getPosixFilePermissions(directory).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(directory, OWNER_ONLY); // made by an older version
        }
        Path folder = Files.createTempDirectory(directory, "upload-");
        Upload upload = new Upload(folder.resolve(safeName(fileName)));
        try {
            long size = copy(in, upload.file());
            if (size == 0) {
                throw ApiException.badRequest("the request has no archive: send the plugin jar as the body "
                        + "or as the file part of multipart/form-data");
            }
            checkBundle(upload.file());
            return upload;
        } catch (ApiException | IOException | RuntimeException e) {
            upload.close();
            throw e;
        }
    }

    /** Stores the body within the limit (reading exactly the limit is allowed). */
    private long copy(InputStream in, Path file) throws ApiException, IOException {
        InputStream body = new BoundedInputStream(new RequestBody(in), limit, "the archive");
        try (OutputStream out = Files.newOutputStream(Files.createFile(file, AdminTokenFile.ownerOnlyFile()))) {
            return body.transferTo(out);
        } catch (BoundedInputStream.TooLarge e) {
            throw tooLarge(in);
        } catch (RequestBody.BrokenOff e) {
            throw e.answer();
        }
    }

    private static void checkBundle(Path file) throws ApiException {
        try {
            if (BundleIdentity.of(file) == null) {
                throw new ApiException(422, "INVALID_ARCHIVE",
                        "the upload is not an OSGi bundle: its manifest has no Bundle-SymbolicName");
            }
        } catch (ZipException e) {
            throw new ApiException(422, "INVALID_ARCHIVE", "the upload is not a jar: " + e.getMessage());
        } catch (IOException e) {
            throw new ApiException(422, "INVALID_ARCHIVE", "the upload cannot be read as a jar: " + e.getMessage());
        }
    }

    /** The 413, after reading what is left of the body within {@link #DRAIN_BOUND}. */
    private ApiException tooLarge(InputStream rest) {
        try {
            new BoundedInputStream(rest, DRAIN_BOUND, "the refused body").transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // beyond the drain bound, or the client went away: nobody reads the answer anyway
        }
        return tooLarge();
    }

    private ApiException tooLarge() {
        return new ApiException(413, "TOO_LARGE", "the archive is larger than the upload limit of " + limit
                + " bytes (max.upload.bytes of dev.plinth.rest)");
    }

    /**
     * A file name safe to create: letters, digits, dot, dash and underscore, ending in .jar, at most
     * {@value #MAX_NAME} characters (file systems refuse longer names).
     */
    static String safeName(String submitted) {
        String name = submitted == null ? "" : submitted.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        if (name.isEmpty() || name.startsWith(".")) {
            name = "upload" + name;
        }
        name = name.toLowerCase(Locale.ROOT).endsWith(".jar") ? name : name + ".jar";
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME - 4) + ".jar";
    }

    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    /** A stored upload; closing it deletes the file and its folder. */
    record Upload(Path file) implements AutoCloseable {

        /**
         * {@code failure} with the upload's internal path (the data directory's upload folder) replaced by the upload's
         * name, {@code upload x.jar}, in its message and details: what clients see names no file of the server.
         */
        PluginException named(PluginException failure) {
            if (failure.getClass() != PluginException.class) {
                return failure;
            }
            String message = hide(failure.getMessage());
            List<String> details = failure.details().stream().map(this::hide).toList();
            if (java.util.Objects.equals(message, failure.getMessage()) && details.equals(failure.details())) {
                return failure;
            }
            return new PluginException(failure.code(), message, details, failure);
        }

        private String hide(String text) {
            if (text == null) {
                return null;
            }
            String name = "upload " + file.getFileName();
            return text.replace(file.toUri().toString(), name).replace(file.toString(), name)
                    .replace(file.getParent().toString(), "the upload");
        }

        /** What the plugin's source is recorded as: the uploaded file's name, {@code upload:x.jar}. */
        String source() {
            return "upload:" + file.getFileName();
        }

        @Override
        public void close() {
            try {
                Files.deleteIfExists(file);
                Files.deleteIfExists(file.getParent());
            } catch (IOException e) {
                // a left-over upload is deleted with the next start's sweep
            }
        }
    }
}
