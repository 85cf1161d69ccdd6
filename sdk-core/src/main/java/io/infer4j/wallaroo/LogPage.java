package io.infer4j.wallaroo;

import io.infer4j.table.Table;

/**
 * One page of a pipeline's inference logs ({@code pipelines/get_logs}).
 *
 * @param records the log records: {@code time} (timestamp), {@code in.*}, {@code out.*},
 *                {@code anomaly.*} / {@code check_failures}, {@code metadata.*}
 * @param cursor  the {@code x-iteration-cursor} for the next page, or {@code null} on the last page
 * @param status  {@code x-iteration-status}: {@code All}, {@code SchemaChange}, {@code RecordLimited},
 *                {@code ByteLimited}, or {@code null}
 */
public record LogPage(Table records, String cursor, String status) {
}
