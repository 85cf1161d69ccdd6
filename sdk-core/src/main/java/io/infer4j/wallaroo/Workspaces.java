package io.infer4j.wallaroo;

import static io.infer4j.wallaroo.internal.WallarooApi.body;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.wallaroo.internal.Immutable;
import io.infer4j.wallaroo.internal.WallarooApi;
import io.infer4j.wallaroo.model.Workspace;
import io.infer4j.wallaroo.model.WorkspaceUser;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Workspaces: {@code workspaces/list}, {@code create}, {@code add_user}, {@code list_users},
 * {@code remove_user}. Thread-safe; get it from {@link WallarooClient#workspaces()}.
 */
public final class Workspaces {
    private final WallarooApi api;

    Workspaces(WallarooApi api) {
        this.api = api;
    }

    /** Every workspace the caller can see. */
    public List<Workspace> list() {
        return api.call("workspaces.list", "workspaces/list", Map.of(), true, WorkspaceList.class).workspaces();
    }

    /** The workspace with exactly this name, if the caller can see one. */
    public Optional<Workspace> findByName(String name) {
        Objects.requireNonNull(name, "name");
        return list().stream().filter(w -> name.equals(w.name())).findFirst();
    }

    /**
     * Creates a workspace (names are unique, lower-case and DNS-compliant on recent servers).
     *
     * @return the new workspace id
     */
    public long create(String name) {
        requireText(name, "name");
        Created c = api.call("workspaces.create", "workspaces/create", body("workspace_name", name), false,
                Created.class);
        return WallarooApi.required(c.workspaceId(), "workspace_id", "workspaces/create");
    }

    /** Adds the user with this email to the workspace. */
    public void addUser(long workspaceId, String email) {
        requireText(email, "email");
        api.call("workspaces.add_user", "workspaces/add_user", body("email", email, "workspace_id", workspaceId),
                false, JsonNode.class);
    }

    /** The members of a workspace. */
    public List<WorkspaceUser> listUsers(long workspaceId) {
        return api.call("workspaces.list_users", "workspaces/list_users", body("workspace_id", workspaceId), true,
                UserList.class).users();
    }

    /**
     * Removes the user with this email from the workspace.
     *
     * @return how many memberships were removed (0 if the user was not a member)
     */
    public long removeUser(long workspaceId, String email) {
        requireText(email, "email");
        return api.call("workspaces.remove_user", "workspaces/remove_user",
                body("workspace_id", workspaceId, "email", email), false, Removed.class).affectedRows();
    }

    /** Removes the user with this Keycloak id from the workspace; returns the rows removed. */
    public long removeUserById(long workspaceId, String userId) {
        requireText(userId, "userId");
        return api.call("workspaces.remove_user", "workspaces/remove_user",
                body("workspace_id", workspaceId, "user_id", userId), false, Removed.class).affectedRows();
    }

    static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be null or blank");
        }
    }

    private record WorkspaceList(List<Workspace> workspaces) {
        WorkspaceList {
            workspaces = Immutable.list(workspaces);
        }
    }

    private record UserList(List<WorkspaceUser> users) {
        UserList {
            users = Immutable.list(users);
        }
    }

    private record Created(@JsonProperty("workspace_id") Long workspaceId) {
    }

    private record Removed(@JsonProperty("affected_rows") long affectedRows) {
    }
}
