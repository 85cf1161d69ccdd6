package io.infer4j.omegaml.model;

/**
 * A job result rendered for people (commercial {@code GET /api/v1/job/export/{file}/}).
 *
 * @param name    the result notebook name
 * @param content the rendered report, typically HTML
 */
public record JobExport(String name, String content) {
}
