package mind.common.paging;

import mind.common.error.ApiException;

/**
 * {@code limit}/{@code offset} paging as enneo documents it: limit defaults to 100 and lies in
 * 1..max (1000 unless the endpoint says otherwise), offset defaults to 0 and is never negative.
 */
public record PageRequest(int limit, int offset) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int DEFAULT_MAX = 1000;

    public static PageRequest of(Integer limit, Integer offset) {
        return of(limit, offset, DEFAULT_LIMIT, DEFAULT_MAX);
    }

    public static PageRequest of(Integer limit, Integer offset, int defaultLimit, int maxLimit) {
        int l = limit == null ? defaultLimit : limit;
        int o = offset == null ? 0 : offset;
        if (l < 1 || l > maxLimit) {
            throw ApiException.invalidField("limit", "must be between 1 and " + maxLimit);
        }
        if (o < 0) {
            throw ApiException.invalidField("offset", "must be 0 or more");
        }
        return new PageRequest(l, o);
    }
}
