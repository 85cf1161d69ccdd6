package io.infer4j.core;

import io.infer4j.testsupport.ApiDump;
import org.junit.jupiter.api.Test;

/** sdk-core's public API is what api/sdk-core.api says (docs/design.md, "API surface"). */
class ApiSurfaceTest {
    @Test
    void publicApiMatchesTheCheckedInDump() {
        ApiDump.assertMatchesDump("sdk-core");
    }
}
