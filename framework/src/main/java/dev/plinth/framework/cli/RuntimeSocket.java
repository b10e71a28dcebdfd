package dev.plinth.framework.cli;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;

import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The runtime's Unix domain socket, {@code data/plinth.sock}: bound inside a fresh owner-only directory, made
 * owner-only itself, then moved into place, so that no other user can connect at any moment; every connection is
 * accepted only from the user who owns the socket (the runtime's user), by the peer credentials the kernel gives.
 * Only the holder of the home lock creates it, so a socket left by a runtime that was killed is replaced.
 */
final class RuntimeSocket implements AutoCloseable {

    static final String FILE_NAME = "plinth.sock";

    private final Path path;
    private final ServerSocketChannel server;
    private final UserPrincipal owner;

    private RuntimeSocket(Path path, ServerSocketChannel server, UserPrincipal owner) {
        this.path = path;
        this.server = server;
        this.owner = owner;
    }

    /** Binds the socket of this data directory; the caller holds the home lock. */
    static RuntimeSocket bind(Path dataDirectory) throws IOException {
        Path path = dataDirectory.toAbsolutePath().resolve(FILE_NAME);
        Files.deleteIfExists(path);
        Path staging = stagingDirectory(path.getParent());
        Path staged = staging.resolve(FILE_NAME);
        int length = staged.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (length > MAX_PATH_BYTES) {
            Files.deleteIfExists(staging);
            throw new IOException("the data directory's path is too long for a socket (a socket's path may have "
                    + MAX_PATH_BYTES + " bytes, and " + staged + " has " + length + "): use a home or data directory "
                    + "with a path at least " + (length - MAX_PATH_BYTES) + " characters shorter");
        }
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(staged));
            Files.setPosixFilePermissions(staged, PosixFilePermissions.fromString("rw-------"));
            UserPrincipal owner = Files.getOwner(staged);
            Files.move(staged, path, StandardCopyOption.ATOMIC_MOVE);
            return new RuntimeSocket(path, server, owner);
        } catch (IOException | RuntimeException e) {
            server.close();
            Files.deleteIfExists(staged);
            throw e;
        } finally {
            Files.deleteIfExists(staging);
        }
    }

    /** The longest path a Unix domain socket may be bound to ({@code sun_path} less its terminating zero). */
    static final int MAX_PATH_BYTES = 107;

    /**
     * A fresh owner-only directory with a short name ({@code .s} and 6 hex digits) beside the socket: a socket's
     * path is limited, and a longer name would take from what the home's own path may have.
     */
    static Path stagingDirectory(Path dataDirectory) throws IOException {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; ; attempt++) {
            Path staging = dataDirectory.resolve(String.format(".s%06x", random.nextInt(1 << 24)));
            try {
                return Files.createDirectory(staging,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt == 100) {
                    throw e;
                }
            }
        }
    }

    Path path() {
        return path;
    }

    /**
     * The next connection from the runtime's own user. A connection from another user, or one whose credentials
     * cannot be read, is answered with {@code refusal} and closed; null once the socket is closed.
     */
    SocketChannel accept(Refusal refusal) throws IOException {
        while (true) {
            SocketChannel channel = server.accept();
            String refused = refusal(channel);
            if (refused == null) {
                return channel;
            }
            try (channel) {
                refusal.refuse(channel, refused);
            } catch (IOException e) {
                // the refused client went away
            }
        }
    }

    private String refusal(SocketChannel channel) {
        try {
            UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
            if (peer == null || !owner.equals(peer.user())) {
                return "refused: the runtime on this home runs as " + owner.getName() + ", not as "
                        + (peer == null ? "an unknown user" : peer.user().getName());
            }
            return null;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return "refused: the connecting user cannot be checked (" + e.getMessage() + ")";
        }
    }

    /** Answers a connection that is refused. */
    interface Refusal {
        void refuse(SocketChannel channel, String reason) throws IOException;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // nothing more to release
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // the next runtime on this home replaces it
        }
    }
}
