package io.scalingsuite.catalog.repository.shard;

import java.util.concurrent.Callable;

/**
 * The Hibernate tenant (shard, or one of its replicas) that the current thread's next transaction uses. Only
 * {@link ShardRouter} sets it, around the transaction it opens, so a session never outlives its setting.
 */
final class ShardContext {

    private static final ThreadLocal<String> TENANT = new ThreadLocal<>();

    private ShardContext() {
    }

    static String current() {
        return TENANT.get();
    }

    static <T> T with(String tenant, Callable<T> work) throws Exception {
        String previous = TENANT.get();
        TENANT.set(tenant);
        try {
            return work.call();
        } finally {
            if (previous == null) {
                TENANT.remove();
            } else {
                TENANT.set(previous);
            }
        }
    }
}
