package dev.plinth.framework.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.BundleContext;

import dev.plinth.framework.ExitStatus;
import dev.plinth.framework.client.ChannelStreams;
import dev.plinth.framework.client.Frames;
import dev.plinth.framework.client.Hello;

/**
 * Serves the runtime's socket: each accepted connection gets a thread of its own that runs the commands it sends
 * ({@code exec} and piped input) or an attached console, each in its own Gogo session.
 */
final class SocketServer implements AutoCloseable {

    private final RuntimeSocket socket;
    private final BundleContext context;
    private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private SocketServer(RuntimeSocket socket, BundleContext context) {
        this.socket = socket;
        this.context = context;
    }

    /** Binds {@code data/plinth.sock} and starts accepting. */
    static SocketServer start(Path dataDirectory, BundleContext context) throws IOException {
        SocketServer server = new SocketServer(RuntimeSocket.bind(dataDirectory), context);
        Thread acceptor = new Thread(server::acceptAll, "plinth socket");
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }

    private void acceptAll() {
        while (!closed) {
            SocketChannel channel;
            try {
                channel = socket.accept(SocketServer::refuse);
            } catch (IOException e) {
                return;
            }
            connections.add(channel);
            Thread worker = new Thread(() -> serve(channel), "plinth socket client");
            worker.setDaemon(true);
            worker.start();
        }
    }

    private static void refuse(SocketChannel channel, String reason) throws IOException {
        DataOutputStream out = new DataOutputStream(ChannelStreams.output(channel));
        Frames.write(out, Frames.STDERR, "plinth: " + reason + "\n");
        Frames.write(out, Frames.EXIT, Integer.toString(ExitStatus.HOME_IN_USE.code()));
    }

    private void serve(SocketChannel channel) {
        ChannelWriter writer = new ChannelWriter(ChannelStreams.output(channel));
        try (channel; writer) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(ChannelStreams.input(channel)));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(writer));
            Frames.Frame hello = Frames.read(in);
            if (hello == null || hello.type() != Frames.HELLO) {
                return;
            }
            Hello request = Hello.parse(hello.text());
            int status = switch (request.mode()) {
                case Frames.EXEC, Frames.LINES -> new SocketCommands(context, request, in, out).run();
                case Frames.CONSOLE -> new AttachedConsole(context, request, in, out).run();
                default -> {
                    Frames.write(out, Frames.STDERR, "plinth: unknown mode " + request.mode() + "\n");
                    yield ExitStatus.USAGE.code();
                }
            };
            Frames.write(out, Frames.EXIT, Integer.toString(status));
        } catch (IOException e) {
            // the client went away
        } finally {
            connections.remove(channel);
        }
    }

    @Override
    public void close() {
        closed = true;
        socket.close();
        for (SocketChannel channel : connections) {
            try {
                channel.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }
}
