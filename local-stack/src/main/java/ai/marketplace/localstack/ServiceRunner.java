package ai.marketplace.localstack;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * How the stack runs one replica of a service: a JVM process on this machine ({@link ServiceLauncher}, what
 * {@code deploy/local/up} does), or the service's image as a container (the system tests' container suite).
 * Either way it listens on 127.0.0.1:{@code port} and takes its whole configuration from {@code env}.
 */
public interface ServiceRunner {

    Instance start(String service, int replica, int port, Map<String, String> env);

    /** One running replica. */
    interface Instance extends AutoCloseable {

        String name();

        boolean isAlive();

        /** Where to read what it printed (a log file, or the command that shows a container's output). */
        String logs();

        /** SIGKILL, no shutdown hooks: what a crash or an OOM kill looks like to everyone else. */
        void kill();

        /** Graceful stop (SIGTERM, then SIGKILL after a grace period). */
        @Override
        void close();

        /** Waits for {@code ready}, printing a line every 15 s; fails fast if the replica exits. */
        default void awaitReady(BooleanSupplier ready, long timeoutSeconds, String waitingFor) {
            long start = System.nanoTime();
            long lastSay = start;
            while (!ready.getAsBoolean()) {
                if (!isAlive()) {
                    throw new StackException(name() + " exited while starting", "see its output: " + logs());
                }
                long now = System.nanoTime();
                if (now - start > TimeUnit.SECONDS.toNanos(timeoutSeconds)) {
                    throw new StackException(name() + " was not ready after " + timeoutSeconds + " s", "see its output: " + logs());
                }
                if (now - lastSay > TimeUnit.SECONDS.toNanos(15)) {
                    Progress.say("  … still waiting for " + name() + " (" + waitingFor + "), " + Progress.took(start));
                    lastSay = now;
                }
                ManagedProcess.sleep(250);
            }
        }
    }
}
