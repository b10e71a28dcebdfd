package dev.plinth.maven.run;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks a Plinth distribution ({@code .tar.gz} with one top folder, {@code plinth-<version>/}) into a home,
 * without the top folder, keeping the files' modes ({@code bin/plinth} stays executable). Entries that would land
 * outside the home, and links, are refused.
 */
final class DistributionArchive {

    private static final PosixFilePermission[] BITS = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ };

    private DistributionArchive() {
    }

    /** Unpacks {@code archive} into {@code home} (created when missing); returns the number of files written. */
    static int unpack(Path archive, Path home) throws IOException {
        Files.createDirectories(home);
        Path root = home.toAbsolutePath().normalize();
        int files = 0;
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)), 65536);
                TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = withoutTopFolder(entry.getName());
                if (name.isEmpty()) {
                    continue;
                }
                Path target = root.resolve(name).normalize();
                if (!target.startsWith(root) || target.equals(root)) {
                    throw new IOException("the archive " + archive.getFileName() + " has an entry outside its folder: "
                            + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isFile()) {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                    files++;
                } else {
                    throw new IOException("the archive " + archive.getFileName() + " has a link or special file: "
                            + entry.getName());
                }
                setMode(target, entry.getMode());
                Files.setLastModifiedTime(target, FileTime.from(entry.getModTime().toInstant()));
            }
        }
        return files;
    }

    static String withoutTopFolder(String name) {
        String path = name.startsWith("./") ? name.substring(2) : name;
        int slash = path.indexOf('/');
        return slash < 0 ? "" : path.substring(slash + 1);
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (int bit = 0; bit < BITS.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                permissions.add(BITS[bit]);
            }
        }
        return permissions;
    }

    private static void setMode(Path target, int mode) throws IOException {
        try {
            Files.setPosixFilePermissions(target, permissions(mode));
        } catch (UnsupportedOperationException e) {
            target.toFile().setExecutable((mode & 0100) != 0, false);
        }
    }
}
