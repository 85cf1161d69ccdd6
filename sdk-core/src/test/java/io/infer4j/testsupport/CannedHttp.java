package io.infer4j.testsupport;

import java.util.function.Function;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * An OkHttpClient whose answers come from a function instead of the network: the whole infer4j
 * request path (auth, retry loop, decoders, error mapping) runs, without sockets. For tests that
 * make thousands of calls, such as the hostile-body corpus.
 */
public final class CannedHttp {
    private CannedHttp() {
    }

    /** A canned answer. */
    public record Answer(int code, String contentType, byte[] body) {
    }

    /** A client answering every request with {@code answers.apply(request)}. */
    public static OkHttpClient client(Function<Request, Answer> answers) {
        return new OkHttpClient.Builder().addInterceptor(chain -> {
            Answer a = answers.apply(chain.request());
            return new Response.Builder().request(chain.request()).protocol(Protocol.HTTP_1_1).code(a.code())
                    .message("canned").header("Content-Type", a.contentType())
                    .body(ResponseBody.create(a.body(), MediaType.get(a.contentType()))).build();
        }).build();
    }
}
