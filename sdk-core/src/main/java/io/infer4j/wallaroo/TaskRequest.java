package io.infer4j.wallaroo;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to run an orchestration as a task: workspace, orchestration, the JSON arguments its
 * {@code main.py} receives, and optional name, timeout and debug flag. Immutable.
 *
 * <pre>{@code
 * TaskRequest run = TaskRequest.builder(workspaceId, orchestrationId)
 *         .arguments(Map.of("pipeline_name", "ccfraud")).name("nightly").build();
 * Task done = client.tasks().runOnce(run).await(Duration.ofMinutes(30));
 * }</pre>
 */
public final class TaskRequest {
    private final Map<String, Object> body;

    private TaskRequest(Builder b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("workspace_id", b.workspaceId);
        m.put("orch_id", b.orchestrationId);
        m.put("json", b.arguments);
        if (b.name != null) {
            m.put("name", b.name);
        }
        if (b.timeout != null) {
            m.put("timeout", b.timeout.toSeconds());
        }
        if (b.debug != null) {
            m.put("debug", b.debug);
        }
        this.body = java.util.Collections.unmodifiableMap(m);
    }

    /** Starts a request to run orchestration {@code orchestrationId} in {@code workspaceId}. */
    public static Builder builder(long workspaceId, String orchestrationId) {
        Workspaces.requireText(orchestrationId, "orchestrationId");
        return new Builder(workspaceId, orchestrationId);
    }

    /** The JSON body ({@code run_once}); {@code run_scheduled} adds {@code schedule}. */
    Map<String, Object> body() {
        return body;
    }

    @Override
    public String toString() {
        return "TaskRequest" + body.keySet();
    }

    /** Builds a {@link TaskRequest}. */
    public static final class Builder {
        private final long workspaceId;
        private final String orchestrationId;
        private Object arguments = Map.of();
        private String name;
        private Duration timeout;
        private Boolean debug;

        private Builder(long workspaceId, String orchestrationId) {
            this.workspaceId = workspaceId;
            this.orchestrationId = orchestrationId;
        }

        /** The JSON object passed to the task (a Map, JsonNode or serialisable value; default {@code {}}). */
        public Builder arguments(Object arguments) {
            this.arguments = Objects.requireNonNull(arguments, "arguments");
            return this;
        }

        /** A task name. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Server-side time limit of one run (whole seconds). */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.toSeconds() == 0) {
                throw new IllegalArgumentException("timeout must be at least one second, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** Runs the task in debug mode. */
        public Builder debug(boolean debug) {
            this.debug = debug;
            return this;
        }

        /** The request. */
        public TaskRequest build() {
            return new TaskRequest(this);
        }
    }
}
