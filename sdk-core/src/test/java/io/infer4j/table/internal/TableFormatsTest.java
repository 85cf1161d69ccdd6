package io.infer4j.table.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infer4j.core.error.ConfigurationException;
import io.infer4j.table.Table;
import io.infer4j.table.spi.TableFormatProvider;
import io.infer4j.testsupport.FakeArrowProvider;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The provider registry: what ServiceLoader finds, lookup by media type, magic sniffing, the missing-module error. */
class TableFormatsTest {
    private static final byte[] ARROWISH = "ARROW1\0\0rest".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void withoutAProviderArrowSaysWhichArtifactToAdd() {
        TableFormats none = new TableFormats(List.of());
        assertThat(none.find(TableFormats.ARROW_FILE)).isEmpty();
        assertThatThrownBy(() -> none.require(TableFormats.ARROW_FILE))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.setting()).isEmpty())
                .hasMessageContaining("Arrow IPC (application/vnd.apache.arrow.file) needs io.infer4j:sdk-arrow on the class path");
        assertThatThrownBy(() -> none.require("application/x-parquet"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("application/x-parquet").hasMessageContaining("TableFormatProvider");
        // The magic still tells an Arrow body from JSON, so the caller can say to add sdk-arrow.
        assertThat(none.sniff(ARROWISH)).isEmpty();
        assertThat(none.sniffMediaType(ARROWISH)).contains(TableFormats.ARROW_FILE);
        assertThat(none.sniffMediaType("[{\"a\":1}]".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void theFakeProviderIsWhatSdkCoresTestClassPathHolds() {
        assertThat(TableFormats.installed().mediaTypes()).containsExactly(TableFormats.ARROW_FILE);
        assertThat(TableFormats.installed().require(TableFormats.ARROW_FILE)).isInstanceOf(FakeArrowProvider.class);
        assertThat(TableFormats.installed()).isSameAs(TableFormats.installed());
    }

    @Test
    void lookupIgnoresParametersAndCaseAndSniffingAsksEachProvider() {
        TableFormatProvider fake = new FakeArrowProvider();
        TableFormats formats = new TableFormats(List.of(fake));
        assertThat(formats.find("Application/Vnd.Apache.Arrow.File; charset=binary")).containsSame(fake);
        assertThat(formats.find("application/json")).isEmpty();
        assertThat(formats.find(null)).isEmpty();
        assertThat(formats.find("  ")).isEmpty();
        assertThat(formats.sniff(ARROWISH)).containsSame(fake);
        assertThat(formats.sniff(new byte[0])).isEmpty();
        assertThat(formats.sniff(null)).isEmpty();
        assertThat(formats.sniff("ARROW".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(TableFormats.is("application/vnd.apache.arrow.file;x=1", TableFormats.ARROW_FILE)).isTrue();
        assertThat(TableFormats.is(null, TableFormats.ARROW_FILE)).isFalse();
    }

    @Test
    void theFirstProviderOfAMediaTypeWinsAndAThrowingSniffDoesNotMatch() {
        TableFormatProvider first = new Named(TableFormats.ARROW_FILE, false);
        TableFormatProvider second = new Named("APPLICATION/vnd.apache.arrow.file", true);
        TableFormatProvider throwing = new Named("application/x-throws", true) {
            @Override
            public boolean sniff(byte[] body) {
                throw new IllegalStateException("broken");
            }
        };
        TableFormats formats = new TableFormats(List.of(first, second, throwing, new Named(" ", true)));
        assertThat(formats.mediaTypes()).containsExactly(TableFormats.ARROW_FILE, "application/x-throws");
        assertThat(formats.require(TableFormats.ARROW_FILE)).isSameAs(first);
        // first does not match, second was dropped, throwing throws: nothing matches.
        assertThat(formats.sniff(ARROWISH)).isEmpty();
    }

    private static class Named implements TableFormatProvider {
        private final String type;
        private final boolean matches;

        Named(String type, boolean matches) {
            this.type = type;
            this.matches = matches;
        }

        @Override
        public String mediaType() {
            return type;
        }

        @Override
        public boolean sniff(byte[] body) {
            return matches;
        }

        @Override
        public byte[] write(Table table) {
            return new byte[0];
        }

        @Override
        public Table read(byte[] body) {
            return Table.empty(0);
        }
    }
}
