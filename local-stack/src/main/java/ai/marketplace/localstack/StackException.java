package ai.marketplace.localstack;

/** A start failure with one line saying what to do next. */
public class StackException extends RuntimeException {

    private final String next;

    public StackException(String message, String next) {
        super(message);
        this.next = next;
    }

    public String next() {
        return next;
    }
}
