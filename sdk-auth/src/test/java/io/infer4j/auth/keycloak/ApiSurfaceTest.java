package io.infer4j.auth.keycloak;

import io.infer4j.testsupport.ApiDump;
import org.junit.jupiter.api.Test;

/** sdk-auth's public API is what api/sdk-auth.api says (docs/design.md, "API surface"). */
class ApiSurfaceTest {
    @Test
    void publicApiMatchesTheCheckedInDump() {
        ApiDump.assertMatchesDump("sdk-auth");
    }
}
