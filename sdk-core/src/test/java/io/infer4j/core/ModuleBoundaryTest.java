package io.infer4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.infer4j.testsupport.ModuleBoundaries;
import io.infer4j.testsupport.fixture.Leaky;
import io.infer4j.testsupport.fixture.internal.Hidden;
import io.infer4j.testsupport.fixture.model.Value;
import java.lang.module.ModuleDescriptor;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** sdk-core keeps the module boundaries of docs/design.md, and the checks catch what they should. */
class ModuleBoundaryTest {
    static final JavaClasses MAIN = ModuleBoundaries.classesBeside(ClientOptions.class);

    @Test
    void descriptorExportsEveryApiPackageAndNoInternalOneToEveryone() {
        ModuleDescriptor core = ModuleBoundaries.descriptorBeside(ClientOptions.class).orElseThrow();
        assertThat(core.name()).isEqualTo("io.infer4j.core");
        ModuleBoundaries.assertDescriptorExportsTheApi(core);
        assertThat(core.exports()).filteredOn(e -> e.source().equals("io.infer4j.core.internal")).singleElement()
                .satisfies(e -> assertThat(e.targets()).containsExactlyInAnyOrder("io.infer4j.auth", "io.infer4j.testkit"));
    }

    @Test
    void apiSignaturesNameNoInternalType() {
        assertThat(MAIN.containPackage("io.infer4j.wallaroo")).isTrue();
        ModuleBoundaries.assertApiNamesNoInternalType(MAIN);
    }

    @Test
    void usesNoOtherModulesPackages() {
        ModuleBoundaries.assertUsesOnlyWhatIsExportedTo(MAIN, "io.infer4j.core");
    }

    @Test
    void modelValueTypesDoNotCallTheInternalsThatBuildThem() {
        ModuleBoundaries.assertModelsStayBelowInternals(MAIN);
    }

    @Test
    void anInternalPackageExportedToEveryoneOrAnUnexportedApiPackageFails() {
        ModuleDescriptor bad = ModuleDescriptor.newModule("x.y").packages(Set.of("x.y.api", "x.y.internal", "x.y.extra"))
                .exports("x.y.api").exports("x.y.internal").build();
        assertThatThrownBy(() -> ModuleBoundaries.assertDescriptorExportsTheApi(bad)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("x.y.internal is internal but exported to everyone")
                .hasMessageContaining("x.y.extra is API but not exported")
                .message().doesNotContain("x.y.api ");
    }

    @Test
    void anInternalTypeInAnApiSignatureFails() {
        JavaClasses leaky = new ClassFileImporter().importClasses(Leaky.class, Hidden.class);
        assertThatThrownBy(() -> ModuleBoundaries.assertApiNamesNoInternalType(leaky)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("field io.infer4j.testsupport.fixture.Leaky.field " + Hidden.class.getName())
                .hasMessageContaining("Leaky.takes(java.util.List) takes " + Hidden.class.getName())
                .message().doesNotContain("privateHelper");
    }

    @Test
    void coreInternalIsOpenToAuthAndTheTestkitButNotToClassPathCode() {
        JavaClasses leaky = new ClassFileImporter().importClasses(Leaky.class);
        List<ModuleDescriptor> modules = ModuleBoundaries.infer4jModulesOnClassPath();
        assertThat(modules).extracting(ModuleDescriptor::name).contains("io.infer4j.core");

        assertThatThrownBy(() -> ModuleBoundaries.assertUsesOnlyWhatIsExportedTo(leaky, null, modules))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Leaky uses io.infer4j.core.internal, which io.infer4j.core does not export to class-path code");
        ModuleBoundaries.assertUsesOnlyWhatIsExportedTo(leaky, "io.infer4j.auth", modules);
        assertThatThrownBy(() -> ModuleBoundaries.assertUsesOnlyWhatIsExportedTo(leaky, "io.infer4j.examples", modules))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void aModelTypeCallingItsInternalsFails() {
        JavaClasses model = new ClassFileImporter().importClasses(Value.class);
        assertThatThrownBy(() -> ModuleBoundaries.assertModelsStayBelowInternals(model)).isInstanceOf(AssertionError.class)
                .hasMessageContaining(Value.class.getName() + " uses " + Hidden.class.getName());
    }
}
