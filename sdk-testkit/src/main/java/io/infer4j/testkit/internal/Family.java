package io.infer4j.testkit.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which kind of server a route imitates. Decides the error body shape, so that an injected 503 or
 * a rejected token looks exactly like the real server's (clients parse these bodies).
 */
public enum Family {
    /** Keycloak: {@code {"error": "...", "error_description": "..."}}. */
    KEYCLOAK,
    /** Wallaroo MLOps API: {@code {"msg": "...", "code": 400}}. */
    MLOPS,
    /** Wallaroo inference (engine / platform gateway): {@code {"code", "status", "error", "source"}}. */
    INFERENCE,
    /** omega-ml (flask-restx): {@code {"message": "..."}}. */
    OMEGA,
    /** A FastAPI model service: {@code {"detail": "..."}}. */
    FASTAPI,
    /** AWS API Gateway in front of a Lambda: {@code {"message": "..."}}. */
    GATEWAY;

    /** The error response this kind of server sends for {@code status}. */
    public Response error(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        switch (this) {
            case KEYCLOAK:
                body.put("error", status == 503 ? "temporarily_unavailable" : status == 429 ? "slow_down" : "server_error");
                body.put("error_description", message);
                break;
            case MLOPS:
                body.put("msg", message);
                body.put("code", status);
                break;
            case INFERENCE:
                body.put("code", status);
                body.put("status", "error");
                body.put("error", message);
                body.put("source", status == 401 || status == 404 ? "platform" : "engine");
                break;
            case FASTAPI:
                body.put("detail", message);
                break;
            default:
                body.put("message", message);
        }
        return Response.json(status, body);
    }

    /** The message a real server of this kind gives for a status we inject. */
    public static String defaultMessage(int status, Family family) {
        if (status == 503 && family == INFERENCE) {
            return "The resources required to run this request are not available. "
                    + "Please check the inference endpoint status and try again";
        }
        switch (status) {
            case 429: return "Too Many Requests";
            case 500: return family == MLOPS ? "unknown error." : "Internal Server Error";
            case 502: return "Bad Gateway";
            case 503: return "Service Unavailable";
            case 504: return "Gateway Timeout";
            default: return "HTTP " + status;
        }
    }
}
