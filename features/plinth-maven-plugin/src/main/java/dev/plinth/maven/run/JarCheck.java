package dev.plinth.maven.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Whether a jar is complete: its zip directory ends where the file ends and can be read, and its manifest names a
 * bundle. A jar still being written fails the first test (the directory is written last).
 */
final class JarCheck {

    /** The end-of-central-directory record's signature and its size without the comment. */
    private static final int END_SIGNATURE = 0x06054b50;
    private static final int END_SIZE = 22;
    private static final int MAX_COMMENT = 0xFFFF;

    /** A bundle found in a complete jar. */
    record Bundle(String symbolicName, String version) {
    }

    private JarCheck() {
    }

    /**
     * The bundle in {@code jar}.
     *
     * @throws IOException when the jar is not complete (yet) or holds no bundle; the message says which
     */
    static Bundle bundle(Path jar) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException(jar.getFileName() + " is not a file");
        }
        if (!directoryEndsAtFileEnd(jar)) {
            throw new IOException(jar.getFileName() + " is not a complete jar (no zip directory at its end)");
        }
        Manifest manifest;
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            manifest = file.getManifest();
        }
        if (manifest == null) {
            throw new IOException(jar.getFileName() + " has no META-INF/MANIFEST.MF");
        }
        Attributes main = manifest.getMainAttributes();
        String name = main.getValue("Bundle-SymbolicName");
        if (name == null || name.split(";", 2)[0].isBlank()) {
            throw new IOException(jar.getFileName() + " is not a bundle: its manifest has no Bundle-SymbolicName");
        }
        String version = main.getValue("Bundle-Version");
        return new Bundle(name.split(";", 2)[0].strip(), version == null ? "0.0.0" : version.strip());
    }

    /** True when the file ends with an end-of-central-directory record whose comment reaches the end exactly. */
    static boolean directoryEndsAtFileEnd(Path jar) throws IOException {
        try (FileChannel channel = FileChannel.open(jar, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < END_SIZE) {
                return false;
            }
            int tail = (int) Math.min(size, END_SIZE + MAX_COMMENT);
            ByteBuffer buffer = ByteBuffer.allocate(tail).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(buffer, size - tail);
            buffer.flip();
            for (int at = tail - END_SIZE; at >= 0; at--) {
                if (buffer.getInt(at) == END_SIGNATURE) {
                    int commentLength = Short.toUnsignedInt(buffer.getShort(at + 20));
                    if (at + END_SIZE + commentLength == tail) {
                        long directorySize = Integer.toUnsignedLong(buffer.getInt(at + 12));
                        long directoryOffset = Integer.toUnsignedLong(buffer.getInt(at + 16));
                        return directoryOffset + directorySize <= size - tail + at;
                    }
                }
            }
            return false;
        }
    }
}
