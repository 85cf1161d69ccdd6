package io.infer4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.infer4j.testsupport.ModuleBoundaries;
import java.lang.module.ModuleDescriptor;
import org.junit.jupiter.api.Test;

/** The testkit keeps the module boundaries of docs/design.md (the rules are proven in sdk-core's test). */
class ModuleBoundaryTest {
    static final JavaClasses MAIN = ModuleBoundaries.classesBeside(LocalPlatform.class);

    @Test
    void descriptorExportsTheApiOnly() {
        ModuleDescriptor testkit = ModuleBoundaries.descriptorBeside(LocalPlatform.class).orElseThrow();
        assertThat(testkit.name()).isEqualTo("io.infer4j.testkit");
        ModuleBoundaries.assertDescriptorExportsTheApi(testkit);
    }

    @Test
    void apiSignaturesNameNoInternalType() {
        ModuleBoundaries.assertApiNamesNoInternalType(MAIN);
    }

    @Test
    void usesOnlyWhatCoreExportsToIt() {
        ModuleBoundaries.assertUsesOnlyWhatIsExportedTo(MAIN, "io.infer4j.testkit");
    }
}
