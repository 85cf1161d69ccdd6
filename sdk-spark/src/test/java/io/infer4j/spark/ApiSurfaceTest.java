package io.infer4j.spark;

import io.infer4j.testsupport.ApiDump;
import org.junit.jupiter.api.Test;

/** sdk-spark's public API is what api/sdk-spark.api says (docs/design.md, "API surface"). */
class ApiSurfaceTest {
    @Test
    void publicApiMatchesTheCheckedInDump() {
        ApiDump.assertMatchesDump("sdk-spark");
    }
}
