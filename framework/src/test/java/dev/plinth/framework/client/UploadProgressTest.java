package dev.plinth.framework.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest.BodyPublisher;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadProgressTest {

    @TempDir
    Path directory;

    @Test
    void theLineSaysTheNameThePercentageAndTheSize() {
        assertEquals("Uploading greeter.jar:  40% of 2.5 MB", UploadProgress.line("greeter.jar",
                1_048_576, 2_621_440));
        assertEquals("Uploading tiny.jar: 100% of 0.5 KB", UploadProgress.line("tiny.jar", 512, 512));
    }

    @Test
    void onATerminalEveryPercentIsShownOnOneLineEndedWhenAllIsSent() throws Exception {
        Path jar = Files.write(directory.resolve("plugin.jar"), new byte[300_000]);
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(shown, true, StandardCharsets.UTF_8);

        BodyPublisher body = UploadProgress.of(jar, true, err);
        long sent = drain(body);

        assertEquals(300_000, sent);
        assertEquals(300_000, body.contentLength(), "the length is sent, not chunks");
        String text = shown.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\rUploading plugin.jar:"), text);
        assertTrue(text.endsWith("\rUploading plugin.jar: 100% of 293.0 KB" + System.lineSeparator()), text);
    }

    @Test
    void elsewhereNothingIsShown() throws Exception {
        Path jar = Files.write(directory.resolve("plugin.jar"), new byte[1000]);
        ByteArrayOutputStream shown = new ByteArrayOutputStream();

        long sent = drain(UploadProgress.of(jar, false, new PrintStream(shown, true, StandardCharsets.UTF_8)));

        assertEquals(1000, sent);
        assertEquals(0, shown.size());
    }

    /** Reads the whole body as the HTTP client would; returns the bytes. */
    private static long drain(BodyPublisher body) throws Exception {
        CompletableFuture<Long> done = new CompletableFuture<>();
        body.subscribe(new Flow.Subscriber<ByteBuffer>() {
            private long bytes;

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                bytes += item.remaining();
            }

            @Override
            public void onError(Throwable throwable) {
                done.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                done.complete(bytes);
            }
        });
        return done.get(30, TimeUnit.SECONDS);
    }
}
