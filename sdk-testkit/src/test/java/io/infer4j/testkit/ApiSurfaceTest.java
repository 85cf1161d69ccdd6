package io.infer4j.testkit;

import io.infer4j.testsupport.ApiDump;
import org.junit.jupiter.api.Test;

/** sdk-testkit's public API is what api/sdk-testkit.api says (docs/design.md, "API surface"). */
class ApiSurfaceTest {
    @Test
    void publicApiMatchesTheCheckedInDump() {
        ApiDump.assertMatchesDump("sdk-testkit");
    }
}
