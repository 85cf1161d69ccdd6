package io.infer4j.wallaroo.model;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * A model configuration ({@code model_config} / {@code config}).
 *
 * @param id                   config id
 * @param modelVersionId       the model version it belongs to, or {@code null} (older servers omit it)
 * @param runtime              {@code onnx}, {@code tensorflow}, {@code mlflow}, {@code flight}, ... (kept verbatim)
 * @param tensorFields         input column names mapped onto the model's input, empty if none
 * @param filterThreshold      filter threshold, or {@code null}
 * @param additionalProperties further fields (schemas, batch configs, {@code openai}, ...)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ModelConfig(long id, Long modelVersionId, String runtime, List<String> tensorFields, Double filterThreshold,
                          @JsonAnySetter Map<String, JsonNode> additionalProperties) {
    /** Normalises absent lists and maps. */
    public ModelConfig {
        tensorFields = Copies.list(tensorFields);
        additionalProperties = Copies.extras(additionalProperties);
    }
}
