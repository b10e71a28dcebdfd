package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.plinth.itests.blackbox.RestRuntime.Response;

/**
 * Multipart uploads on a running daemon whose Java temp folder is a folder of the test: nothing is spooled there,
 * nothing is left in the upload folder, which only its owner may enter, and broken bodies are 400 problems.
 */
class MultipartUploadsIT {

    private static final String BOUNDARY = "plinth-test-boundary";
    private static final String TYPE = "multipart/form-data; boundary=" + BOUNDARY;

    @TempDir
    static Path unpacked;

    @AutoClose
    private static RestRuntime rest;
    private static Path temp;

    @BeforeAll
    static void start() throws Exception {
        Plinth plinth = new Plinth(Distribution.unpack(unpacked));
        temp = Files.createDirectories(unpacked.resolve("java-temp"));
        Path options = plinth.home().resolve("conf/jvm.options");
        Files.writeString(options, Files.readString(options) + "\n-Djava.io.tmpdir=" + temp + "\n");
        Files.writeString(plinth.home().resolve("etc/dev.plinth.rest.cfg.json"),
                RestRuntime.configuration(4 * 1024 * 1024));
        rest = RestRuntime.start(plinth, RestRuntime.freePort());
    }

    @Test
    void refusedMultipartUploadsLeaveNothingBehind() throws Exception {
        byte[] jar = Files.readAllBytes(rest.home().resolve("samples/dev.plinth.sample.hello.jar"));
        byte[] field = part("note", null, "a form field".getBytes(StandardCharsets.UTF_8));
        byte[] file = part("file", "hello.jar", jar);

        assertProblem(400, "more than one file", body(file, part("other", "other.jar", jar)));
        assertProblem(400, "no file part", body(field));
        assertProblem(400, "no file part", body());
        long errors = errorLines();
        byte[] whole = body(field, file);
        assertProblem(400, "closing boundary", java.util.Arrays.copyOf(whole, whole.length - 10));
        assertProblem(400, "closing boundary", java.util.Arrays.copyOf(whole, 200));
        Response noBoundary = rest.post("/api/plugins", rest.adminToken(), "multipart/form-data",
                BodyPublishers.ofByteArray(whole));
        assertEquals("BAD_REQUEST", noBoundary.problem(400));
        String brokenOff = sendBrokenOff(TYPE, whole);
        assertTrue(brokenOff.startsWith("HTTP/1.1 400"), brokenOff);
        String rawBrokenOff = sendBrokenOff("application/java-archive", jar);
        assertTrue(rawBrokenOff.startsWith("HTTP/1.1 400"), rawBrokenOff);
        assertEquals(errors, errorLines(), "a broken body is the client's fault, not an error of the runtime");

        assertEquals(List.of(), leftovers(temp), "nothing is spooled to the Java temp folder");
        assertEquals(List.of(), leftovers(rest.home().resolve("data/rest/uploads")), "no upload is left");
        assertEquals(404, rest.get("/api/plugins/dev.plinth.sample.hello").status());
    }

    @Test
    void anUploadWithAFormFieldInstallsAndSpoolsOnlyIntoTheOwnersFolder() throws Exception {
        byte[] jar = Files.readAllBytes(rest.home().resolve("samples/dev.plinth.sample.versioned-1.jar"));
        Response installed = rest.post("/api/plugins", rest.adminToken(), TYPE,
                BodyPublishers.ofByteArray(body(part("note", null, "x".getBytes(StandardCharsets.UTF_8)),
                        part("file", "versioned-1.jar", jar))));

        assertEquals(201, installed.status(), installed.toString());
        Path uploads = rest.home().resolve("data/rest/uploads");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(uploads)));
        assertEquals(List.of(), leftovers(temp));
        // the upload is deleted once the answer is written, which the client may read first
        RestRuntime.await(() -> leftovers(uploads).isEmpty(), "an empty upload folder");
    }

    private static void assertProblem(int status, String detail, byte[] body) throws Exception {
        Response response = rest.post("/api/plugins", rest.adminToken(), TYPE, BodyPublishers.ofByteArray(body));
        assertEquals("BAD_REQUEST", response.problem(status), response.toString());
        assertTrue(response.object().getString("detail").contains(detail), response.toString());
    }

    /** Sends a body that breaks off before its declared length, then reads the answer. */
    private static String sendBrokenOff(String contentType, byte[] whole) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", rest.port())) {
            socket.setSoTimeout((int) RestRuntime.BOUND.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/plugins HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + rest.adminToken()
                    + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + whole.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(whole, 0, whole.length / 2);
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static byte[] part(String name, String fileName, byte[] content) {
        ByteArrayOutputStream part = new ByteArrayOutputStream();
        part.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                + (fileName == null ? "" : "; filename=\"" + fileName + "\"\r\nContent-Type: application/java-archive")
                + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        part.writeBytes(content);
        part.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        return part.toByteArray();
    }

    private static byte[] body(byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            body.writeBytes(part);
        }
        body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    private static long errorLines() throws Exception {
        Path log = rest.home().resolve("data/log/plinth.log");
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(line -> line.contains(" ERROR ") || line.startsWith("\tat ")).count();
        }
    }

    private static List<String> leftovers(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).map(Path::toString).sorted().toList();
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return List.of("unreadable: " + e.getMessage());
        }
    }
}
