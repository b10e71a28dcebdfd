/** The storage bundle's implementation: private. */
package dev.plinth.storage.internal;
