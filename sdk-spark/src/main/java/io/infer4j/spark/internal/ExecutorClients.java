package io.infer4j.spark.internal;

import io.infer4j.spark.WallarooSparkSettings;
import io.infer4j.wallaroo.WallarooClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link WallarooClient} per settings value and JVM, shared by every task that runs there.
 * A Spark executor runs many tasks, one after the other and side by side; a client per task would
 * log in to Keycloak per task and open a connection pool per task. Clients are built at first use
 * and closed by a shutdown hook, since an executor has no other end-of-life callback.
 */
public final class ExecutorClients {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorClients.class);
    private static final Map<WallarooSparkSettings, WallarooClient> CLIENTS = new ConcurrentHashMap<>();
    private static final Map<String, Semaphore> PERMITS = new ConcurrentHashMap<>();
    private static final Object HOOK_LOCK = new Object();
    private static boolean hookAdded;

    private ExecutorClients() {
    }

    /** The JVM's client for {@code settings}, built on first use. */
    public static WallarooClient client(WallarooSparkSettings settings) {
        WallarooClient c = CLIENTS.get(settings);
        if (c != null) {
            return c;
        }
        addShutdownHook();
        return CLIENTS.computeIfAbsent(settings, s -> {
            LOG.debug("infer4j: new Wallaroo client for {}", s);
            return s.newClient();
        });
    }

    /**
     * The JVM-wide limit of requests in flight to one target: {@code concurrencyPerExecutor}
     * permits shared by every task of the executor, so that cores x concurrency does not multiply.
     */
    public static Semaphore permits(WallarooSparkSettings settings, String target, int concurrency) {
        return PERMITS.computeIfAbsent(settings.hashCode() + " " + concurrency + " " + target,
                k -> new Semaphore(concurrency, true));
    }

    /** How many clients this JVM holds (for tests). */
    public static int size() {
        return CLIENTS.size();
    }

    /** Closes and forgets every client (the shutdown hook; tests). */
    public static void closeAll() {
        for (WallarooSparkSettings s : CLIENTS.keySet()) {
            WallarooClient c = CLIENTS.remove(s);
            if (c != null) {
                try {
                    c.close();
                } catch (RuntimeException e) {
                    LOG.debug("infer4j: closing a client failed: {}", e.toString());
                }
            }
        }
    }

    private static void addShutdownHook() {
        synchronized (HOOK_LOCK) {
            if (!hookAdded) {
                Runtime.getRuntime().addShutdownHook(new Thread(ExecutorClients::closeAll, "infer4j-spark-close-clients"));
                hookAdded = true;
            }
        }
    }
}
