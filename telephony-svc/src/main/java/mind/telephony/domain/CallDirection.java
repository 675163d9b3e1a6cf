package mind.telephony.domain;

/** Whether the customer called in or was called. */
public enum CallDirection {
    in, out
}
