package io.infer4j.testkit.internal;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The active fault rules, consulted for every request before it reaches its handler. Rules are
 * evaluated in the order they were added; delays add up, the first firing non-delay rule decides.
 */
public final class FaultEngine {
    /** What a rule does to a request. */
    public enum Action {
        /** Answer with a status and the family's error body. */
        STATUS,
        /** 429 with a {@code Retry-After} header. */
        RATE_LIMIT,
        /** Close the connection without any response. */
        DROP,
        /** Answer with the first half of the real body and a matching Content-Length (broken JSON). */
        TRUNCATE,
        /** Announce the full Content-Length, send half the body, then close the connection. */
        CUT,
        /** Wait, then handle the request normally. */
        DELAY
    }

    /** One rule; {@code remaining < 0} means unlimited. */
    public static final class Rule {
        final String pathPrefix;
        final String operation;
        final String method;
        final double probability;
        final Action action;
        final int status;
        final Duration duration;
        final AtomicInteger remaining;
        final AtomicInteger hits = new AtomicInteger();
        volatile boolean cancelled;

        public Rule(String pathPrefix, String operation, String method, int times, double probability,
                    Action action, int status, Duration duration) {
            this.pathPrefix = pathPrefix;
            this.operation = operation;
            this.method = method;
            this.remaining = new AtomicInteger(times);
            this.probability = probability;
            this.action = action;
            this.status = status;
            this.duration = duration;
        }

        public Action action() {
            return action;
        }

        public int status() {
            return status;
        }

        public Duration duration() {
            return duration;
        }

        public int hits() {
            return hits.get();
        }

        public int remaining() {
            return remaining.get();
        }

        public void cancel() {
            cancelled = true;
        }

        boolean matches(String m, String path, String op) {
            return !cancelled
                    && (pathPrefix == null || path.startsWith(pathPrefix))
                    && (operation == null || operation.equals(op))
                    && (method == null || method.equalsIgnoreCase(m));
        }

        boolean fire(Random random) {
            if (probability < 1.0) {
                synchronized (random) {
                    if (random.nextDouble() >= probability) {
                        return false;
                    }
                }
            }
            while (true) {
                int left = remaining.get();
                if (left == 0) {
                    return false;
                }
                if (left < 0 || remaining.compareAndSet(left, left - 1)) {
                    hits.incrementAndGet();
                    return true;
                }
            }
        }
    }

    /** What to do with one request: wait {@code delay}, then apply {@code terminal} (null: none). */
    public record Decision(Duration delay, Rule terminal) {
    }

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private volatile Random random;

    public FaultEngine(long seed) {
        this.random = new Random(seed);
    }

    public Rule add(Rule rule) {
        rules.add(rule);
        return rule;
    }

    public void clear() {
        rules.forEach(Rule::cancel);
        rules.clear();
    }

    public void seed(long seed) {
        random = new Random(seed);
    }

    public Decision evaluate(String method, String path, String operation) {
        Duration delay = Duration.ZERO;
        Random rnd = random;
        for (Rule r : rules) {
            if (!r.matches(method, path, operation) || !r.fire(rnd)) {
                continue;
            }
            if (r.action == Action.DELAY) {
                delay = delay.plus(r.duration);
            } else {
                return new Decision(delay, r);
            }
        }
        return new Decision(delay, null);
    }
}
