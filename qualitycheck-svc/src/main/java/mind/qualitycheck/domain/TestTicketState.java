package mind.qualitycheck.domain;

/** Where one test ticket stands; {@code stopped} when its run was stopped before it was tested. */
public enum TestTicketState {
    scheduled, processing, completed, failed, stopped
}
