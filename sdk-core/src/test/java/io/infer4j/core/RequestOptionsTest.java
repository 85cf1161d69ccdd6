package io.infer4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RequestOptionsTest {

    @Test
    void overridesReplaceFieldByFieldAndHeadersMergeCaseInsensitively() {
        RequestOptions view = RequestOptions.builder().attemptTimeout(Duration.ofSeconds(5))
                .callTimeout(Duration.ofMinutes(1)).retryPolicy(RetryPolicy.NONE)
                .header("X-Team", "fraud").header("X-Source", "batch").build();
        RequestOptions call = RequestOptions.builder().attemptTimeout(Duration.ofSeconds(1)).header("x-team", "risk").build();

        RequestOptions merged = view.withOverrides(call);

        assertThat(merged.attemptTimeout()).contains(Duration.ofSeconds(1));
        assertThat(merged.callTimeout()).contains(Duration.ofMinutes(1));
        assertThat(merged.retryPolicy()).contains(RetryPolicy.NONE);
        assertThat(merged.headers()).containsOnlyKeys("x-team", "X-Source").containsEntry("x-team", "risk");
        // Neither input changed.
        assertThat(view.headers()).containsEntry("X-Team", "fraud");
        assertThat(call.callTimeout()).isEmpty();
    }

    @Test
    void emptyOverridesAndAnEmptyBaseReturnTheOtherSide() {
        RequestOptions some = RequestOptions.attemptTimeout(Duration.ofSeconds(3));
        assertThat(some.withOverrides(RequestOptions.NONE)).isSameAs(some);
        assertThat(some.withOverrides(RequestOptions.builder().build())).isSameAs(some);
        assertThat(RequestOptions.NONE.withOverrides(some)).isSameAs(some);
    }

    @Test
    void aHeaderSetTwiceInDifferentCaseIsSentOnce() {
        RequestOptions o = RequestOptions.builder().header("X-A", "1").header("x-a", "2").build();
        assertThat(o.headers()).containsExactly(java.util.Map.entry("x-a", "2"));
    }
}
