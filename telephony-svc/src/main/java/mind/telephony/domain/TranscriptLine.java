package mind.telephony.domain;

import java.time.Instant;

/** One utterance of a call: who spoke ({@code bot}, {@code agent}, the customer...), what, and when. */
public record TranscriptLine(String speaker, String message, Instant timestamp) {
}
