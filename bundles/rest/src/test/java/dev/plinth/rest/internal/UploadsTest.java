package dev.plinth.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UploadsTest {

    @Test
    void submittedNamesBecomeSafeJarNames() {
        assertEquals("weather.jar", Uploads.safeName("weather.jar"));
        assertEquals("weather.jar", Uploads.safeName("/tmp/x/weather.jar"));
        assertEquals("weather.jar", Uploads.safeName("C:\\x\\weather.jar"));
        assertEquals("upload.jar", Uploads.safeName(null));
        assertEquals("upload.jar", Uploads.safeName("../"));
        assertEquals("upload.hidden.jar", Uploads.safeName(".hidden"));
        assertEquals("my_plugin_.jar", Uploads.safeName("my plugin$"));
    }

    @Test
    void theMediaTypeIsTheContentTypeWithoutParameters() {
        assertEquals("", Uploads.mediaType(null));
        assertEquals("multipart/form-data", Uploads.mediaType("Multipart/Form-Data; boundary=x"));
        assertEquals("application/java-archive", Uploads.mediaType("application/java-archive"));
    }

    @Test
    void aLongSubmittedNameIsShortenedToOneTheFileSystemTakes() {
        String name = Uploads.safeName("a".repeat(300) + ".jar");

        assertTrue(name.length() <= 128, name);
        assertTrue(name.endsWith(".jar"), name);
        assertTrue(Uploads.safeName("b".repeat(300)).endsWith(".jar"));
        assertTrue(Uploads.safeName("b".repeat(300)).length() <= 128);
    }

    @Test
    void aFailureNamesTheUploadNotItsPathOnTheServer() {
        java.nio.file.Path file = java.nio.file.Path.of("/srv/plinth/data/rest/uploads/upload-123/weather.jar");
        Uploads.Upload upload = new Uploads.Upload(file);
        dev.plinth.api.PluginException failure = new dev.plinth.api.PluginException(
                dev.plinth.api.PluginException.Code.INVALID_ARCHIVE, file + " is not a plugin archive: no manifest",
                java.util.List.of("read from " + file.toUri()), null);

        dev.plinth.api.PluginException named = upload.named(failure);

        assertEquals("upload weather.jar is not a plugin archive: no manifest", named.getMessage());
        assertEquals(java.util.List.of("read from upload weather.jar"), named.details());
        assertEquals(dev.plinth.api.PluginException.Code.INVALID_ARCHIVE, named.code());
    }
}
