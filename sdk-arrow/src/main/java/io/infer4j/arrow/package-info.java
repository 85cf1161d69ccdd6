/**
 * Apache Arrow for infer4j: {@link io.infer4j.arrow.ArrowTables} converts tables to and from Arrow
 * vectors and IPC files/streams. With this module on the class path, Wallaroo inference and logs
 * can travel as Arrow IPC files ({@code InferOptions.builder().format(InferenceFormat.ARROW)}).
 */
package io.infer4j.arrow;
