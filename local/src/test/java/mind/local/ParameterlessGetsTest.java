package mind.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** What ApiDocumentationIT calls: the GETs of a document that need no parameter. */
class ParameterlessGetsTest {

    @Test
    void onlyGetsWithoutPathOrRequiredParametersAreCalled() throws Exception {
        String document = """
                {"paths":{
                  "/api/mind/tag":{"get":{"parameters":[{"name":"type","in":"query"}]},"post":{}},
                  "/api/mind/tag/{id}":{"get":{}},
                  "/api/mind/profiles":{"get":{"parameters":[{"name":"q","in":"query","required":true}]}},
                  "/api/mind/ticket":{"post":{}},
                  "/api/mind/events":{"get":{"responses":{"200":{"content":{"text/event-stream":{}}}}}},
                  "/api/mind/settings":{"get":{}}
                }}""";
        assertEquals(List.of("/api/mind/tag", "/api/mind/settings"),
                ApiDocumentationIT.parameterlessGets(new ObjectMapper().readTree(document)));
    }
}
