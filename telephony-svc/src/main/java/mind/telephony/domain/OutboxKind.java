package mind.telephony.domain;

/** What an outbox row asks another service to do. */
public enum OutboxKind {
    /** ticket-svc {@code POST /ticket}: the call's ticket, when ticket-svc was down at callReceived. */
    createTicket,
    /** ticket-svc {@code POST /ticket/{id}/events}: a call state change in the ticket's activity. */
    ticketEvent,
    /** ticket-svc {@code PATCH /ticket/{id}}: the connected agent becomes the ticket's agent. */
    assignTicket,
    /** ticket-svc {@code POST /ticket/{id}/conversation/store}: the call's transcript. */
    storeTranscript,
    /** settings-svc {@code PATCH /profile/{userId}/routingStatus}: the agent's call routing status. */
    routingStatus
}
