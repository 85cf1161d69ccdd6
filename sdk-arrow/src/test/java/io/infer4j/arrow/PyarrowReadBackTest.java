package io.infer4j.arrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.infer4j.table.Column;
import io.infer4j.table.Index;
import io.infer4j.table.Table;
import io.infer4j.table.TimestampColumn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files infer4j writes are read by pyarrow and pandas with the same values, dtypes and index.
 * Needs a {@code python3} with pyarrow and pandas; skipped without one (never required by CI).
 */
class PyarrowReadBackTest {
    @TempDir
    Path dir;

    private static boolean pythonWithPyarrow() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import pyarrow, pandas").redirectErrorStream(true).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void pandasReadsWhatInfer4jWrites() throws IOException, InterruptedException {
        assumeTrue(pythonWithPyarrow(), "no python3 with pyarrow and pandas");
        BitSet oneNull = new BitSet();
        oneNull.set(1);
        Table t = Table.of(Column.int64("id", 1, 2, 3), Column.strings("s", "a", null, "c"),
                        io.infer4j.table.Float64Column.of("x", new double[] {0.5, Double.NaN, -1}, oneNull),
                        TimestampColumn.ofEpochNanos("time", new long[] {1_700_000_000_000_000_000L, 0, 1}, new BitSet(),
                                ZoneId.of("Europe/Zurich")),
                        Column.tensor("tensor", new double[] {1, 2}, new double[] {3, 4}, new double[] {5, 6}))
                .withIndex(Index.ofStrings("a", "b", "c").withNames(List.of("key")));
        Path file = dir.resolve("t.arrow");
        Files.write(file, ArrowTables.toFile(t));
        String script = String.join("\n",
                "import sys, pyarrow as pa",
                "t = pa.ipc.open_file(sys.argv[1]).read_all()",
                "df = t.to_pandas()",
                "print('index', df.index.name, list(df.index))",
                "print('columns', list(df.columns))",
                "print('dtypes', [str(d) for d in df.dtypes])",
                "print('s', list(df['s']))",
                "print('x', df['x'].isna().tolist())",
                "print('tensor', [list(v) for v in df['tensor']])",
                "print('shape', t.schema.field('tensor').metadata[b'tensor_type'].decode())");
        Process p = new ProcessBuilder("python3", "-c", script, file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("index key ['a', 'b', 'c']");
        assertThat(out).contains("columns ['id', 's', 'x', 'time', 'tensor']");
        assertThat(out).contains("dtypes ['int64', 'object', 'float64', 'datetime64[ns, Europe/Zurich]', 'object']");
        assertThat(out).contains("s ['a', None, 'c']");
        assertThat(out).contains("x [False, True, False]");
        assertThat(out).contains("tensor [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]");
        assertThat(out).contains("shape {\"shape\": [2]}");
    }
}
