package mind.telephony.domain;

/** State of a call in the routing queue, as enneo names it. */
public enum QueueStatus {
    preProcessing, waitingForAgent, assigned, currentlyProcessed, completed, declined,
    /** Outside routing: outbound calls made by a bot or call flow. */
    unknown
}
