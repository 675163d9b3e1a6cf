package mind.qualitycheck.domain;

/**
 * Where a test run stands: {@code scheduled} until the worker takes its first test ticket,
 * {@code processing} while tickets are tested, then {@code completed}, {@code failed} (every test
 * ticket failed, e.g. the agent is gone) or {@code stopped}. Spelled as on the wire.
 */
public enum TestRunState {
    scheduled, processing, completed, failed, stopped;

    public boolean isFinished() {
        return this == completed || this == failed || this == stopped;
    }
}
