package dev.plinth.storage.internal;

/** Where the storage service tells what it did and what it refused, in words (the OSGi log in the runtime). */
interface StorageLog {

    void info(String message);

    void warn(String message);
}
