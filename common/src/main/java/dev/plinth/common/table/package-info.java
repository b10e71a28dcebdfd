/**
 * The plain text table of Plinth's consoles: the shell's lists and the history print through it. Copied privately
 * into the bundles that use it (bnd {@code -conditionalpackage}); in its own package so that a bundle copying it takes
 * nothing else with it.
 */
package dev.plinth.common.table;
