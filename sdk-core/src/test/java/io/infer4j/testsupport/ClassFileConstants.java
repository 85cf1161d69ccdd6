package io.infer4j.testsupport;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code ConstantValue} attributes of a class file's fields: the values javac inlines into
 * callers, so part of the API. Read from the bytes because reflection could only get them by
 * initializing the class. Covers the class-file format up to Java 17's (JVMS §4.4, §4.7.2).
 */
final class ClassFileConstants {
    private ClassFileConstants() {
    }

    /** Field name to value (Integer, Long, Float, Double or String); empty when no class file. */
    static Map<String, Object> read(ClassLoader loader, Class<?> c) {
        String resource = c.getName().replace('.', '/') + ".class";
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? Map.of() : read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    static Map<String, Object> read(InputStream classFile) throws IOException {
        // In memory, so skipBytes always skips all it is asked to.
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile.readAllBytes()));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version
        int count = in.readUnsignedShort();
        Object[] pool = new Object[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> pool[i] = in.readUTF(); // Utf8: the same modified UTF-8 as DataInput
                case 3 -> pool[i] = in.readInt();
                case 4 -> pool[i] = in.readFloat();
                case 5 -> {
                    pool[i] = in.readLong();
                    i++; // longs and doubles take two slots
                }
                case 6 -> {
                    pool[i] = in.readDouble();
                    i++;
                }
                case 8 -> pool[i] = new StringRef(in.readUnsignedShort());
                case 7, 16, 19, 20 -> in.skipBytes(2); // Class, MethodType, Module, Package
                case 15 -> in.skipBytes(3); // MethodHandle
                case 9, 10, 11, 12, 17, 18 -> in.skipBytes(4); // refs, NameAndType, (Invoke)Dynamic
                default -> throw new IOException("unknown constant pool tag " + tag + " at " + i);
            }
        }
        in.skipBytes(6); // access flags, this class, super class
        in.skipBytes(2 * in.readUnsignedShort()); // interfaces
        Map<String, Object> constants = new HashMap<>();
        int fields = in.readUnsignedShort();
        for (int f = 0; f < fields; f++) {
            in.skipBytes(2); // access flags
            String name = (String) pool[in.readUnsignedShort()];
            in.skipBytes(2); // descriptor
            int attributes = in.readUnsignedShort();
            for (int a = 0; a < attributes; a++) {
                String attribute = (String) pool[in.readUnsignedShort()];
                int length = in.readInt();
                if ("ConstantValue".equals(attribute)) {
                    Object value = pool[in.readUnsignedShort()];
                    constants.put(name, value instanceof StringRef s ? pool[s.utf8()] : value);
                } else {
                    in.skipBytes(length);
                }
            }
        }
        return constants;
    }

    /** A CONSTANT_String entry, resolved once the whole pool is read. */
    private record StringRef(int utf8) {
    }
}
