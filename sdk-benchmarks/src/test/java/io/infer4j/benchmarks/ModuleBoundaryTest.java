package io.infer4j.benchmarks;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.infer4j.testsupport.ModuleBoundaries;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks are class-path code and measure what a user can call: they use only what the
 * library modules export to everyone, never an internal package (docs/design.md, "Module boundaries").
 */
class ModuleBoundaryTest {
    @Test
    void usesOnlyWhatTheLibraryExportsToEveryone() {
        JavaClasses main = ModuleBoundaries.classesBeside(CodecBenchmark.class);
        ModuleBoundaries.assertUsesOnlyWhatIsExportedTo(main, null);
    }
}
