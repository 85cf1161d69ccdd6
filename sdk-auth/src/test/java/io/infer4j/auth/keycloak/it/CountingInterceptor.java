package io.infer4j.auth.keycloak.it;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.FormBody;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/** Records the grant_type of every token request that goes through it. */
final class CountingInterceptor implements Interceptor {
    private final List<String> grants = new CopyOnWriteArrayList<>();

    OkHttpClient client() {
        return new OkHttpClient.Builder().addInterceptor(this).build();
    }

    List<String> grants() {
        return List.copyOf(grants);
    }

    int count() {
        return grants.size();
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        String grant = "?";
        if (chain.request().body() instanceof FormBody) {
            FormBody form = (FormBody) chain.request().body();
            for (int i = 0; i < form.size(); i++) {
                if (form.name(i).equals("grant_type")) {
                    grant = form.value(i);
                }
            }
        }
        grants.add(grant);
        return chain.proceed(chain.request());
    }
}
