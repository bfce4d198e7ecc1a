package ai.marketplace.platform.inbox;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import io.vertx.pgclient.PgException;

/**
 * Tells failures that go away by themselves (database or network unavailable, serialization conflicts) from
 * failures that will repeat on every retry (bugs, constraint violations, bad data).
 */
public final class Transience {

    private Transience() {
    }

    public static boolean isTransient(Throwable t) {
        if (t instanceof ai.marketplace.platform.events.MalformedEventException) {
            return false;
        }
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ConnectException || c instanceof TimeoutException
                    || c instanceof io.vertx.core.impl.NoStackTraceTimeoutException
                    || c instanceof io.vertx.sqlclient.ClosedConnectionException
                    || c instanceof java.nio.channels.ClosedChannelException) {
                return true;
            }
            if (c instanceof PgException pg && pg.getSqlState() != null) {
                String s = pg.getSqlState();
                // 08 connection, 40 serialization/deadlock, 53 resources, 57 operator intervention (shutdown)
                if (s.startsWith("08") || s.startsWith("40") || s.startsWith("53") || s.startsWith("57")) {
                    return true;
                }
            }
            String name = c.getClass().getName();
            // A concurrent writer won an optimistic-lock race: the retry reads the new version.
            if (name.endsWith("ConnectionClosedException") || name.endsWith("PoolClosedException")
                    || name.endsWith("OptimisticLockException") || name.endsWith("StaleObjectStateException")) {
                return true;
            }
        }
        return false;
    }
}
