package io.infer4j.arrow.internal;

import io.infer4j.core.error.ConfigurationException;
import java.nio.Buffer;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * Whether this JVM lets Arrow read and write IPC bodies. Arrow's memory module reaches
 * {@code java.nio.Buffer.address} by reflection; on JDK 17+ that needs
 * {@code --add-opens=java.base/java.nio=ALL-UNNAMED}, and without it Arrow 19 fails lazily, at
 * the first IPC read or write, with an {@code UnsupportedOperationException} that names neither
 * the flag nor the cause (../shared/reference/arrow-spark.md, section 1). Checking the module
 * graph up front lets us say which flag is missing before anything is half-written.
 */
public final class Jvm {
    /** The flag users add (named in the exception and docs/arrow.md). */
    public static final String FLAG = "--add-opens=java.base/java.nio=ALL-UNNAMED";

    private Jvm() {
    }

    /** Whether {@code java.nio} is open to Arrow's memory module (ALL-UNNAMED on the class path). */
    public static boolean nioOpenToArrow() {
        return Buffer.class.getModule().isOpen("java.nio", MemoryUtil.class.getModule());
    }

    /** Throws the exception that names the flag when Arrow cannot do IPC in this JVM. */
    public static void requireNioOpen() {
        if (!nioOpenToArrow()) {
            throw missingFlag(null);
        }
    }

    /** The exception for a JVM started without {@link #FLAG}. */
    public static ConfigurationException missingFlag(Throwable cause) {
        String module = MemoryUtil.class.getModule().isNamed() ? MemoryUtil.class.getModule().getName() : "ALL-UNNAMED";
        return new ConfigurationException(null, "Apache Arrow needs the JVM started with --add-opens=java.base/java.nio="
                + module + " to read or write Arrow IPC on Java 17+ (add it to the java command, MAVEN_OPTS or "
                + "surefire's argLine; see docs/arrow.md)", cause);
    }
}
