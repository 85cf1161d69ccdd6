/**
 * infer4j Arrow: {@link io.infer4j.table.Table} to and from Apache Arrow vectors, IPC files and
 * streams, and the Arrow IPC format behind Wallaroo inference and logs (found by sdk-core through
 * {@link io.infer4j.table.spi.TableFormatProvider}).
 */
module io.infer4j.arrow {
    requires transitive io.infer4j.core;
    // BufferAllocator and VectorSchemaRoot are in ArrowTables' signatures.
    requires transitive org.apache.arrow.memory.core;
    requires transitive org.apache.arrow.vector;
    // The stream framing check reads message headers with Arrow's flatbuffer classes.
    requires org.apache.arrow.format;
    requires org.slf4j;

    exports io.infer4j.arrow;

    provides io.infer4j.table.spi.TableFormatProvider with io.infer4j.arrow.internal.ArrowFileFormat;
}
