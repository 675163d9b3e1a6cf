package mind.settings.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of {@code POST /profile}; only email is required. */
public record ProfileRequest(
        @NotBlank @Email @Size(max = 254) String email,
        @Size(max = 100) String firstName,
        @Size(max = 100) String lastName,
        @Size(max = 50) String phone,
        @Size(max = 32) String type,
        @Pattern(regexp = "[a-z]{2}", message = "must be a two-letter language code") String lang,
        @Size(max = 100) String nameAlias,
        @Size(max = 255) String externalId,
        @JsonProperty("isSsoOnly") Boolean isSsoOnly,
        @Valid ProfileSettingsRequest settings) {
}
