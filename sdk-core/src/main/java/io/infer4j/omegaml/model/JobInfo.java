package io.infer4j.omegaml.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/**
 * A job (notebook) or a job result notebook: its runs and results. The open-source server calls
 * the name {@code job}, the commercial one {@code name}; both are mapped to {@link #name()}.
 *
 * @param name        the notebook name, e.g. {@code testjob.ipynb}
 * @param sourceJob   for result notebooks, the job that produced it; else {@code null}
 * @param jobResults  names of result notebooks (empty before the first run)
 * @param jobRuns     the runs so far
 * @param created     creation time as the server sent it
 * @param content     the notebook itself (commercial only; JSON null otherwise)
 * @param resourceUri the resource URI the server echoed, or {@code null}
 */
public record JobInfo(String name, String sourceJob, List<String> jobResults, List<JobRun> jobRuns,
                      String created, JsonNode content, String resourceUri) {
    /** Copies the lists. */
    public JobInfo {
        jobResults = List.copyOf(jobResults);
        jobRuns = List.copyOf(jobRuns);
    }

    /** {@link #created()} parsed. */
    public Optional<LocalDateTime> createdTime() {
        return Timestamps.parse(created);
    }
}
