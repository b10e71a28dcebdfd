package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What stands at {@code data/plinth.sock} when no Plinth runtime does: the plugin verbs take a socket there as the
 * running runtime, so they must never write to one another user planted, must say so when what listens does not
 * speak the protocol, and refuse empty words before anything is sent.
 */
class SocketImpostorsIT {

    @TempDir
    Path unpacked;

    private Plinth plinth;
    private Path socket;

    @BeforeEach
    void unpack() throws Exception {
        plinth = new Plinth(Distribution.unpack(unpacked));
        Files.createDirectories(plinth.home().resolve("data"));
        socket = plinth.home().resolve("data/plinth.sock");
        // No class archive for the client here: the run that makes it in the background connects too.
        Files.writeString(plinth.home().resolve("data/client"), "");
    }

    @Test
    void aSocketOfAnotherUserIsRefusedBeforeAnythingIsSent() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "giving the socket to another user needs root");
        try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            listener.bind(UnixDomainSocketAddress.of(socket));
            UserPrincipal nobody = socket.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName("nobody");
            Files.setOwner(socket, nobody);

            Plinth.Result export = plinth.run(null, "export", unpacked.resolve("set.json").toString());

            assertEquals(3, export.exit(), export.toString());
            assertTrue(export.err().contains("refusing " + socket + ": it belongs to user id "), export.toString());
            listener.configureBlocking(false);
            assertNull(listener.accept(), "the client never connected");
            assertTrue(Files.notExists(unpacked.resolve("set.json")));
        }
    }

    @Test
    void aListenerThatDoesNotSpeakTheProtocolIsNotARuntime() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            listener.bind(UnixDomainSocketAddress.of(socket));
            CompletableFuture<Void> answering = CompletableFuture.runAsync(() -> {
                try (SocketChannel client = listener.accept()) {
                    client.write(ByteBuffer.wrap("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
                    client.read(ByteBuffer.allocate(4096));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            Plinth.Result plugins = plinth.run(null, "plugins");

            assertEquals(3, plugins.exit(), plugins.toString());
            assertTrue(plugins.err().contains("what listens on " + socket + " is not a Plinth runtime"),
                    plugins.toString());
            answering.get(Plinth.BOUND.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Test
    void anEmptyWordIsAUsageErrorAndNothingIsSent() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            listener.bind(UnixDomainSocketAddress.of(socket));

            Plinth.Result why = plinth.run(null, "why", "");

            assertEquals(2, why.exit(), why.toString());
            assertTrue(why.err().contains("an empty word is not a plugin id"), why.toString());
            listener.configureBlocking(false);
            assertNull(listener.accept(), "the client never connected");
        }
    }
}
