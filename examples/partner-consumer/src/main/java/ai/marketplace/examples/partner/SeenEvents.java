package ai.marketplace.examples.partner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The event ids already handled. Events are delivered at least once, with the same id each time, so an id seen
 * before means "done already". Here they live in a file next to the example; a real partner keeps them in the
 * database table its effect goes to, written in the same transaction.
 */
final class SeenEvents {

    private final Path file;
    private final Set<String> ids = new HashSet<>();
    private final List<String> unsaved = new ArrayList<>();

    private SeenEvents(Path file) {
        this.file = file;
    }

    static SeenEvents in(Path file) throws IOException {
        SeenEvents s = new SeenEvents(file);
        if (Files.exists(file)) {
            s.ids.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
        }
        return s;
    }

    /** True the first time an id is offered; false for every redelivery. */
    boolean firstTime(String id) {
        if (!ids.add(id)) {
            return false;
        }
        unsaved.add(id);
        return true;
    }

    void flush() throws IOException {
        if (unsaved.isEmpty()) {
            return;
        }
        Files.write(file, unsaved, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        unsaved.clear();
    }
}
