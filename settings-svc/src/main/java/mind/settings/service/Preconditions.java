package mind.settings.service;

import mind.common.error.ApiException;
import mind.common.error.KnownFailures;

/** If-Match against an object's version: 412 when they differ. */
final class Preconditions {

    private Preconditions() {
    }

    static void check(Integer ifMatch, int version) {
        if (ifMatch != null && ifMatch != version) {
            throw new ApiException(412, KnownFailures.PRECONDITION_FAILED,
                    "The object was changed since the version named in If-Match; read it again");
        }
    }
}
