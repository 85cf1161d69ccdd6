package io.infer4j.omegaml.model;

/**
 * One entry of the commercial dataset list ({@code GET /api/v1/dataset/}).
 *
 * @param name        dataset name
 * @param kind        storage kind, e.g. {@code pandas.dfrows}
 * @param resourceUri the dataset's URI, e.g. {@code /api/v1/dataset/sample/}
 */
public record DatasetInfo(String name, String kind, String resourceUri) {
}
