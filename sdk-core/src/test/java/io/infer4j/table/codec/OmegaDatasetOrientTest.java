package io.infer4j.table.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infer4j.core.error.DecodeException;
import io.infer4j.table.Index;
import io.infer4j.table.Table;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The caller-supplied orient for envelopes that do not state theirs (open-source GET answers). */
class OmegaDatasetOrientTest {
    /** {@code ?orient=index} on the open-source server: rows keyed by position, no orient key. */
    private static final String BY_ROW = "{\"data\": {\"0\": {\"x\": 1, \"s\": \"a\"}, \"1\": {\"x\": 2, \"s\": \"b\"}},"
            + " \"index\": {\"values\": [5, 6], \"type\": \"Index\"}}";

    private static OmegaDataset read(String json, String orient) {
        return OmegaDataset.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), ReadOptions.defaults(), orient);
    }

    @Test
    void givenOrientReadsRowKeyedDataThatTheShapeCannotTellApart() {
        OmegaDataset d = read(BY_ROW, "index");
        Table expected = Table.builder().addInt64("x", 1, 2).addString("s", "a", "b").index(Index.ofLongs(5, 6)).build();
        assertThat(d.table()).isEqualTo(expected);
        assertThat(d.orient()).isEqualTo("index");
        // detection alone takes the row keys for column names and fails to place the column names as rows
        assertThatThrownBy(() -> read(BY_ROW, null)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("row key 'x'");
    }

    @Test
    void orientInTheEnvelopeWinsOverTheGivenOne() {
        String stated = "{\"data\": {\"x\": {\"0\": 1, \"1\": 2}}, \"orient\": \"dict\", \"index\": {\"values\": [0, 1], \"type\": \"Index\"}}";
        assertThat(read(stated, "index").table()).isEqualTo(Table.builder().addInt64("x", 1, 2).build());
    }

    @Test
    void unknownGivenOrientIsRefusedBeforeReading() {
        assertThatThrownBy(() -> read(BY_ROW, "sideways")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sideways");
    }
}
