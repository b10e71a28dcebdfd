package dev.plinth.framework.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.plinth.framework.ExitStatus;
import dev.plinth.framework.PlinthException;

class HomeLockTest {

    @TempDir
    Path data;

    @Test
    void holderWritesItsPidAndEmptiesTheFileWhenReleased() throws IOException {
        Path file = data.resolve(HomeLock.FILE_NAME);
        try (HomeLock lock = HomeLock.acquire(data)) {
            assertEquals(Long.toString(ProcessHandle.current().pid()), Files.readString(file).trim());
        }
        assertEquals("", Files.readString(file));
    }

    @Test
    void secondClaimIsRefusedNamingTheHolder() {
        try (HomeLock first = HomeLock.acquire(data)) {
            PlinthException refused = assertThrows(PlinthException.class, () -> HomeLock.acquire(data));
            assertEquals(ExitStatus.HOME_IN_USE, refused.status());
            assertTrue(refused.getMessage().contains("pid " + ProcessHandle.current().pid()), refused.getMessage());
        }
        HomeLock.acquire(data).close();
    }

    @Test
    void staleFileFromACrashDoesNotBlock() throws IOException {
        Files.writeString(data.resolve(HomeLock.FILE_NAME), "999999\n");
        try (HomeLock lock = HomeLock.acquire(data)) {
            assertEquals(Long.toString(ProcessHandle.current().pid()),
                    Files.readString(data.resolve(HomeLock.FILE_NAME)).trim());
        }
    }
}
