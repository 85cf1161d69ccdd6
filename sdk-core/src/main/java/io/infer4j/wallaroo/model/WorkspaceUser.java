package io.infer4j.wallaroo.model;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * A member of a workspace ({@code workspaces/list_users} item).
 *
 * @param userId               Keycloak user id (UUID string)
 * @param userType             {@code OWNER} or {@code COLLABORATOR} as recorded (kept verbatim)
 * @param additionalProperties fields this SDK version does not know
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WorkspaceUser(String userId, String userType, @JsonAnySetter Map<String, JsonNode> additionalProperties) {
    /** Normalises the unknown-field map. */
    public WorkspaceUser {
        additionalProperties = Copies.extras(additionalProperties);
    }
}
