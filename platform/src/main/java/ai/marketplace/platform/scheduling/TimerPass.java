package ai.marketplace.platform.scheduling;

import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/**
 * What every scheduled pass does with its outcome. A pass claims its rows under locks and commits per row or per
 * batch, so one that fails part-way leaves nothing half done: the failure is logged in the pass's own category and
 * the next tick simply runs it again. The tick itself never fails, which would only make the scheduler log it
 * without the pass's name.
 */
public final class TimerPass {

    private TimerPass() {
    }

    /** {@code work}, with a failure logged as {@code "<pass> failed, the next tick retries"} and swallowed. */
    public static Uni<Void> guarded(Logger log, String pass, Uni<?> work) {
        return work.replaceWithVoid().onFailure().recoverWithItem(e -> {
            log.warnf("%s failed, the next tick retries: %s", pass, e.toString());
            return null;
        });
    }

    /** Logs how many rows a step handled, when it handled any: {@code format} takes the count as {@code %d}. */
    public static Consumer<Integer> counted(Logger log, String format) {
        return n -> {
            if (n > 0) {
                log.infof(format, n);
            }
        };
    }
}
