package io.infer4j.arrow;

import io.infer4j.testsupport.ApiDump;
import org.junit.jupiter.api.Test;

/** sdk-arrow's public API is what api/sdk-arrow.api says (docs/design.md, "API surface"). */
class ApiSurfaceTest {
    @Test
    void publicApiMatchesTheCheckedInDump() {
        ApiDump.assertMatchesDump("sdk-arrow");
    }
}
