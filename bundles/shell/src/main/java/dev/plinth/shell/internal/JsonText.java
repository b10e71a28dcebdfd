package dev.plinth.shell.internal;

/**
 * What the {@code --json} variants return: a JSON document, printed as it is.
 *
 * @param text the document
 */
record JsonText(String text) {
}
