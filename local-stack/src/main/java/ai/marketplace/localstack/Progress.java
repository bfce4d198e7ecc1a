package ai.marketplace.localstack;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** Progress lines for people watching a start: what is happening, what we wait for, how long it took. */
public final class Progress {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final long STARTED = System.nanoTime();

    private Progress() {
    }

    public static void say(String message) {
        System.out.printf("[%s +%5.1fs] %s%n", LocalTime.now().format(TIME), (System.nanoTime() - STARTED) / 1e9,
                message);
        System.out.flush();
    }

    public static String took(long startNanos) {
        return String.format("%.1fs", Duration.ofNanos(System.nanoTime() - startNanos).toMillis() / 1000.0);
    }
}
