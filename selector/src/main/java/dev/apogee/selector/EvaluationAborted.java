package dev.apogee.selector;

/**
 * Ends a ROCKETMQ-dialect evaluation the way an exception ends Apache RocketMQ's: its broker catches any
 * error from the filter and treats the message as not matching ({@code ExpressionMessageFilter
 * .isMatchedByCommitLog}), even when the rest of the expression would have matched, e.g.
 * {@code a > 1 OR b = 'x'} with a = 'z'. One shared instance without a stack trace: throwing it costs
 * no allocation, and it never escapes {@link Selector#matches}.
 */
final class EvaluationAborted extends RuntimeException {

    private static final long serialVersionUID = 1L;

    static final EvaluationAborted INSTANCE = new EvaluationAborted();

    private EvaluationAborted() {
        super("selector evaluation aborted", null, false, false);
    }
}
