package dev.plinth.bench;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The bytes of the smallest valid class file: an empty public interface with the given name, so that
 * a generated bundle's exported package holds a real class. Java 17 class-file version, four
 * constant-pool entries (this class and {@code java/lang/Object}), no members.
 */
final class MarkerClass {

    private static final int MAGIC = 0xCAFEBABE;
    private static final int JAVA_17 = 61;
    private static final int CONSTANT_UTF8 = 1;
    private static final int CONSTANT_CLASS = 7;
    private static final int ACC_PUBLIC_INTERFACE_ABSTRACT = 0x0001 | 0x0200 | 0x0400;

    private MarkerClass() {
    }

    /** @param internalName a class name with slashes, e.g. {@code bench/single/Marker} */
    static byte[] bytes(String internalName) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeShort(0);
            out.writeShort(JAVA_17);
            out.writeShort(5); // constant pool count: entries 1 to 4
            out.writeByte(CONSTANT_CLASS);
            out.writeShort(2);
            out.writeByte(CONSTANT_UTF8);
            out.writeUTF(internalName);
            out.writeByte(CONSTANT_CLASS);
            out.writeShort(4);
            out.writeByte(CONSTANT_UTF8);
            out.writeUTF("java/lang/Object");
            out.writeShort(ACC_PUBLIC_INTERFACE_ABSTRACT);
            out.writeShort(1); // this class
            out.writeShort(3); // super class
            out.writeShort(0); // interfaces
            out.writeShort(0); // fields
            out.writeShort(0); // methods
            out.writeShort(0); // attributes
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
