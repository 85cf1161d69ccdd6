package io.infer4j.testkit.internal;

/** Ordinary least squares with an intercept, via the normal equations on centred data. */
final class Ols {
    /** Fitted coefficients: {@code y = intercept + sum_j slopes[j] * x_j}. */
    record Fit(double intercept, double[] slopes) {
        double predict(double[] x) {
            double y = intercept;
            for (int j = 0; j < slopes.length; j++) {
                y += slopes[j] * x[j];
            }
            return y;
        }
    }

    private Ols() {
    }

    /**
     * Fits {@code y ~ X}. Centring first keeps exact data exact (y = 2x gives slope 2.0 and intercept
     * 0.0, not 1.9999999) and the system well conditioned.
     *
     * @throws IllegalArgumentException "Singular matrix" when the features are collinear
     */
    static Fit fit(double[][] x, double[] y) {
        int n = y.length;
        int p = n == 0 ? 0 : x[0].length;
        double[] mean = new double[p];
        double yMean = 0;
        for (int i = 0; i < n; i++) {
            yMean += y[i] / n;
            for (int j = 0; j < p; j++) {
                mean[j] += x[i][j] / n;
            }
        }
        double[][] a = new double[p][p + 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                double dj = x[i][j] - mean[j];
                for (int k = 0; k < p; k++) {
                    a[j][k] += dj * (x[i][k] - mean[k]);
                }
                a[j][p] += dj * (y[i] - yMean);
            }
        }
        double[] b = solve(a, p);
        double intercept = yMean;
        for (int j = 0; j < p; j++) {
            intercept -= b[j] * mean[j];
        }
        return new Fit(intercept, b);
    }

    /** Gaussian elimination with partial pivoting on the augmented matrix {@code a} (p x p+1). */
    private static double[] solve(double[][] a, int p) {
        double scale = 0;
        for (double[] row : a) {
            for (int k = 0; k < p; k++) {
                scale = Math.max(scale, Math.abs(row[k]));
            }
        }
        for (int c = 0; c < p; c++) {
            int pivot = c;
            for (int r = c + 1; r < p; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
                    pivot = r;
                }
            }
            if (Math.abs(a[pivot][c]) <= 1e-12 * Math.max(scale, 1e-300)) {
                throw new IllegalArgumentException("Singular matrix");
            }
            double[] tmp = a[c];
            a[c] = a[pivot];
            a[pivot] = tmp;
            for (int r = 0; r < p; r++) {
                if (r != c && a[r][c] != 0) {
                    double f = a[r][c] / a[c][c];
                    for (int k = c; k <= p; k++) {
                        a[r][k] -= f * a[c][k];
                    }
                }
            }
        }
        double[] b = new double[p];
        for (int j = 0; j < p; j++) {
            b[j] = a[j][p] / a[j][j];
        }
        return b;
    }
}
