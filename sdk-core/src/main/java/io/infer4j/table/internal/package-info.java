/**
 * Codec plumbing (parsers, cell readers and writers, the tensor fast path) and the registry of
 * binary table formats found with {@link java.util.ServiceLoader}. Not API.
 */
package io.infer4j.table.internal;
