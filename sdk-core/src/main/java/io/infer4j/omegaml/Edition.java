package io.infer4j.omegaml;

/**
 * Which omega-ml server the client talks to. The two editions answer the same URLs differently
 * (see {@code docs/omegaml.md}).
 */
public enum Edition {
    /**
     * Not known in advance (the default). Shared endpoints use the open-source URL forms;
     * commercial-only features (dataset and job lists, model create, job export) are attempted, and
     * a server that lacks them raises {@link io.infer4j.core.error.UnsupportedByServerException}.
     */
    AUTO,
    /**
     * The open-source Flask server ({@code om runtime serve}). Commercial-only features fail at
     * once with {@link io.infer4j.core.error.UnsupportedByServerException}, without a request.
     */
    OPEN_SOURCE,
    /**
     * The commercial edition (tastypie, e.g. hub.omegaml.io): trailing slashes on every resource
     * URL, {@code GET} for predictions by dataset name, lists and model create available.
     */
    COMMERCIAL
}
