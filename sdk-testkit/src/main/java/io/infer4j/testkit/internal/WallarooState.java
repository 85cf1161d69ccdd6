package io.infer4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infer4j.table.internal.TableFormats;
import io.infer4j.testkit.ServerVersion;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The Wallaroo platform's in-memory store, shared by the resource classes ({@link WallarooWorkspaces},
 * {@link WallarooPipelines}, {@link WallarooModels}, {@link WallarooOrchestrations},
 * {@link WallarooInference}). Every read or write of it holds this object's monitor: {@link Wallaroo}
 * takes it around each MLOps handler, inference takes it only around its reads and its log writes.
 * All ids, of every kind, come from one counter, as the recorded ids do.
 */
final class WallarooState {
    static final String ALOHA_SHA = "d71d9ffc61aaac58c2b1ed70a2db13d1416fb9d3f5b891e5e4e2e97180fe22f8";
    static final String FRAUD_SHA = "bc85ce596945f876256f41515c7501c399fd97ebcb9ab3dd41bf03f8937b4507";
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx")
            .withZone(ZoneOffset.UTC);

    final Settings settings;
    final String base;
    final Keycloak keycloak;
    /** Whether the 2022 response shapes are imitated ({@link ServerVersion#LEGACY_2022}). */
    final boolean legacy;
    /** The binary table formats on the class path (Arrow with sdk-arrow): immutable, read without the monitor. */
    final TableFormats formats = TableFormats.installed();
    private int nextId = 1;

    final Map<Integer, Workspace> workspaces = new LinkedHashMap<>();
    final Map<Integer, Model> models = new LinkedHashMap<>();
    final Map<Integer, Version> versions = new LinkedHashMap<>();
    final Map<Integer, Pipeline> pipelines = new LinkedHashMap<>();
    final Map<String, Orchestration> orchestrations = new LinkedHashMap<>();
    final Map<String, Task> tasks = new LinkedHashMap<>();

    static final class Workspace {
        int id;
        String name;
        String createdAt;
        String createdBy;
        final List<Integer> models = new ArrayList<>();
        final List<Integer> pipelines = new ArrayList<>();
        final Map<String, String> users = new LinkedHashMap<>();
    }

    static final class Model {
        int id;
        String name;
        int workspaceId;
        String createdAt;
        String updatedAt;
        final List<Integer> versions = new ArrayList<>();
    }

    static final class Version {
        int id;
        int modelId;
        int configId;
        String uuid;
        String sha;
        String fileName;
        long size;
        String framework;
        String createdAt;
        int reads;
        boolean preloaded;
    }

    static final class Pipeline {
        int id;
        String name;
        int workspaceId;
        String createdAt;
        String updatedAt;
        final List<Variant> variants = new ArrayList<>();
        Integer modelVersionId;
        Deployment deployment;
        final Deque<ObjectNode> logs = new ArrayDeque<>();

        Variant latestVariant() {
            return variants.get(variants.size() - 1);
        }
    }

    record Variant(int id, String uuid, String createdAt, JsonNode definition) {
    }

    static final class Deployment {
        int id;
        String deployId;
        Instant started;
        int polls;
        boolean active = true;
        String partition;
    }

    static final class Orchestration {
        String id;
        String name;
        int workspaceId;
        String sha;
        String fileName;
        String createdAt;
        String taskId = UUID.randomUUID().toString();
        int reads;
    }

    static final class Task {
        String id;
        String name;
        String orchId;
        int workspaceId;
        String schedule;
        JsonNode input;
        String createdAt;
        String updatedAt;
        int reads;
        String status = "pending";
        boolean killed;
        final List<ObjectNode> runs = new ArrayList<>();
    }

    WallarooState(Settings settings, String base, Keycloak keycloak) {
        this.settings = settings;
        this.base = base;
        this.keycloak = keycloak;
        this.legacy = settings.serverVersion() == ServerVersion.LEGACY_2022;
    }

    int nextId() {
        return nextId++;
    }

    String now() {
        return TS.format(settings.clock().instant());
    }

    /** The Keycloak id of the platform's default user. */
    String ownerId() {
        return keycloak.userId(settings.username());
    }

    Workspace ws(int id) {
        return MlopsRequests.found(workspaces.get(id), "workspace " + id + " not found");
    }

    /** The newest version of the model of that name in any workspace, as pipeline steps name it. */
    Optional<Version> latestVersion(String modelName) {
        return versions.values().stream().filter(v -> models.get(v.modelId).name.equals(modelName))
                .reduce((a, c) -> c);
    }

    Version versionOf(Pipeline p) {
        return p.modelVersionId == null ? null : versions.get(p.modelVersionId);
    }

    boolean running(Deployment d) {
        return d.polls >= settings.deploymentPolls()
                || !settings.clock().instant().isBefore(d.started.plus(settings.deploymentStartup()));
    }

    /** The pipeline whose active deployment is called {@code {deploy_id}-{id}}, or null. */
    Pipeline byDeploymentName(String name) {
        int dash = name.lastIndexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            int id = Integer.parseInt(name.substring(dash + 1));
            String deployId = name.substring(0, dash);
            return pipelines.values().stream().filter(p -> p.deployment != null && p.deployment.active
                    && p.deployment.id == id && p.deployment.deployId.equals(deployId)).findFirst().orElse(null);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
