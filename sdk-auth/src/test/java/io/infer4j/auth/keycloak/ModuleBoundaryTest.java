package io.infer4j.auth.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.infer4j.testsupport.ModuleBoundaries;
import java.lang.module.ModuleDescriptor;
import org.junit.jupiter.api.Test;

/** sdk-auth keeps the module boundaries of docs/design.md (the rules are proven in sdk-core's test). */
class ModuleBoundaryTest {
    static final JavaClasses MAIN = ModuleBoundaries.classesBeside(KeycloakTokenProvider.class);

    @Test
    void descriptorExportsTheApiAndProvidesBothLogins() {
        ModuleDescriptor auth = ModuleBoundaries.descriptorBeside(KeycloakTokenProvider.class).orElseThrow();
        assertThat(auth.name()).isEqualTo("io.infer4j.auth");
        ModuleBoundaries.assertDescriptorExportsTheApi(auth);
        assertThat(auth.provides()).extracting(p -> p.service() + " with " + String.join(",", p.providers()))
                .containsExactlyInAnyOrder(
                        "io.infer4j.wallaroo.WallarooAuthFactory with " + KeycloakWallarooAuthFactory.class.getName(),
                        "io.infer4j.endpoint.EndpointAuthFactory with " + KeycloakEndpointAuthFactory.class.getName());
    }

    @Test
    void apiSignaturesNameNoInternalType() {
        ModuleBoundaries.assertApiNamesNoInternalType(MAIN);
    }

    @Test
    void usesOnlyWhatCoreExportsToIt() {
        // sdk-auth uses core.internal (the transport, the JSON mapper), which core exports to it by name.
        assertThat(MAIN.stream().flatMap(c -> c.getDirectDependenciesFromSelf().stream())
                .map(d -> d.getTargetClass().getPackageName())).contains("io.infer4j.core.internal");
        ModuleBoundaries.assertUsesOnlyWhatIsExportedTo(MAIN, "io.infer4j.auth");
    }
}
