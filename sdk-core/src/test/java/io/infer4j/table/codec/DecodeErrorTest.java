package io.infer4j.table.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.infer4j.core.error.DecodeException;
import io.infer4j.table.ColumnType;
import java.util.function.Function;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input always gives a DecodeException that says where; never an NPE or ClassCastException. */
class DecodeErrorTest {

    private static DecodeException decode(Function<byte[], ?> codec, String body) {
        return catchThrowableOfType(DecodeException.class, () -> codec.apply(body.getBytes(UTF_8)));
    }

    @Test
    void malformedJsonNamesTheOffset() {
        DecodeException e = decode(PandasRecords::read, "[{\"a\":1},{\"a\":2,]");
        Assertions.assertThat(e).hasMessageContaining("pandas records");
        Assertions.assertThat(e.offset()).isGreaterThan(10);
        Assertions.assertThat(e.location()).hasValue("row 1, column 'a'");
    }

    @Test
    void typeMismatchNamesRowAndColumn() {
        DecodeException e = catchThrowableOfType(DecodeException.class, () -> PandasRecords.read(
                "[{\"a\":1},{\"a\":\"two\"}]".getBytes(UTF_8), ReadOptions.defaults().withType("a", ColumnType.INT64)));
        Assertions.assertThat(e).hasMessageContaining("row 1, column 'a'").hasMessageContaining("\"two\"");
        Assertions.assertThat(e.offset()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "{}", "[1]", "[[1]]", "[{\"a\":1}] x", "\"s\"", "[{\"a\":1}", "[{\"a\":tru}]"})
    void recordsRejectNonRecords(String body) {
        assertThatThrownBy(() -> PandasRecords.read(body.getBytes(UTF_8))).isInstanceOf(DecodeException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "{\"x\":1}", "{\"x\":[[1]],\"y\":[[1],[2]]}", "{\"x\":[1],\"x\":[2]}"})
    void tensorJsonRejectsBadShapes(String body) {
        assertThatThrownBy(() -> TensorJson.read(body.getBytes(UTF_8))).isInstanceOf(DecodeException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"columns\":[\"a\"],\"data\":[[1,2]]}", "{\"columns\":[\"a\"],\"data\":[1]}",
        "{\"columns\":[\"a\"],\"index\":[1,2],\"data\":[[1]]}", "{\"columns\":[\"a\",\"b\"],\"data\":[[1,2],[3]]}"})
    void splitRejectsInconsistentShapes(String body) {
        assertThatThrownBy(() -> PandasSplit.read(body.getBytes(UTF_8))).isInstanceOf(DecodeException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"data\":{\"x\":{\"0\":1}},\"index\":{\"values\":[0]},\"orient\":\"bogus\"}",
        "{\"data\":{\"x\":{\"7\":1}},\"index\":{\"values\":[0]}}", "{\"data\":{\"x\":[1]},\"dtypes\":{\"x\":\"datetime64[ns, Mars/Base]\"}}",
        "{\"data\":{\"x\":{\"0\":\"a\"}},\"dtypes\":{\"x\":\"int64\"}}", "{\"data\":{\"x\":5}}"})
    void omegaRejectsBadEnvelopes(String body) {
        assertThatThrownBy(() -> OmegaDataset.read(body.getBytes(UTF_8))).isInstanceOf(DecodeException.class);
    }
}
