package dev.plinth.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A small HTTP/1.1 client over plain sockets with keep-alive, light enough to load a server on the same two
 * cores without taking much of them: each connection sends a request, reads the whole answer (by its
 * {@code Content-Length}) and sends the next.
 */
final class HttpLoad implements AutoCloseable {

    /** An answer: status and body. */
    record Answer(int status, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final String host;
    private final String token;

    HttpLoad(URI base, String token) throws IOException {
        this.socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
        socket.setSoTimeout(60_000);
        this.out = socket.getOutputStream();
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.host = base.getHost() + ":" + base.getPort();
        this.token = token;
    }

    Answer send(String method, String path) throws IOException {
        return send(method, path, true);
    }

    /**
     * Sends the request and reads the answer; without {@code keepBody} the request accepts gzip, as a browser's or
     * {@code curl --compressed}'s would, and the body is skipped, neither kept nor decoded.
     */
    Answer send(String method, String path, boolean keepBody) throws IOException {
        String request = method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + token
                + "\r\nContent-Length: 0\r\nAccept: application/json\r\n"
                + (keepBody ? "" : "Accept-Encoding: gzip\r\n") + "\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = line();
        if (status == null || !status.startsWith("HTTP/1.1 ")) {
            throw new IOException("not an HTTP answer: " + status);
        }
        int length = -1;
        boolean chunked = false;
        for (String header = line(); header != null && !header.isEmpty(); header = line()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(header.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        byte[] body;
        if (chunked) {
            body = chunked();
        } else if (keepBody) {
            body = in.readNBytes(Math.max(length, 0));
        } else {
            in.skipNBytes(Math.max(length, 0));
            body = new byte[0];
        }
        return new Answer(Integer.parseInt(status.substring(9, 12)), body);
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            int size = Integer.parseInt(line().split(";", 2)[0].trim(), 16);
            if (size == 0) {
                line();
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            line();
        }
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1; c = in.read()) {
            if (c == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) c);
        }
        return line.length() == 0 ? null : line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /**
     * {@code connections} connections at once, each sending {@code requests} GETs of {@code path} one after the
     * other; every answer must be 200 (its body is skipped, so that the client allocates next to nothing).
     * Returns the latency of each request, in microseconds.
     */
    static long[] load(URI base, String token, String path, int connections, int requests)
            throws IOException, InterruptedException {
        ExecutorService threads = Executors.newFixedThreadPool(connections);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<long[]>> results = new ArrayList<>();
        try {
            for (int c = 0; c < connections; c++) {
                results.add(threads.submit(() -> {
                    long[] latencies = new long[requests];
                    try (HttpLoad client = new HttpLoad(base, token)) {
                        go.await();
                        for (int i = 0; i < requests; i++) {
                            long start = System.nanoTime();
                            Answer answer = client.send("GET", path, false);
                            latencies[i] = (System.nanoTime() - start) / 1000;
                            if (answer.status() != 200) {
                                throw new IOException("GET " + path + " answered " + answer.status());
                            }
                        }
                    }
                    return latencies;
                }));
            }
            go.countDown();
            long[] all = new long[connections * requests];
            int at = 0;
            for (Future<long[]> result : results) {
                long[] latencies = result.get();
                System.arraycopy(latencies, 0, all, at, latencies.length);
                at += latencies.length;
            }
            return all;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } finally {
            threads.shutdownNow();
        }
    }
}
