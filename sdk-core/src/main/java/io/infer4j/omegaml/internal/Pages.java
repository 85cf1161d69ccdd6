package io.infer4j.omegaml.internal;

import io.infer4j.omegaml.model.Page;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.IntFunction;

/** Lazy iteration over tastypie pages: the next page is fetched only when the current one is used up. */
public final class Pages {
    private Pages() {
    }

    /** Iterates every item, fetching pages by offset on demand. */
    public static <T> Iterable<T> iterate(IntFunction<Page<T>> fetchAtOffset) {
        return () -> new Iterator<>() {
            private Page<T> page = fetchAtOffset.apply(0);
            private int index;

            @Override
            public boolean hasNext() {
                while (index >= page.items().size()) {
                    if (!page.hasNext() || page.items().isEmpty()) {
                        return false;
                    }
                    page = fetchAtOffset.apply(page.offset() + page.items().size());
                    index = 0;
                }
                return true;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.items().get(index++);
            }
        };
    }
}
