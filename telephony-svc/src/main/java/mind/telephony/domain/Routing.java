package mind.telephony.domain;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Who routes a call to an agent. On the wire and in the database the values are {@code none},
 * {@code external} and {@code native}; the last is a Java keyword, hence {@link #native_} and the
 * explicit wire names.
 */
public enum Routing {
    /** No routing: the voicebot handled the call; the ticket is created closed and AI agents do not run. */
    none,
    /** An external routing engine connects agents. */
    external,
    /** Mind routes the call to its own agents. */
    @JsonProperty("native")
    native_;

    public String wire() {
        return this == native_ ? "native" : name();
    }

    public static Routing fromWire(String value) {
        return "native".equals(value) ? native_ : valueOf(value);
    }

    /** The wire name, so that error messages list the values a client can send. */
    @Override
    public String toString() {
        return wire();
    }
}
