package io.infer4j.wallaroo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.infer4j.testsupport.Contract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a request against the Wallaroo MLOps OpenAPI 3.0.3 document: the path and method exist,
 * and the JSON body (or the multipart {@code metadata} part) has every required property and only
 * properties of the declared types, recursively. Small on purpose: {@code $ref}, {@code allOf},
 * {@code nullable}, object/array/string/integer/number/boolean.
 */
final class OpenApiRequestChecker {
    static final String SPEC = "wallaroo/specs/mlops-api.openapi-3.0.3.wallaroo-2025.2.1.json";

    private final JsonNode spec;

    private OpenApiRequestChecker(JsonNode spec) {
        this.spec = spec;
    }

    /** Loads the spec from the shared contract folder (skips the test when absent). */
    static OpenApiRequestChecker load() {
        try {
            return new OpenApiRequestChecker(new ObjectMapper().readTree(Contract.bytes(SPEC)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the spec describes {@code method path}. */
    boolean has(String method, String path) {
        return spec.path("paths").path(path).has(method.toLowerCase(Locale.ROOT));
    }

    /** Request-body schema of an operation for a content type. */
    JsonNode requestSchema(String method, String path, String contentType) {
        JsonNode op = spec.path("paths").path(path).path(method.toLowerCase(Locale.ROOT));
        return resolve(op.path("requestBody").path("content").path(contentType).path("schema"));
    }

    /** The problems with {@code body} under {@code schema}; empty when it conforms. */
    List<String> validate(JsonNode schema, JsonNode body) {
        List<String> problems = new ArrayList<>();
        check(resolve(schema), body, "$", problems);
        return problems;
    }

    /** Validates a JSON request body of {@code method path} against its {@code application/json} schema. */
    List<String> validateJsonRequest(String method, String path, JsonNode body) {
        if (!has(method, path)) {
            return List.of("spec has no " + method + " " + path);
        }
        JsonNode schema = requestSchema(method, path, "application/json");
        if (schema.isMissingNode()) {
            return List.of("spec has no application/json request body for " + path);
        }
        return validate(schema, body);
    }

    private void check(JsonNode schema, JsonNode value, String where, List<String> problems) {
        schema = resolve(schema);
        if (value == null || value.isNull()) {
            if (!schema.path("nullable").asBoolean(false) && schema.has("type")) {
                problems.add(where + " is null but not nullable");
            }
            return;
        }
        for (JsonNode part : schema.path("allOf")) {
            check(part, value, where, problems);
        }
        String type = schema.path("type").asText("");
        switch (type) {
            case "object":
                if (!value.isObject()) {
                    problems.add(where + " should be an object but is " + value.getNodeType());
                    return;
                }
                for (JsonNode req : schema.path("required")) {
                    if (!value.has(req.asText())) {
                        problems.add(where + " lacks required property '" + req.asText() + "'");
                    }
                }
                JsonNode props = schema.path("properties");
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> f = it.next();
                    if (props.has(f.getKey())) {
                        check(props.get(f.getKey()), f.getValue(), where + "." + f.getKey(), problems);
                    } else if (props.size() > 0 && schema.path("additionalProperties").isBoolean()
                            && !schema.path("additionalProperties").asBoolean()) {
                        problems.add(where + " has undeclared property '" + f.getKey() + "'");
                    } else if (props.size() > 0 && !schema.has("additionalProperties")) {
                        problems.add(where + " has property '" + f.getKey() + "' the spec does not declare");
                    }
                }
                break;
            case "array":
                if (!value.isArray()) {
                    problems.add(where + " should be an array but is " + value.getNodeType());
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    check(schema.path("items"), value.get(i), where + "[" + i + "]", problems);
                }
                break;
            case "string":
                if (!value.isTextual()) {
                    problems.add(where + " should be a string but is " + value.getNodeType());
                }
                break;
            case "integer":
                if (!value.isIntegralNumber()) {
                    problems.add(where + " should be an integer but is " + value.getNodeType());
                }
                break;
            case "number":
                if (!value.isNumber()) {
                    problems.add(where + " should be a number but is " + value.getNodeType());
                }
                break;
            case "boolean":
                if (!value.isBoolean()) {
                    problems.add(where + " should be a boolean but is " + value.getNodeType());
                }
                break;
            default:
                break; // untyped (oneOf, free-form): anything goes
        }
        if (schema.has("enum") && value.isValueNode()) {
            boolean found = false;
            for (JsonNode e : schema.get("enum")) {
                found |= e.equals(value) || e.asText().equals(value.asText());
            }
            if (!found) {
                problems.add(where + " value " + value + " is not one of " + schema.get("enum"));
            }
        }
    }

    private JsonNode resolve(JsonNode schema) {
        while (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            schema = spec.at(ref.substring(1));
        }
        return schema;
    }
}
