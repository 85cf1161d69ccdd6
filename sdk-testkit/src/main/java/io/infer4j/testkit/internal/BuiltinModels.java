package io.infer4j.testkit.internal;

import java.util.List;

/**
 * Two small deterministic models standing in for Wallaroo's tutorial models. Each output row is a
 * pure function of its own input row, so a test can recompute what any row must be and detect
 * responses that were mixed up between requests.
 */
public final class BuiltinModels {
    /** The ccfraud model's input width. */
    public static final int FRAUD_WIDTH = 29;
    /** The Aloha model's input width ({@code text_input} of data-1k.json). */
    public static final int ALOHA_WIDTH = 50;
    /** The Aloha model's outputs, in the (alphabetical) order Wallaroo sends them. */
    public static final List<String> ALOHA_OUTPUTS = List.of("banjori", "corebot", "cryptolocker", "dircrypt", "gozi",
            "kraken", "locky", "main", "matsnu", "pykspa", "qakbot", "ramdo", "ramnit", "simda", "suppobox");

    private BuiltinModels() {
    }

    /**
     * The fraud score ({@code out.dense_1}): {@code sigmoid(sum_i w_i * x_i - 3)} with
     * {@code w_i = ((7 i) mod 11 - 5) / 10}, as a float.
     */
    public static float fraud(double[] x) {
        double z = -3;
        for (int i = 0; i < x.length; i++) {
            z += (((7 * i) % 11) - 5) / 10.0 * x[i];
        }
        return (float) sigmoid(z);
    }

    /**
     * The Aloha-style scores, one per {@link #ALOHA_OUTPUTS} entry: output {@code k} is
     * {@code sigmoid(sum_i w_ki * x_i / 40 - 2)} with {@code w_ki = ((k + 3) (i + 1) mod 13 - 6) / 6}.
     */
    public static float[] aloha(double[] x) {
        float[] out = new float[ALOHA_OUTPUTS.size()];
        for (int k = 0; k < out.length; k++) {
            double z = -2;
            for (int i = 0; i < x.length; i++) {
                z += ((((k + 3) * (i + 1)) % 13) - 6) / 6.0 * x[i] / 40.0;
            }
            out[k] = (float) sigmoid(z);
        }
        return out;
    }

    private static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }
}
