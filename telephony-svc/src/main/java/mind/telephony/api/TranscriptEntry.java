package mind.telephony.api;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import mind.telephony.domain.TranscriptLine;

/** One utterance of a call, e.g. {@code {"speaker":"bot","message":"Hello","timestamp":"2024-01-23T14:32:11Z"}}. */
public record TranscriptEntry(
        @NotBlank @Size(max = 100) String speaker,
        @NotNull @Size(max = 10_000) String message,
        Instant timestamp) {

    public TranscriptLine toLine() {
        return new TranscriptLine(speaker, message, timestamp);
    }
}
