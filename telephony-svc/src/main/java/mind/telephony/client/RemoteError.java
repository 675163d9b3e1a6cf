package mind.telephony.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The error shape every Mind service answers with; only the parts telephony passes on. */
@JsonIgnoreProperties(ignoreUnknown = true)
// read only inside the exception mapper, where the build cannot see it is deserialized
@RegisterForReflection
record RemoteError(String error, String code) {
}
