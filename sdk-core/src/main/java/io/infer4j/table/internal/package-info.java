/** Codec plumbing (parsers, cell readers and writers, the tensor fast path). Not API. */
package io.infer4j.table.internal;
