package dev.apogee.benchmarks.broker;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.rocketmq.remoting.RPCHook;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;

/**
 * Counts one client's PULL_MESSAGE requests and their answers by response code: how many round trips a
 * consumer needed says whether a slower catch-up is the broker's answers (small batches, empty or retried
 * pulls) or the time each round trip took.
 */
final class PullCounter implements RPCHook {

    private static final int PULL_MESSAGE = 11;

    private final LongAdder pulls = new LongAdder();
    private final Map<Integer, LongAdder> answers = new ConcurrentHashMap<>();

    @Override
    public void doBeforeRequest(String remoteAddr, RemotingCommand request) {
        if (request.getCode() == PULL_MESSAGE) {
            pulls.increment();
        }
    }

    @Override
    public void doAfterResponse(String remoteAddr, RemotingCommand request, RemotingCommand response) {
        if (request.getCode() == PULL_MESSAGE && response != null) {
            answers.computeIfAbsent(response.getCode(), code -> new LongAdder()).increment();
        }
    }

    long pulls() {
        return pulls.sum();
    }

    /** Answers by response code (1 = found, 19 = none new, 20 = retry immediately, 21 = offset moved, ...). */
    Map<Integer, Long> answers() {
        Map<Integer, Long> byCode = new TreeMap<>();
        answers.forEach((code, count) -> byCode.put(code, count.sum()));
        return byCode;
    }
}
