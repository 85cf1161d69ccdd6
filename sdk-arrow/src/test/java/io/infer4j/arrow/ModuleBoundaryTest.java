package io.infer4j.arrow;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.infer4j.testsupport.ModuleBoundaries;
import java.lang.module.ModuleDescriptor;
import org.junit.jupiter.api.Test;

/** sdk-arrow keeps the module boundaries of docs/design.md (the rules are proven in sdk-core's test). */
class ModuleBoundaryTest {
    static final JavaClasses MAIN = ModuleBoundaries.classesBeside(ArrowTables.class);

    @Test
    void descriptorExportsTheApiAndProvidesTheFormat() {
        ModuleDescriptor arrow = ModuleBoundaries.descriptorBeside(ArrowTables.class).orElseThrow();
        assertThat(arrow.name()).isEqualTo("io.infer4j.arrow");
        ModuleBoundaries.assertDescriptorExportsTheApi(arrow);
        assertThat(arrow.provides()).anySatisfy(p -> {
            assertThat(p.service()).isEqualTo("io.infer4j.table.spi.TableFormatProvider");
            assertThat(p.providers()).containsExactly("io.infer4j.arrow.internal.ArrowFileFormat");
        });
    }

    @Test
    void apiSignaturesNameNoInternalType() {
        ModuleBoundaries.assertApiNamesNoInternalType(MAIN);
    }

    @Test
    void usesOnlyWhatCoreExportsToIt() {
        ModuleBoundaries.assertUsesOnlyWhatIsExportedTo(MAIN, "io.infer4j.arrow");
    }

    @Test
    void theClassPathFindsTheSameProvider() throws java.io.IOException {
        try (var in = ArrowTables.class.getResourceAsStream("/META-INF/services/io.infer4j.table.spi.TableFormatProvider")) {
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim())
                    .isEqualTo("io.infer4j.arrow.internal.ArrowFileFormat");
        }
    }
}
