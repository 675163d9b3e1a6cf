package mind.common.params;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import mind.common.error.ApiException;
import mind.common.params.PhpArrayParams.Value;

class PhpArrayParamsTest {

    private static List<Value> values(String query, int max) {
        return PhpArrayParams.values(URI.create("http://h/p" + query), "channels", max);
    }

    @Test
    void everyFormInQueryOrder() {
        assertEquals(List.of(new Value("channels[]", "a"), new Value("channels", "b,c"), new Value("channels[3]", "d"),
                new Value("channels[]", "e f"), new Value("channels", "")),
                values("?channels%5B%5D=a&id=1&channels=b%2Cc&channels[3]=d&channel=x&channelsX=y&channels[]=e+f&channels", 10));
    }

    @Test
    void otherParametersAndNamesThatOnlyStartAlikeAreNotValues() {
        assertEquals(List.of(), values("?channel=a&channelsX=b&channels[a]=c&channels[12345]=d", 10));
        assertEquals(List.of(), values("", 10));
    }

    @Test
    void boundedInCount() {
        assertEquals(2, values("?channels=a&channels[]=b", 2).size());
        ApiException e = assertThrows(ApiException.class, () -> values("?channels=a&channels[]=b&channels[0]=c", 2));
        assertEquals("channels", e.details().get(0).field());
    }
}
