/**
 * Plinth's one way to read and write JSON: Jackson databind over records, set up once
 * ({@link dev.plinth.common.json.JsonDocuments}). Copied privately into the bundles that use it, which import
 * Jackson's packages.
 */
package dev.plinth.common.json;
