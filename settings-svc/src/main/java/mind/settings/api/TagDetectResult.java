package mind.settings.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import mind.settings.service.TagDetection;

/** Answer of {@code POST /tag/{id}/detect}. */
@Schema(name = "TagDetectResult")
public record TagDetectResult(
        boolean success,
        @Schema(description = "Whether the tag's rules match: true only when every rule was evaluated and holds") boolean match,
        @Schema(description = "What could not be evaluated, and why, for a person") List<String> alerts,
        @Schema(description = "Each rule tested") List<Rule> rules,
        @Schema(description = "The ticketId of the request", nullable = true) Long ticketId) {

    @Schema(name = "TagDetectRule")
    public record Rule(
            @Schema(description = "channels, subchannels, keywords, conditions or ai") String rule,
            @Schema(description = "true or false; null when it could not be evaluated", nullable = true) Boolean matched,
            @Schema(description = "What was found, for a person") String detail) {
    }

    static TagDetectResult of(TagDetection.Outcome outcome, Long ticketId) {
        return new TagDetectResult(true, outcome.match(), outcome.alerts(),
                outcome.rules().stream().map(r -> new Rule(r.rule(), r.matched(), r.detail())).toList(), ticketId);
    }
}
