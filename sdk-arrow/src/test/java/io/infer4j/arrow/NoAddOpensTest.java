package io.infer4j.arrow;

import static org.assertj.core.api.Assertions.assertThat;

import io.infer4j.arrow.internal.Jvm;
import io.infer4j.core.error.ConfigurationException;
import io.infer4j.table.Column;
import io.infer4j.table.ColumnBuilder;
import io.infer4j.table.ColumnType;
import io.infer4j.table.Table;
import io.infer4j.table.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM started without {@code --add-opens=java.base/java.nio=ALL-UNNAMED}: the tables infer4j
 * and Wallaroo exchange still read and write (infer4j's direct IPC path needs no reflection),
 * and what needs Arrow Java's memory (here a nested-list tensor) gets a ConfigurationException
 * naming the flag instead of Arrow's bare UnsupportedOperationException. Runs a child JVM without
 * the flag (this one has it).
 */
class NoAddOpensTest {
    @TempDir
    Path dir;

    /** The child: a plain write and read, then a nested-list write and a read of {@code args[0]}, printing what each did. */
    public static void main(String[] args) throws IOException {
        Table plain = Table.of(Column.int64("a", 1, 2), Column.tensor("t", new double[] {1, 2}, new double[] {3, 4}));
        report("plain", () -> {
            if (!ArrowTables.readFile(ArrowTables.toFile(plain)).equals(plain)) {
                throw new IllegalStateException("round trip changed the table");
            }
        });
        report("nested write", () -> ArrowTables.toFile(nested()));
        byte[] file = Files.readAllBytes(Paths.get(args[0]));
        report("nested read", () -> ArrowTables.readFile(file));
    }

    static Table nested() {
        ColumnBuilder b = ColumnBuilder.tensor("boxes", ColumnType.FLOAT64, true);
        b.appendTensor(Tensor.of(new double[] {1, 2, 3, 4}, 2, 2));
        b.appendTensor(Tensor.of(new double[] {5, 6}, 1, 2));
        return Table.of(b.build());
    }

    private static void report(String what, Runnable r) {
        try {
            r.run();
            System.out.println(what + ": ok");
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
        Path nested = dir.resolve("nested.arrow");
        Files.write(nested, ArrowTables.toFile(nested()));
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                NoAddOpensTest.class.getName(), nested.toString())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("plain: ok");
        assertThat(out).contains("nested write: ConfigurationException: Apache Arrow needs the JVM started with "
                + "--add-opens=java.base/java.nio=ALL-UNNAMED");
        assertThat(out).contains("nested read: ConfigurationException: Apache Arrow needs the JVM started with");
        assertThat(out).doesNotContain("UnsupportedOperationException");
    }
}
