/** The fleet bundle's implementation: private. */
package dev.plinth.fleet.internal;
