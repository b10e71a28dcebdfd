package dev.plinth.feature.maven;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.maven.model.Dependency;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.osgi.framework.BundleException;

import dev.plinth.feature.check.ResolveCheck;
import dev.plinth.feature.model.ArtifactId;
import dev.plinth.feature.model.Feature;
import dev.plinth.feature.model.FeatureBundle;
import dev.plinth.feature.model.FeatureReader;
import dev.plinth.feature.model.FeatureWriter;
import dev.plinth.feature.model.Flattener;
import dev.plinth.feature.model.Interpolation;

/**
 * Builds a feature module's Feature JSON: fills in the versions from the build's properties, checks each bundle's
 * version against the parent's {@code dependencyManagement}, adds the bundles of the features it includes, checks
 * that the bundles resolve on their own in Felix, and attaches the complete feature (type
 * {@value Feature#TYPE}).
 */
@Mojo(name = "feature", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class FeatureMojo extends ResolvingMojo {

    @Parameter(defaultValue = "${project.basedir}/src/main/feature/feature.json", required = true)
    private File source;

    @Parameter(defaultValue = "${project.build.directory}/${project.artifactId}.osgifeature", required = true)
    private File output;

    /** Whether to prove that the feature's bundles resolve in an empty Felix framework. */
    @Parameter(property = "plinth.feature.resolve", defaultValue = "true")
    private boolean resolve;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        ArtifactResolver resolver = resolver();
        Feature written = read();
        checkManagedVersions(written);
        checkBuildOrder(written);
        List<Feature> included = new ArrayList<>();
        for (ArtifactId include : written.includes()) {
            included.add(read(resolver.resolve(include)));
        }
        Feature feature;
        try {
            feature = Flattener.flatten(written, included);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        List<Path> jars = new ArrayList<>();
        for (FeatureBundle bundle : feature.bundles()) {
            jars.add(resolver.resolve(bundle.id()));
        }
        if (resolve) {
            checkResolves(feature, jars);
        }
        try {
            FeatureWriter.write(feature, output.toPath());
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write " + output + ": " + e.getMessage(), e);
        }
        projectHelper.attachArtifact(project, Feature.TYPE, null, output);
        getLog().info("Feature " + feature.id() + ": " + feature.bundles().size() + " bundles"
                + (resolve ? ", all resolve" : ""));
    }

    private Feature read() throws MojoExecutionException, MojoFailureException {
        try {
            String text = Files.readString(source.toPath(), StandardCharsets.UTF_8);
            Feature feature = FeatureReader.read(Interpolation.apply(text, this::property), source.toString());
            ArtifactId expected = new ArtifactId(project.getGroupId(), project.getArtifactId(), Feature.TYPE, null,
                    project.getVersion());
            if (!feature.id().equals(expected)) {
                throw new MojoFailureException(source + ": the feature's id is " + feature.id()
                        + ", but the module attaches it as " + expected);
            }
            return feature;
        } catch (IOException e) {
            throw new MojoExecutionException("cannot read " + source + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(source + ": " + e.getMessage(), e);
        }
    }

    private String property(String name) {
        return switch (name) {
            case "project.version" -> project.getVersion();
            case "project.groupId" -> project.getGroupId();
            case "project.artifactId" -> project.getArtifactId();
            default -> project.getProperties().getProperty(name);
        };
    }

    /** Every bundle has the version the parent's dependencyManagement gives it: one place for every version. */
    private void checkManagedVersions(Feature feature) throws MojoFailureException {
        Map<String, String> managed = new HashMap<>();
        if (project.getDependencyManagement() != null) {
            for (Dependency dependency : project.getDependencyManagement().getDependencies()) {
                managed.put(new ArtifactId(dependency.getGroupId(), dependency.getArtifactId(), dependency.getType(),
                        dependency.getClassifier(), dependency.getVersion()).withoutVersion(), dependency.getVersion());
            }
        }
        List<String> wrong = new ArrayList<>();
        for (FeatureBundle bundle : feature.bundles()) {
            String version = managed.get(bundle.id().withoutVersion());
            if (version == null) {
                wrong.add(bundle.id() + " is not in the dependencyManagement of the parent pom");
            } else if (!version.equals(bundle.id().version())) {
                wrong.add(bundle.id() + ": the dependencyManagement of the parent pom says version " + version);
            }
        }
        if (!wrong.isEmpty()) {
            throw new MojoFailureException(source + ":\n  " + String.join("\n  ", wrong));
        }
    }

    /**
     * The modules of this build that the feature takes artifacts from (Plinth's bundles, included features) are
     * dependencies of the feature's module, so that Maven builds them first, also in {@code -pl ... -am}.
     */
    private void checkBuildOrder(Feature feature) throws MojoFailureException {
        Set<String> dependencies = new HashSet<>();
        for (Dependency dependency : project.getDependencies()) {
            dependencies.add(dependency.getGroupId() + ":" + dependency.getArtifactId());
        }
        List<ArtifactId> fromThisBuild = new ArrayList<>(feature.includes());
        feature.bundles().stream().map(FeatureBundle::id).forEach(fromThisBuild::add);
        List<String> missing = fromThisBuild.stream()
                .filter(id -> id.groupId().equals(project.getGroupId()))
                .filter(id -> !dependencies.contains(id.groupId() + ":" + id.artifactId()))
                .map(ArtifactId::toString)
                .toList();
        if (!missing.isEmpty()) {
            throw new MojoFailureException(source + " lists artifacts of this build that " + project.getArtifactId()
                    + "/pom.xml does not depend on (scope provided), so Maven may build them later: " + missing);
        }
    }

    private void checkResolves(Feature feature, List<Path> jars) throws MojoExecutionException, MojoFailureException {
        List<String> unresolved;
        try {
            unresolved = ResolveCheck.unresolved(jars, Path.of(project.getBuild().getDirectory(), "resolve-check"));
        } catch (IOException | BundleException e) {
            throw new MojoExecutionException("cannot check that " + feature.id() + " resolves: " + e.getMessage(), e);
        }
        if (!unresolved.isEmpty()) {
            throw new MojoFailureException("the bundles of feature " + feature.id() + " do not resolve on their own:\n  "
                    + String.join("\n  ", unresolved));
        }
    }
}
