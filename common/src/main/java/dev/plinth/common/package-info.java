/**
 * Internal helpers of Plinth's bundles and launcher: one way to write a file atomically, to halt at a fault point,
 * to bound a stream, to hash and to read a bundle archive's identity. Never exported: each bundle copies what it
 * uses into itself (bnd {@code -conditionalpackage}), so a change here never crosses a bundle boundary.
 */
package dev.plinth.common;
