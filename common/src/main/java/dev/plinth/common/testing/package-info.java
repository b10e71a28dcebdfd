/**
 * Helpers only tests use: {@link dev.plinth.common.testing.BundleJar}, the builder of the jars tests write,
 * {@link dev.plinth.common.testing.FuzzChecks}, what every fuzz target checks,
 * {@link dev.plinth.common.testing.ThrowawayPostgres}, a PostgreSQL server of a test's own, and
 * {@link dev.plinth.common.testing.MavenCommand} with {@link dev.plinth.common.testing.LocalRepositoryOverlay}, Maven
 * builds run by tests on this build's artifacts. A package
 * of its own, so that no bundle gets a copy: bnd {@code -conditionalpackage: dev.plinth.common} copies the whole
 * package {@code dev.plinth.common} into every bundle that uses one of its classes, and this package is not it.
 */
package dev.plinth.common.testing;
