package io.infer4j.testkit.internal;

import static io.infer4j.testkit.internal.MlopsRequests.bad;
import static io.infer4j.testkit.internal.MlopsRequests.intField;
import static io.infer4j.testkit.internal.MlopsRequests.textField;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infer4j.core.internal.Json;
import io.infer4j.testkit.internal.WallarooState.Workspace;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Wallaroo's {@code workspaces/*} calls, workspace members, and {@code users/query}. */
final class WallarooWorkspaces {
    private final WallarooState state;

    WallarooWorkspaces(WallarooState state) {
        this.state = state;
    }

    /** A new workspace owned by the default user. */
    Workspace create(String name) {
        Workspace w = new Workspace();
        w.id = state.nextId();
        w.name = name;
        w.createdAt = state.now();
        w.createdBy = ownerLabel();
        w.users.put(state.ownerId(), "OWNER");
        state.workspaces.put(w.id, w);
        return w;
    }

    private String ownerLabel() {
        // 2022 recorded a Keycloak UUID as created_by, 2024+ the user's email.
        return state.legacy ? state.ownerId() : state.settings.username();
    }

    Response listWorkspaces(Request r) {
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode list = body.putArray("workspaces");
        for (Workspace w : state.workspaces.values()) {
            list.add(workspaceJson(w));
        }
        return Response.json(200, body);
    }

    private static ObjectNode workspaceJson(Workspace w) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("id", w.id);
        o.put("name", w.name);
        o.put("created_at", w.createdAt);
        o.put("created_by", w.createdBy);
        o.put("archived", false);
        ArrayNode m = o.putArray("models");
        w.models.forEach(m::add);
        ArrayNode p = o.putArray("pipelines");
        w.pipelines.forEach(p::add);
        return o;
    }

    Response createWorkspace(Request r) {
        String name = textField(r.json(), "workspace_name");
        if (state.workspaces.values().stream().anyMatch(w -> w.name.equals(name))) {
            throw bad("workspace name '" + name + "' already exists");
        }
        return Response.json(200, Map.of("workspace_id", create(name).id));
    }

    /** The Keycloak id of a known user, else a stable id derived from the email. */
    private String userIdFor(String email) {
        String id = state.keycloak.userId(email);
        return id != null ? id : UUID.nameUUIDFromBytes(email.getBytes(StandardCharsets.UTF_8)).toString();
    }

    Response addUser(Request r) {
        Workspace w = state.ws(intField(r.json(), "workspace_id"));
        String email = textField(r.json(), "email");
        w.users.putIfAbsent(userIdFor(email), "COLLABORATOR");
        return Response.json(200, Json.mapper().createObjectNode());
    }

    Response listUsers(Request r) {
        Workspace w = state.ws(intField(r.json(), "workspace_id"));
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode users = body.putArray("users");
        w.users.forEach((id, type) -> users.addObject().put("user_id", id).put("user_type", type));
        return Response.json(200, body);
    }

    Response removeUser(Request r) {
        JsonNode b = r.json();
        Workspace w = state.ws(intField(b, "workspace_id"));
        String id = b.hasNonNull("user_id") ? b.get("user_id").asText()
                : b.hasNonNull("email") ? userIdFor(b.get("email").asText()) : null;
        if (id == null) {
            throw bad("one of 'email' or 'user_id' is required");
        }
        return Response.json(200, Map.of("affected_rows", w.users.remove(id) == null ? 0 : 1));
    }

    Response queryUsers(Request r) {
        ObjectNode body = Json.mapper().createObjectNode();
        ObjectNode users = body.putObject("users");
        for (Map<String, String> u : state.keycloak.userSummaries()) {
            ObjectNode o = users.putObject(u.get("id"));
            o.put("id", u.get("id"));
            o.put("createdTimestamp", 1_700_000_000_000L);
            o.put("username", u.get("username"));
            o.put("enabled", true);
            o.put("emailVerified", true);
            if (!u.get("email").isEmpty()) {
                o.put("email", u.get("email"));
            }
            o.putArray("disableableCredentialTypes");
            o.putArray("requiredActions");
            o.put("notBefore", 0);
            ObjectNode access = o.putObject("access");
            for (String k : List.of("manageGroupMembership", "view", "mapRoles", "impersonate", "manage")) {
                access.put(k, true);
            }
        }
        return Response.json(200, body);
    }
}
