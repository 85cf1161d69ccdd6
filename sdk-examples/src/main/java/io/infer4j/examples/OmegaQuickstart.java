package io.infer4j.examples;

import io.infer4j.core.Settings;
import io.infer4j.core.error.UnsupportedByServerException;
import io.infer4j.omegaml.OmegaClient;
import io.infer4j.omegaml.model.DatasetQuery;
import io.infer4j.omegaml.model.ModelInput;
import io.infer4j.omegaml.model.ModelResult;
import io.infer4j.omegaml.model.PipelineStep;
import io.infer4j.omegaml.model.WriteMode;
import io.infer4j.table.Table;
import io.infer4j.task.TaskHandle;
import io.infer4j.testkit.LocalPlatform;
import java.time.Duration;
import java.util.List;

/**
 * omega-ml's REST tutorial in Java: store two datasets, create a linear regression, fit it on
 * them, predict, then predict again as an asynchronous task and wait for it.
 *
 * <p>Runs against the embedded {@code LocalPlatform}, or against a real omega-ml when
 * {@code OMEGA_URL} is set (plus {@code OMEGA_USER}/{@code OMEGA_APIKEY} for the commercial
 * edition; see docs/omegaml.md).
 *
 * <pre>mvn -B -q -pl sdk-examples -am verify -Drun=OmegaQuickstart</pre>
 */
public final class OmegaQuickstart {
    private static final String MODEL = "mymodel";

    private OmegaQuickstart() {
    }

    /** Runs the tutorial and prints the datasets, predictions and task. */
    public static void main(String[] args) {
        try (LocalPlatform local = Examples.platformUnless(Settings.OMEGA_URL);
             OmegaClient omega = local == null ? OmegaClient.fromEnv() : OmegaClient.builder().baseUrl(local.omegaUrl()).build()) {

            // y = 2x + 1: a line the regression must find exactly, so the predictions are checkable by eye.
            long[] x = new long[20];
            double[] y = new double[20];
            for (int i = 0; i < x.length; i++) {
                x[i] = i;
                y[i] = 2 * i + 1;
            }
            omega.datasets().put("datax", Table.builder().addInt64("x", x).build(), WriteMode.REPLACE);
            omega.datasets().put("datay", Table.builder().addFloat64("y", y).build(), WriteMode.REPLACE);
            // Filters run on the server: only the matching rows come back, in stored order.
            System.out.println("datax where x >= 15:");
            System.out.println(omega.datasets().get("datax", DatasetQuery.all().where("x", "gte", 15)));

            try {
                omega.models().create(MODEL, List.of(PipelineStep.of("LinearRegression")));
            } catch (UnsupportedByServerException e) {
                // The open-source server cannot create models over REST; one saved with om.models.put works.
                System.out.println("this server cannot create models over REST; using the stored " + MODEL);
            }
            omega.models().fit(MODEL, ModelInput.datasets("datax", "datay"));

            long start = System.nanoTime();
            double[] predicted = omega.models().predict(MODEL, ModelInput.datasets("datax")).asDoubles();
            System.out.printf("%npredict (sync): %d values in %d ms%n", predicted.length, Examples.millisSince(start));
            System.out.println(Table.builder().addInt64("x", x).addFloat64("y", y).addFloat64("predicted", predicted)
                    .build().head(5));

            // Long-running work goes to the server's task queue; the handle polls with backoff.
            start = System.nanoTime();
            TaskHandle<ModelResult> task = omega.models().predictAsync(MODEL, ModelInput.datasets("datax"));
            System.out.printf("%npredict (async): task %s is %s%n", task.id(), task.status().value());
            double[] again = task.await(Duration.ofMinutes(2)).asDoubles();
            System.out.printf("task %s finished after %d ms with %d values, last %s%n",
                    task.id(), Examples.millisSince(start), again.length, again[again.length - 1]);
        }
    }
}
