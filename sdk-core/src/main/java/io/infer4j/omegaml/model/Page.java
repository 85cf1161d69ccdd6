package io.infer4j.omegaml.model;

import java.util.List;
import java.util.Optional;

/**
 * One page of a commercial-edition (tastypie) list: {@code {"meta": {limit, offset, total_count,
 * next, previous}, "objects": [...]}}.
 *
 * @param items      the objects on this page
 * @param limit      page size the server applied
 * @param offset     offset of the first item
 * @param totalCount total number of objects
 * @param next       URI of the next page, or {@code null} on the last page
 * @param <T>        item type
 */
public record Page<T>(List<T> items, int limit, int offset, long totalCount, String next) {
    /** Copies the items. */
    public Page {
        items = List.copyOf(items);
    }

    /** URI of the next page, if there is one. */
    public Optional<String> nextUri() {
        return Optional.ofNullable(next);
    }

    /** Whether more objects follow this page. */
    public boolean hasNext() {
        return next != null || (long) offset + items.size() < totalCount && !items.isEmpty();
    }
}
