package io.infer4j.omegaml.model;

/** How {@code datasets().put} treats rows already stored under the name. */
public enum WriteMode {
    /** Add the rows after the stored ones (omega-ml's default); the rows keep their own index labels. */
    APPEND,
    /** Drop what is stored and keep only the rows written. */
    REPLACE
}
