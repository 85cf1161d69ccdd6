package io.infer4j.arrow;

import static org.assertj.core.api.Assertions.assertThat;

import io.infer4j.arrow.internal.Jvm;
import io.infer4j.core.error.ConfigurationException;
import io.infer4j.table.Column;
import io.infer4j.table.Table;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A JVM started without {@code --add-opens=java.base/java.nio=ALL-UNNAMED} gets a
 * ConfigurationException naming the flag for every IPC call, instead of Arrow's bare
 * UnsupportedOperationException. Runs a child JVM without the flag (this one has it).
 */
class NoAddOpensTest {

    /** The child: tries a write and a read, prints what each threw. */
    public static void main(String[] args) throws IOException {
        Table t = Table.of(Column.int64("a", 1, 2));
        report("write", () -> ArrowTables.toFile(t));
        // A well-formed file written by a JVM that had the flag: the fuzz seed, less its selector byte.
        byte[] seed;
        try (var in = NoAddOpensTest.class.getResourceAsStream("ArrowFuzzTestInputs/reader/file")) {
            seed = in.readAllBytes();
        }
        byte[] file = java.util.Arrays.copyOf(seed, seed.length - 1);
        report("read", () -> ArrowTables.readFile(file));
    }

    private static void report(String what, Runnable r) {
        try {
            r.run();
            System.out.println(what + ": no exception");
        } catch (ConfigurationException e) {
            System.out.println(what + ": ConfigurationException: " + e.getMessage());
        } catch (RuntimeException e) {
            System.out.println(what + ": " + e.getClass().getName() + ": " + e.getMessage());
        }
    }

    @Test
    void thisJvmHasTheFlag() {
        assertThat(Jvm.nioOpenToArrow()).isTrue();
    }

    @Test
    void aJvmWithoutTheFlagIsToldWhichFlagToAdd() throws IOException, InterruptedException {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=logback-test.xml", NoAddOpensTest.class.getName()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("write: ConfigurationException: Apache Arrow needs the JVM started with "
                + "--add-opens=java.base/java.nio=ALL-UNNAMED");
        assertThat(out).contains("read: ConfigurationException: Apache Arrow needs the JVM started with");
        assertThat(out).doesNotContain("UnsupportedOperationException");
    }
}
