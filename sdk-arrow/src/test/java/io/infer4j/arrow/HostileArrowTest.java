package io.infer4j.arrow;

import static org.assertj.core.api.Assertions.assertThat;

import io.infer4j.core.error.DecodeException;
import io.infer4j.table.Table;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every hostile Arrow body gives a table or a DecodeException; never another exception, an OOM or a crash. */
class HostileArrowTest {
    static Stream<HostileArrow.Body> bodies() {
        return HostileArrow.corpus().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void decodesOrFailsTyped(HostileArrow.Body body) {
        try {
            Table t = ArrowTables.read(body.bytes());
            // Whatever decoded must be a table infer4j can write again.
            assertThat(ArrowTables.readFile(ArrowTables.toFile(t))).isEqualTo(t);
        } catch (DecodeException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            // Arrow 19 leaks a batch's memory when it fails inside it (and says so on close): the
            // framing checks must have caught every such body first.
            assertThat(expected.getCause() == null ? new Throwable[0] : expected.getCause().getSuppressed())
                    .as("suppressed close failures").isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void inferenceAnswersOfTheseBytesFailTyped(HostileArrow.Body body) {
        // What a pipeline's answer goes through: sniffed as Arrow, decoded by this module's provider.
        try {
            io.infer4j.wallaroo.InferenceResult.read(body.bytes());
        } catch (io.infer4j.core.error.Infer4jException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Test
    void corpusIsLargeAndMostlyRejected() {
        List<HostileArrow.Body> corpus = HostileArrow.corpus();
        long rejected = corpus.stream().filter(b -> {
            try {
                ArrowTables.read(b.bytes());
                return false;
            } catch (DecodeException e) {
                return true;
            }
        }).count();
        assertThat(corpus).hasSizeGreaterThan(200);
        assertThat(rejected).isGreaterThan(corpus.size() / 2);
    }

    @Test
    void hugeClaimsFailWithoutReservingTheMemory() {
        byte[] file = ArrowTables.toFile(HostileArrow.sample());
        long before = Runtime.getRuntime().totalMemory();
        for (byte[] b : List.of(HostileArrow.patch(file, 3, 1L << 40), HostileArrow.patch(file, 48, 1L << 40))) {
            try {
                ArrowTables.readFile(b);
            } catch (DecodeException expected) {
                assertThat(expected.getMessage()).contains("Arrow");
            }
        }
        assertThat(Runtime.getRuntime().totalMemory() - before).isLessThan(1L << 30);
    }
}
