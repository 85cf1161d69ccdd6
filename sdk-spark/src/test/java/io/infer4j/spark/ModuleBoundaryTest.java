package io.infer4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.infer4j.testsupport.ModuleBoundaries;
import org.junit.jupiter.api.Test;

/**
 * sdk-spark keeps the module boundaries of docs/design.md. It has no module-info (no named module
 * can require Spark, whose jars have no valid module name), so it is class-path code: it may use
 * only what core, auth and arrow export to everyone.
 */
class ModuleBoundaryTest {
    static final JavaClasses MAIN = ModuleBoundaries.classesBeside(SparkScoring.class);

    @Test
    void isClassPathCodeWithoutADescriptor() {
        assertThat(ModuleBoundaries.descriptorBeside(SparkScoring.class)).isEmpty();
    }

    @Test
    void apiSignaturesNameNoInternalType() {
        ModuleBoundaries.assertApiNamesNoInternalType(MAIN);
    }

    @Test
    void usesOnlyWhatTheOtherModulesExportToEveryone() {
        ModuleBoundaries.assertUsesOnlyWhatIsExportedTo(MAIN, null);
    }
}
