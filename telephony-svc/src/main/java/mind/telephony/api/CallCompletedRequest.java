package mind.telephony.api;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /telephony/callCompleted}. Durations in seconds, at most a week each. */
public record CallCompletedRequest(
        @Size(min = 1, max = 255) String channelId,
        @Size(max = 1000) List<@Valid @NotNull TranscriptEntry> transcript,
        @Positive Long ticketId,
        @PositiveOrZero @Max(604_800) Integer duration,
        @PositiveOrZero @Max(604_800) Integer totalDurationSeconds,
        @PositiveOrZero @Max(604_800) Integer botDurationSeconds,
        @PositiveOrZero @Max(604_800) Integer queueDurationSeconds,
        @PositiveOrZero @Max(604_800) Integer humanDurationSeconds) {
}
