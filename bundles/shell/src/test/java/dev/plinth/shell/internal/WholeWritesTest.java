package dev.plinth.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

class WholeWritesTest {

    /** The connection as the client sees it: one frame per write call. */
    private static final class Frames extends OutputStream {
        final List<String> frames = new ArrayList<>();
        int flushes;

        @Override
        public void write(int b) {
            frames.add(String.valueOf((char) b));
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            frames.add(new String(bytes, offset, length, StandardCharsets.UTF_8));
        }

        @Override
        public void flush() {
            flushes++;
        }
    }

    @Test
    void bytesWrittenOneByOneGoOutAsOneFrameAtTheFlush() throws IOException {
        Frames connection = new Frames();
        WholeWrites out = new WholeWrites(connection);
        for (byte b : "plinth> ".getBytes(StandardCharsets.UTF_8)) {
            out.write(b);
        }
        assertEquals(List.of(), connection.frames, "nothing before the flush");

        out.flush();
        out.flush();

        assertEquals(List.of("plinth> "), connection.frames);
        assertEquals(1, connection.flushes, "an empty flush sends nothing");
    }

    @Test
    void twoThreadsWritingByteByByteAtOnceComeOutWhole() throws Exception {
        ByteArrayOutputStream connection = new ByteArrayOutputStream();
        WholeWrites out = new WholeWrites(connection);
        String first = "java.lang.InterruptedException: sleep interrupted\n";
        String second = "sleep: java.lang.InterruptedException: sleep interrupted\n";
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (String line : List.of(first, second)) {
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                    for (int round = 0; round < 200; round++) {
                        for (byte b : line.getBytes(StandardCharsets.UTF_8)) {
                            out.write(b);
                            Thread.yield();
                        }
                        out.flush();
                    }
                } catch (InterruptedException | IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join(30_000);
        }

        String[] lines = connection.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(400, lines.length);
        for (String line : lines) {
            assertEquals(true, (line + "\n").equals(first) || (line + "\n").equals(second), "mixed: " + line);
        }
    }
}
