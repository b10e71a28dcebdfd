package dev.plinth.feature.maven;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import dev.plinth.feature.karaf.KarafFeatures;
import dev.plinth.feature.model.Feature;

/**
 * Writes Karaf's {@code features.xml} for complete features and attaches it (classifier {@code features}, type
 * {@code xml}), so that Karaf finds it as {@code mvn:groupId/artifactId/version/xml/features}.
 */
@Mojo(name = "karaf-features", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class KarafFeaturesMojo extends ResolvingMojo {

    /** The complete features, by Maven id, in the order Karaf lists them. */
    @Parameter(required = true)
    private List<String> features;

    @Parameter(defaultValue = "plinth-${project.version}")
    private String repositoryName;

    @Parameter(defaultValue = "${project.build.directory}/features.xml", required = true)
    private File output;

    @Override
    public void execute() throws MojoExecutionException {
        List<Feature> complete = new ArrayList<>();
        for (String id : features) {
            complete.add(feature(id));
        }
        try {
            Files.createDirectories(output.toPath().toAbsolutePath().getParent());
            Files.writeString(output.toPath(), KarafFeatures.xml(repositoryName, complete), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write " + output + ": " + e.getMessage(), e);
        }
        projectHelper.attachArtifact(project, "xml", "features", output);
        getLog().info("Karaf features " + repositoryName + ": " + complete.stream().map(Feature::name).toList());
    }
}
