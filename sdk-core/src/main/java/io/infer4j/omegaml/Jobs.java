package io.infer4j.omegaml;

import io.infer4j.omegaml.internal.Decode;
import io.infer4j.omegaml.internal.OmegaContext;
import io.infer4j.omegaml.internal.Pages;
import io.infer4j.omegaml.model.JobExport;
import io.infer4j.omegaml.model.JobInfo;
import io.infer4j.omegaml.model.Page;
import io.infer4j.task.TaskHandle;
import okhttp3.HttpUrl;

/**
 * Jobs (notebooks): metadata, run (sync or as a task), result notebooks, and on the commercial
 * edition the list and HTML export. Obtain from {@link OmegaClient#jobs()}; thread-safe.
 *
 * <pre>{@code
 * JobInfo after = omega.jobs().run("testjob");
 * JobInfo result = omega.jobs().results(after.jobResults().get(0));
 * }</pre>
 */
public final class Jobs {
    private static final String RESULTS = "results/";
    private final OmegaContext ctx;

    Jobs(OmegaContext ctx) {
        this.ctx = ctx;
    }

    /** The job's metadata ({@code GET /api/v1/job/{name}/}); the {@code .ipynb} suffix is optional. */
    public JobInfo get(String name) {
        return Decode.jobInfo(ctx.call("jobs.get", "GET", ctx.api("job").name(name).build(true), null, true));
    }

    /** Runs the job and returns its metadata with the new run ({@code POST /api/v1/job/{name}/run}). */
    public JobInfo run(String name) {
        return Decode.jobInfo(ctx.call("jobs.run", "POST", runUrl(name), null, false));
    }

    /** Runs the job as a server-side task. */
    public TaskHandle<JobInfo> runAsync(String name) {
        return ctx.startAsync("jobs.run", "POST", runUrl(name), null, Decode::jobInfo);
    }

    /**
     * A result notebook, by the name {@link JobInfo#jobResults()} lists, with or without the
     * {@code results/} prefix ({@code GET /api/v1/job/results/{file}/} on both editions: result
     * notebooks are jobs themselves).
     */
    public JobInfo results(String resultName) {
        HttpUrl url = ctx.api("job").segment("results").segment(strip(resultName)).build(true);
        return Decode.jobInfo(ctx.call("jobs.results", "GET", url, null, true));
    }

    /**
     * A result notebook rendered as HTML (commercial {@code GET /api/v1/job/export/{file}/}).
     *
     * @throws io.infer4j.core.error.UnsupportedByServerException on the open-source server
     */
    public JobExport export(String resultName) {
        HttpUrl url = ctx.api("job").segment("export").segment(strip(resultName)).build(true);
        return ctx.commercialOnly("jobs.export", () -> Decode.jobExport(ctx.call("jobs.export", "GET", url, null, true)));
    }

    /**
     * One page of jobs (commercial {@code GET /api/v1/job/?limit=&offset=}).
     *
     * @throws io.infer4j.core.error.UnsupportedByServerException on the open-source server
     */
    public Page<JobInfo> list(int limit, int offset) {
        if (limit <= 0 || offset < 0) {
            throw new IllegalArgumentException("need limit > 0 and offset >= 0, got " + limit + " and " + offset);
        }
        HttpUrl url = ctx.api("job").query("limit", Integer.toString(limit)).query("offset", Integer.toString(offset)).build(true);
        return ctx.commercialOnly("jobs.list",
                () -> Decode.page(ctx.call("jobs.list", "GET", url, null, true), Decode::jobInfo, "job list"));
    }

    /** Every job, fetched page by page as the iteration proceeds (commercial only). */
    public Iterable<JobInfo> listAll() {
        return Pages.iterate(offset -> list(20, offset));
    }

    private HttpUrl runUrl(String name) {
        return ctx.api("job").name(name).segment("run").build(false);
    }

    private static String strip(String resultName) {
        if (resultName == null || resultName.isBlank()) {
            throw new IllegalArgumentException("result name must not be blank");
        }
        return resultName.startsWith(RESULTS) ? resultName.substring(RESULTS.length()) : resultName;
    }
}
