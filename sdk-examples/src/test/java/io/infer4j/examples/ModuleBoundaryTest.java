package io.infer4j.examples;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.infer4j.testsupport.ModuleBoundaries;
import org.junit.jupiter.api.Test;

/**
 * The examples are class-path code, what a user writes: they use only what the library modules
 * export to everyone, never an internal package (docs/design.md, "Module boundaries").
 */
class ModuleBoundaryTest {
    @Test
    void usesOnlyWhatTheLibraryExportsToEveryone() {
        JavaClasses main = ModuleBoundaries.classesBeside(Quickstart.class);
        ModuleBoundaries.assertUsesOnlyWhatIsExportedTo(main, null);
    }
}
