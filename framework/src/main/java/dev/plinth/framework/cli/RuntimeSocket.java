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
        Path staging = Files.createTempDirectory(dataDirectory, ".sock-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path staged = staging.resolve(FILE_NAME);
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
