package io.infer4j.testkit;

import io.infer4j.testkit.internal.FaultEngine;

/** An installed fault rule: how often it fired, and a way to remove it. */
public final class FaultHandle {
    private final FaultEngine.Rule rule;

    FaultHandle(FaultEngine.Rule rule) {
        this.rule = rule;
    }

    /** How many requests this rule has affected so far. */
    public int hits() {
        return rule.hits();
    }

    /** How many more requests it will affect, or -1 for unlimited. */
    public int remaining() {
        return rule.remaining();
    }

    /** Removes the rule; requests from now on are not affected by it. */
    public void cancel() {
        rule.cancel();
    }

    @Override
    public String toString() {
        return "FaultHandle[" + rule.action() + ", hits=" + hits() + "]";
    }
}
