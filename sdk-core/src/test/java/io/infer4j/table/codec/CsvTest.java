package io.infer4j.table.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infer4j.core.error.DecodeException;
import io.infer4j.table.ColumnType;
import io.infer4j.table.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void readsRfc4180QuotingAndInfersTypes() {
        String csv = "id,score,ok,name\r\n1,0.5,true,\"a, \"\"quoted\"\"\r\nname\"\r\n2,NaN,False,\r\n3,,true,\"\"\r\n";
        Table t = Csv.read(csv.getBytes(UTF_8));
        assertThat(t.column("id").type()).isEqualTo(ColumnType.INT64);
        assertThat(t.column("score").type()).isEqualTo(ColumnType.FLOAT64);
        assertThat(t.column("ok").type()).isEqualTo(ColumnType.BOOL);
        assertThat(t.strings("name").toArray()).containsExactly("a, \"quoted\"\r\nname", null, "");
        assertThat(Double.isNaN(t.float64("score").getDouble(1))).isTrue();
        assertThat(t.float64("score").isNull(2)).isTrue();
    }

    @Test
    void writesWhatItReads() {
        Table t = Csv.read("a,b\n1,x\n2,\"y,z\"\n".getBytes(UTF_8));
        assertThat(new String(Csv.toBytes(t, CsvOptions.defaults()), UTF_8)).isEqualTo("a,b\r\n1,x\r\n2,\"y,z\"\r\n");
    }

    @Test
    void headerlessWithNamesAndOtherDelimiter() {
        CsvOptions o = CsvOptions.defaults().withHeader(false).withDelimiter(';').withColumnNames(List.of("x", "y"));
        Table t = Csv.read("1;2\n3;4\n".getBytes(UTF_8), o);
        assertThat(t.int64("y").toLongArray()).containsExactly(2, 4);
        Table generated = Csv.read("1,2\n".getBytes(UTF_8), CsvOptions.defaults().withHeader(false));
        assertThat(generated.columnNames()).containsExactly("column_0", "column_1");
    }

    @Test
    void hugeIntegersStayExactAsStrings() {
        Table t = Csv.read("n\n18446744073709551615\n1\n".getBytes(UTF_8));
        assertThat(t.strings("n").getString(0)).isEqualTo("18446744073709551615");
    }

    @Test
    void badInputNamesTheLine() {
        assertThatThrownBy(() -> Csv.read("a,b\n1,2\n3\n".getBytes(UTF_8)))
                .isInstanceOf(DecodeException.class).hasMessageContaining("line 3").hasMessageContaining("1 fields, expected 2");
        assertThatThrownBy(() -> Csv.read("a\n\"open\n".getBytes(UTF_8)))
                .isInstanceOf(DecodeException.class).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> Csv.read("a\nx\"y\n".getBytes(UTF_8))).hasMessageContaining("quote inside an unquoted field");
        assertThatThrownBy(() -> Csv.read("a\n1\nx\n".getBytes(UTF_8), CsvOptions.defaults().withType("a", ColumnType.INT64)))
                .isInstanceOf(DecodeException.class).hasMessageContaining("line 3, column 'a'");
        assertThatThrownBy(() -> Csv.read(new byte[] {'a', '\n', (byte) 0xff, '\n'}))
                .isInstanceOf(DecodeException.class).hasMessageContaining("UTF-8");
    }
}
