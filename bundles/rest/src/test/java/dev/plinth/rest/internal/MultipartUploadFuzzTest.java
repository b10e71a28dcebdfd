package dev.plinth.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plinth.common.testing.FuzzChecks;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.plinth.common.BundleIdentity;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Fuzzes plugin uploads as the REST API receives them ({@link Uploads#receive}, which reads a
 * {@code multipart/form-data} body with {@link MultipartBody}): the input is the request's {@code Content-Type},
 * a line break, then the body. An upload is either stored as one bundle archive in the private upload folder, or
 * refused with a 4xx problem (400, 411, 413, 415, 422) that says why, leaving nothing behind; nothing is written
 * outside the upload folder. Seeds: {@code MultipartUploadFuzzTestInputs/upload}.
 */
class MultipartUploadFuzzTest {

    private static final Path FOLDER = FuzzChecks.folder("upload");
    private static final Set<String> EMPTY_FOLDERS = Set.of("rest", "rest/uploads");
    private static final Set<Integer> REFUSALS = Set.of(400, 411, 413, 415, 422);

    @DictionaryEntries({"--", "--XyZ--", "multipart/form-data; boundary=",
        "Content-Disposition: form-data; name=\"file\"; filename=\"",
        "Content-Type: application/java-archive", "application/java-archive"})
    @FuzzTest(maxDuration = "3m")
    void upload(byte[] bytes) throws Exception {
        FuzzChecks.clear(FOLDER, false);
        int newline = indexOf(bytes, (byte) '\n');
        String contentType = new String(bytes, 0, newline < 0 ? bytes.length : newline, StandardCharsets.ISO_8859_1);
        byte[] body = newline < 0 ? new byte[0] : Arrays.copyOfRange(bytes, newline + 1, bytes.length);
        Uploads uploads = new Uploads(FOLDER.resolve("rest").resolve("uploads"), 64 * 1024);
        Uploads.Upload upload;
        try {
            upload = FuzzChecks.timed("receiving " + bytes.length + " bytes",
                    () -> uploads.receive(request(contentType, body), null));
        } catch (ApiException e) {
            Problem problem = e.problem();
            assertTrue(REFUSALS.contains(problem.status()), problem.toString());
            assertNotNull(problem.message());
            assertFalse(problem.message().isBlank());
            assertTrue(EMPTY_FOLDERS.containsAll(FuzzChecks.listing(FOLDER)), "a refused upload leaves nothing: "
                    + FuzzChecks.listing(FOLDER));
            return;
        } catch (IOException | RuntimeException | Error e) {
            throw FuzzChecks.unexpected("receiving an upload", e);
        }
        Path file = upload.file();
        assertTrue(file.startsWith(FOLDER.resolve("rest").resolve("uploads")), file.toString());
        assertTrue(file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".jar"), file.toString());
        assertNotNull(BundleIdentity.of(file), "an accepted upload is a bundle");
        assertTrue(Files.size(file) <= 64 * 1024);
        upload.close();
        assertEquals(EMPTY_FOLDERS, FuzzChecks.listing(FOLDER), "closing deletes the upload");
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    /** A request with this content type and body; any other question is a test defect. */
    private static HttpServletRequest request(String contentType, byte[] body) {
        ServletInputStream in = new ServletInputStream() {
            private final ByteArrayInputStream bytes = new ByteArrayInputStream(body);

            @Override
            public int read() {
                return bytes.read();
            }

            @Override
            public int read(byte[] into, int offset, int length) {
                return bytes.read(into, offset, length);
            }

            @Override
            public boolean isFinished() {
                return bytes.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException();
            }
        };
        return (HttpServletRequest) Proxy.newProxyInstance(MultipartUploadFuzzTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, arguments) -> switch (method.getName()) {
                    case "getContentLengthLong" -> (long) body.length;
                    case "getContentLength" -> body.length;
                    case "getContentType" -> contentType;
                    case "getInputStream" -> in;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
