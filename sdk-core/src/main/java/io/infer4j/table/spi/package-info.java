/**
 * Service interfaces for optional modules: {@link io.infer4j.table.spi.TableFormatProvider} lets
 * {@code sdk-arrow} (or your own module) add a binary table format to inference and logs. Users of
 * infer4j do not call these types; implementers register them in {@code module-info}
 * ({@code provides}) and {@code META-INF/services}.
 */
package io.infer4j.table.spi;
