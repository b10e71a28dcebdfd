/**
 * JSON documents over the API's records that more than one front end writes (the REST API and the shell's
 * {@code --json}), so that both show the same document. Copied privately into the bundles that use it (bnd
 * {@code -conditionalpackage}); in its own package because it needs the API, which the other helpers do not.
 */
package dev.plinth.common.documents;
