package mind.qualitycheck.service;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The background worker is off: tests take and test jobs themselves, as several workers or a crashed one would. */
public class WorkerOffProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("mind.qualitycheck.worker.enabled", "false");
    }
}
