package mind.telephony.domain;

/** The ticket status values of ticket-svc, which a call may choose for its phone ticket. */
public enum TicketStatus {
    open, pending, resolved, closed, waitingOnCustomer, waitingOnThirdParty
}
