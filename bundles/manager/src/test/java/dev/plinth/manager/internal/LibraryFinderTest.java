package dev.plinth.manager.internal;

import static dev.plinth.manager.internal.TestJars.bundle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.resource.Requirement;

import dev.plinth.api.extension.LibrarySource;
import dev.plinth.api.PluginException;

class LibraryFinderTest {

    private static final String APP = "org.example.app";
    private static final String LIB = "org.example.lib";
    private static final String UTIL = "org.example.util";
    private static final CapabilityIndex.Naming NAMING = id -> (id.equals(APP) ? "plugin " : "library ") + id;

    @TempDir
    Path dir;

    private ArchiveReader libraryReader;
    private CapabilityIndex index;
    private Path libs;

    @BeforeEach
    void setUp() {
        libraryReader = new ArchiveReader(dir.resolve("tmp"), 1 << 20);
        index = CapabilityIndex.of(new Bundle[0], bundle -> true, id -> "plugin " + id);
        libs = dir.resolve("libraries");
    }

    /** The plugin being installed, read into a temp folder of its own so that the library temp folder is only theirs. */
    private Archive plugin(String... headers) throws Exception {
        Path jar = bundle(dir.resolve("incoming").resolve("app.jar"), APP, "1.0.0", headers);
        return new ArchiveReader(dir.resolve("plugin-tmp"), 1 << 20).read(jar.toUri());
    }

    private URI library(String file, String id, String version, String... headers) throws IOException {
        return bundle(libs.resolve(file), id, version, headers).toUri();
    }

    private LibraryFinder finder(LibrarySource... sources) {
        return new LibraryFinder(List.of(sources), libraryReader, id -> true, id -> false);
    }

    private List<Path> libraryTempFiles() throws IOException {
        if (!Files.exists(dir.resolve("tmp"))) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir.resolve("tmp"))) {
            return files.toList();
        }
    }

    private static List<String> ids(LibraryFinder.Result result) {
        return result.libraries().stream().map(Archive::id).toList();
    }

    @Test
    void aNeededLibraryIsFoundAndAWrongVersionPassedOver() throws Exception {
        URI tooOld = library("old.jar", "org.example.old", "1.0.0", "Export-Package", "org.example.lib.api;version=1.0");
        URI lib = library("lib.jar", LIB, "1.5.0", "Export-Package", "org.example.lib.api;version=1.5");
        List<Requirement> asked = new ArrayList<>();
        LibrarySource source = requirement -> {
            asked.add(requirement);
            return List.of(tooOld, lib);
        };

        LibraryFinder.Result result = finder(source).find(
                plugin("Import-Package", "org.example.lib.api;version=\"[1.2,2)\""), index, NAMING);

        assertEquals(List.of(LIB), ids(result));
        assertEquals(Map.of(LIB, APP), result.neededBy());
        assertEquals(List.of(), result.problems());
        assertEquals(1, asked.size());
        assertEquals("osgi.wiring.package", asked.get(0).getNamespace());
        assertTrue(asked.get(0).getDirectives().get("filter").contains("(osgi.wiring.package=org.example.lib.api)"),
                asked.get(0).getDirectives().toString());
        assertEquals(List.of(result.libraries().get(0).file()), libraryTempFiles(),
                "the passed-over candidate's copy is deleted");
        assertEquals(1, index.matching(new Capabilities.Req("osgi.wiring.bundle", "(osgi.wiring.bundle=" + LIB + ")"))
                .size(), "the library is added to the index");

        result.discard();
        assertEquals(List.of(), libraryTempFiles());
    }

    @Test
    void librariesOfLibrariesAreFound() throws Exception {
        URI lib = library("lib.jar", LIB, "1.5.0", "Export-Package", "org.example.lib.api;version=1.5",
                "Import-Package", "org.example.util;version=\"[1,2)\"");
        URI util = library("util.jar", UTIL, "1.1.0", "Export-Package", "org.example.util;version=1.1");
        LibrarySource everything = requirement -> List.of(lib, util);

        LibraryFinder.Result result = finder(everything).find(
                plugin("Import-Package", "org.example.lib.api;version=\"[1.2,2)\""), index, NAMING);

        assertEquals(List.of(LIB, UTIL), ids(result));
        assertEquals(Map.of(LIB, APP, UTIL, LIB), result.neededBy());
        assertEquals(List.of(), result.problems());
        assertEquals(2, libraryTempFiles().size());
        result.discard();
        assertEquals(List.of(), libraryTempFiles());
    }

    @Test
    void anUnmetRequirementBecomesAProblemSentence() throws Exception {
        LibraryFinder.Result result = finder(requirement -> List.of()).find(
                plugin("Import-Package", "org.example.missing;version=\"[1.2,2)\""), index, NAMING);

        assertEquals(List.of(), result.libraries());
        assertEquals(List.of("plugin org.example.app needs package org.example.missing [1.2.0,2.0.0), "
                + "which no installed plugin or library provides"), result.problems());
    }

    @Test
    void anUnmetRequirementNamesTheClosestOffer() throws Exception {
        Path other = bundle(dir.resolve("installed").resolve("other.jar"), "org.example.other", "2.0.0",
                "Export-Package", "org.example.lib.api;version=3.0");
        index.add(new ArchiveReader(dir.resolve("installed-tmp"), 1 << 20).read(other.toUri()),
                "plugin org.example.other");

        LibraryFinder.Result result = finder(requirement -> List.of()).find(
                plugin("Import-Package", "org.example.lib.api;version=\"[1.2,2)\""), index, NAMING);

        assertEquals(List.of("plugin org.example.app needs package org.example.lib.api [1.2.0,2.0.0), "
                + "which no installed plugin or library provides "
                + "(closest: plugin org.example.other 2.0.0 has version 3.0.0)"), result.problems());
    }

    @Test
    void anUnmetRequirementOfALibraryIsNamedAfterTheLibrary() throws Exception {
        URI lib = library("lib.jar", LIB, "1.5.0", "Export-Package", "org.example.lib.api;version=1.5",
                "Import-Package", "org.example.util;version=\"[1,2)\"");

        LibraryFinder.Result result = finder(requirement -> List.of(lib)).find(
                plugin("Import-Package", "org.example.lib.api"), index, NAMING);

        assertEquals(List.of(LIB), ids(result));
        assertEquals(List.of("library org.example.lib needs package org.example.util [1.0.0,2.0.0), "
                + "which no installed plugin or library provides"), result.problems());
        result.discard();
    }

    @Test
    void whatIsAlreadyOnOfferNeedsNoLibraryAndTheSourcesAreNotAsked() throws Exception {
        Path installed = bundle(dir.resolve("installed").resolve("lib.jar"), LIB, "1.5.0",
                "Export-Package", "org.example.lib.api;version=1.5");
        index.add(new ArchiveReader(dir.resolve("installed-tmp"), 1 << 20).read(installed.toUri()), "library " + LIB);
        List<Requirement> asked = new ArrayList<>();

        LibraryFinder.Result result = finder(requirement -> {
            asked.add(requirement);
            return List.of();
        }).find(plugin("Import-Package", "org.example.lib.api;version=\"[1.2,2)\"",
                "Export-Package", "org.example.app.api", "Require-Capability", "custom.ns;filter:=\"(custom.ns=x)\"",
                "Provide-Capability", "custom.ns;custom.ns=x"), index, NAMING);

        assertEquals(List.of(), result.libraries());
        assertEquals(List.of(), result.problems());
        assertEquals(List.of(), asked);
    }

    @Test
    void aLibraryThatMayNotBeInstalledIsPassedOver() throws Exception {
        URI lib = library("lib.jar", LIB, "1.5.0", "Export-Package", "org.example.lib.api;version=1.5");

        LibraryFinder.Result result = new LibraryFinder(List.of(requirement -> List.of(lib)), libraryReader,
                id -> !id.equals(LIB), id -> false).find(plugin("Import-Package", "org.example.lib.api"), index, NAMING);

        assertEquals(List.of(), result.libraries());
        assertEquals(1, result.problems().size());
        assertTrue(result.problems().get(0).startsWith("plugin org.example.app needs package org.example.lib.api"),
                result.problems().get(0));
        assertEquals(List.of(), libraryTempFiles());
    }

    @Test
    void aFailingSourceAndAnUnreadableCandidateAreSkipped() throws Exception {
        Path junk = libs.resolve("junk.jar");
        Files.createDirectories(libs);
        Files.writeString(junk, "not a jar");
        URI lib = library("lib.jar", LIB, "1.5.0", "Export-Package", "org.example.lib.api;version=1.5");
        LibrarySource failing = requirement -> {
            throw new IllegalStateException("catalogue offline");
        };

        LibraryFinder.Result result = finder(failing, requirement -> List.of(junk.toUri(), lib)).find(
                plugin("Import-Package", "org.example.lib.api"), index, NAMING);

        assertEquals(List.of(LIB), ids(result));
        assertEquals(List.of(), result.problems());
        assertEquals(1, libraryTempFiles().size());
        result.discard();
    }

    @Test
    void aRefusedProviderIsTheFailureWhenNoOtherSourceMeetsTheRequirement() throws Exception {
        PluginException mismatch = new PluginException(PluginException.Code.CHECKSUM_MISMATCH, "lib.jar: sha-256 differs");
        LibrarySource refusing = requirement -> {
            throw new LibrarySource.Refused(mismatch);
        };

        LibraryFinder.Result refused = finder(refusing).find(plugin("Import-Package", "org.example.lib.api"), index,
                NAMING);

        assertEquals(List.of(), ids(refused));
        assertSame(mismatch, refused.failure());
    }

    @Test
    void anotherSourceMeetsWhatARefusedOneCannot() throws Exception {
        URI lib = library("lib.jar", LIB, "1.5.0", "Export-Package", "org.example.lib.api;version=1.5");
        LibrarySource refusing = requirement -> {
            throw new LibrarySource.Refused(new PluginException(PluginException.Code.CHECKSUM_MISMATCH, "bad"));
        };

        LibraryFinder.Result result = finder(refusing, requirement -> List.of(lib)).find(
                plugin("Import-Package", "org.example.lib.api"), index, NAMING);

        assertEquals(List.of(LIB), ids(result));
        assertEquals(List.of(), result.problems());
        result.discard();
    }
}
