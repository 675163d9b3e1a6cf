package mind.qualitycheck.domain;

/**
 * Where a test run stands. enneo documents only {@code processing}; its UI shows Processing,
 * Completed and Failed, and a stopped run is {@code cancelled}. Spelled as on the wire.
 */
public enum TestRunState {
    processing, completed, failed, cancelled
}
