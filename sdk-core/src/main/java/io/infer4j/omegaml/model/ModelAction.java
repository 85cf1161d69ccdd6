package io.infer4j.omegaml.model;

import java.util.Locale;

/**
 * A model action, i.e. the last path segment of {@code /api/v1/model/{name}/{action}}. The
 * constants are the scikit-learn style actions; {@link #of(String)} names any other one the server
 * offers (e.g. {@code complete}, {@code embed}).
 *
 * @param value the action as it appears in the URL
 */
public record ModelAction(String value) {
    /** Trains on {@code datax}/{@code datay}. */
    public static final ModelAction FIT = new ModelAction("fit");
    /** Incremental training. */
    public static final ModelAction PARTIAL_FIT = new ModelAction("partial_fit");
    /** Predicts. */
    public static final ModelAction PREDICT = new ModelAction("predict");
    /** Class probabilities. */
    public static final ModelAction PREDICT_PROBA = new ModelAction("predict_proba");
    /** Scores on {@code datax}/{@code datay}. */
    public static final ModelAction SCORE = new ModelAction("score");
    /** Transforms {@code datax}. */
    public static final ModelAction TRANSFORM = new ModelAction("transform");
    /** Decision function on {@code datax}. */
    public static final ModelAction DECISION_FUNCTION = new ModelAction("decision_function");

    /** Validates: a single URL segment of letters, digits and underscores. */
    public ModelAction {
        if (value == null || !value.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("model action must be letters, digits or '_', was " + value);
        }
    }

    /** Any action by name. */
    public static ModelAction of(String value) {
        return new ModelAction(value == null ? null : value.toLowerCase(Locale.ROOT));
    }

    /** Whether the action changes the stored model (fit, partial_fit): never retried, PUT on every edition. */
    public boolean trains() {
        return equals(FIT) || equals(PARTIAL_FIT);
    }

    @Override
    public String toString() {
        return value;
    }
}
