package io.infer4j.wallaroo;

import io.infer4j.core.error.ServiceException;
import io.infer4j.core.error.UnsupportedByServerException;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * What an Arrow request's error answer means: a Wallaroo without Arrow (pre-2023.1 Ops, the edge
 * and Inference Server builds, proxies in front of them) refuses the body with 415 Unsupported
 * Media Type, the answer type with 406 Not Acceptable, or says so in a 400. Those become an
 * {@link UnsupportedByServerException} that says to send pandas-records; the answer stays the
 * cause. The status decides retries, so these are not retried. Package-private: not API.
 */
final class ArrowFallback {
    /** The header Wallaroo's Python SDK sends with Arrow bodies. */
    static final String FORMAT_HEADER = "format";
    static final String FORMAT_ARROW = "arrow";

    private ArrowFallback() {
    }

    /** The mapper for an Arrow request to {@code what} (e.g. {@code inference}); {@code advice} says how to send pandas-records. */
    static UnaryOperator<ServiceException> mapper(String what, String advice) {
        return e -> refusesArrow(e) ? unsupported(e, what, advice) : e;
    }

    /** 415, 406, or a 400 whose error text mentions Arrow. */
    static boolean refusesArrow(ServiceException e) {
        int s = e.status();
        return s == 415 || s == 406 || (s == 400 && mentionsArrow(e));
    }

    private static boolean mentionsArrow(ServiceException e) {
        String text = e.errorMessage().orElse("") + " " + (e.body() == null ? "" : e.body());
        return text.toLowerCase(Locale.ROOT).contains("arrow");
    }

    private static UnsupportedByServerException unsupported(ServiceException e, String what, String advice) {
        String said = e.errorMessage().map(m -> ": " + m).orElse("");
        return new UnsupportedByServerException("Arrow IPC " + what + " (" + InferenceInput.ARROW_FILE + ")",
                "this server, which does not take Arrow (HTTP " + e.status() + said + "); " + advice, e);
    }
}
