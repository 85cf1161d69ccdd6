package io.infer4j.core;

import java.util.List;

/**
 * Every setting the infer4j clients read in {@code fromEnv()}, each declared once: the builders,
 * the examples and docs/configuration.md all use these declarations. Names follow one rule
 * ({@link Setting}); lookup order is in {@link ConfigEnvironment}.
 */
public final class Settings {
    private static final String ALL = "all";
    private static final String WALLAROO = "WallarooClient";
    private static final String OMEGA = "OmegaClient";
    private static final String MODEL = "ModelEndpoint";

    // ---- all clients -----------------------------------------------------------------------

    /** Which profile of the config file to read. */
    public static final Setting PROFILE = Setting.declare("INFER4J_PROFILE", ALL,
            "Profile of the config file to read. Naming one that the file lacks is an error; the implicit `default` may be absent.")
            .defaultValue("default").notInProfile().build();
    /** Where the config file is. */
    public static final Setting CONFIG_FILE = Setting.declare("INFER4J_CONFIG_FILE", ALL,
            "The config file with the profiles. A file named here must exist; the default one may be absent.")
            .defaultValue("~/.infer4j/config.properties").notInProfile().build();

    // ---- Wallaroo --------------------------------------------------------------------------

    /** Wallaroo API URL. */
    public static final Setting WALLAROO_URL = Setting.declare("WALLAROO_URL", WALLAROO,
            "API URL, `https://wallaroo.example.com` or `https://{prefix}.api.{suffix}`.").required().build();
    /** Keycloak base URL. */
    public static final Setting WALLAROO_AUTH_URL = Setting.declare("WALLAROO_AUTH_URL", WALLAROO,
            "Keycloak base URL (ends in `/auth`); derived from the API URL when unset.").build();
    /** Static bearer token. */
    public static final Setting WALLAROO_TOKEN = Setting.declare("WALLAROO_TOKEN", WALLAROO,
            "Static bearer token; wins over a Keycloak login.").secret().build();
    /** Keycloak user. */
    public static final Setting WALLAROO_USER = Setting.declare("WALLAROO_USER", WALLAROO,
            "Keycloak user for a password login (needs `sdk-auth`).").build();
    /** Keycloak password. */
    public static final Setting WALLAROO_PASSWORD = Setting.declare("WALLAROO_PASSWORD", WALLAROO,
            "Password of `WALLAROO_USER`.").secret().build();
    /** OIDC client id. */
    public static final Setting WALLAROO_CLIENT_ID = Setting.declare("WALLAROO_CLIENT_ID", WALLAROO,
            "OIDC client; `sdk-client`, or `api-client` when a client secret is set.").build();
    /** OIDC client secret. */
    public static final Setting WALLAROO_CLIENT_SECRET = Setting.declare("WALLAROO_CLIENT_SECRET", WALLAROO,
            "Secret of a confidential client: a client-credentials login without a user (needs `sdk-auth`).").secret().build();
    /** Per-attempt timeout of MLOps calls. */
    public static final Setting WALLAROO_REQUEST_TIMEOUT = Setting.declare("WALLAROO_REQUEST_TIMEOUT", WALLAROO,
            "Per-attempt timeout of MLOps calls, in seconds.").defaultValue("45").build();
    /** Per-attempt timeout of inference calls. */
    public static final Setting WALLAROO_INFERENCE_TIMEOUT = Setting.declare("WALLAROO_INFERENCE_TIMEOUT", WALLAROO,
            "Per-attempt timeout of inference calls, in seconds.").defaultValue("15").build();

    // ---- omega-ml --------------------------------------------------------------------------

    /** omega-ml server URL. */
    public static final Setting OMEGA_URL = Setting.declare("OMEGA_URL", OMEGA,
            "Server URL, e.g. `http://localhost:5000` or `https://hub.omegaml.io`.").required()
            .legacyProperty("OMEGA_URL").build();
    /** omega-ml API user. */
    public static final Setting OMEGA_USER = Setting.declare("OMEGA_USER", OMEGA,
            "API user; with `OMEGA_APIKEY`, API-key auth.").legacyProperty("OMEGA_USER").build();
    /** omega-ml API key. */
    public static final Setting OMEGA_APIKEY = Setting.declare("OMEGA_APIKEY", OMEGA,
            "API key (or a JWT, sent as a bearer token); no auth when unset.").secret()
            .legacyProperty("OMEGA_APIKEY").build();
    /** omega-ml qualifier. */
    public static final Setting OMEGA_QUALIFIER = Setting.declare("OMEGA_QUALIFIER", OMEGA,
            "Sent in the `Qualifier` header with API-key auth.").defaultValue("default")
            .legacyProperty("OMEGA_QUALIFIER").build();
    /** omega-ml edition. */
    public static final Setting OMEGA_EDITION = Setting.declare("OMEGA_EDITION", OMEGA,
            "`AUTO`, `OPEN_SOURCE` or `COMMERCIAL`.").defaultValue("AUTO").build();
    /** Per-attempt timeout of omega-ml calls. */
    public static final Setting OMEGA_REQUEST_TIMEOUT = Setting.declare("OMEGA_REQUEST_TIMEOUT", OMEGA,
            "Per-attempt timeout of every call, in seconds.").defaultValue("45").build();

    // ---- plain model endpoints -------------------------------------------------------------

    /** Model service base URL. */
    public static final Setting MODEL_URL = Setting.declare("MODEL_URL", MODEL,
            "Base URL of the model service; paths resolve against it.").required().build();
    /** Static bearer token for the model service. */
    public static final Setting MODEL_TOKEN = Setting.declare("MODEL_TOKEN", MODEL,
            "Static bearer token; wins over the other auth settings.").secret().build();
    /** API key for the model service. */
    public static final Setting MODEL_API_KEY = Setting.declare("MODEL_API_KEY", MODEL,
            "API key, sent in header `MODEL_API_KEY_HEADER`; wins over client credentials.").secret().build();
    /** Header that carries the API key. */
    public static final Setting MODEL_API_KEY_HEADER = Setting.declare("MODEL_API_KEY_HEADER", MODEL,
            "Header that carries `MODEL_API_KEY`.").defaultValue("x-api-key").build();
    /** OAuth2 token endpoint. */
    public static final Setting MODEL_TOKEN_URL = Setting.declare("MODEL_TOKEN_URL", MODEL,
            "OAuth2 token endpoint for client credentials (needs `sdk-auth`).").build();
    /** OAuth2 client id. */
    public static final Setting MODEL_CLIENT_ID = Setting.declare("MODEL_CLIENT_ID", MODEL,
            "OAuth2 client id for client credentials.").build();
    /** OAuth2 client secret. */
    public static final Setting MODEL_CLIENT_SECRET = Setting.declare("MODEL_CLIENT_SECRET", MODEL,
            "OAuth2 client secret; with it, `MODEL_TOKEN_URL` and `MODEL_CLIENT_ID` are required.").secret().build();
    /** OAuth2 scope. */
    public static final Setting MODEL_SCOPE = Setting.declare("MODEL_SCOPE", MODEL,
            "OAuth2 scope to ask for (space-separated).").build();
    /** Health check path. */
    public static final Setting MODEL_HEALTH_PATH = Setting.declare("MODEL_HEALTH_PATH", MODEL,
            "Path of `health()`.").defaultValue("health").build();
    /** Per-attempt timeout of model endpoint calls. */
    public static final Setting MODEL_REQUEST_TIMEOUT = Setting.declare("MODEL_REQUEST_TIMEOUT", MODEL,
            "Per-attempt timeout of every call, in seconds.").defaultValue("45").build();

    private static final List<Setting> ALL_SETTINGS = List.of(PROFILE, CONFIG_FILE,
            WALLAROO_URL, WALLAROO_AUTH_URL, WALLAROO_TOKEN, WALLAROO_USER, WALLAROO_PASSWORD, WALLAROO_CLIENT_ID,
            WALLAROO_CLIENT_SECRET, WALLAROO_REQUEST_TIMEOUT, WALLAROO_INFERENCE_TIMEOUT,
            OMEGA_URL, OMEGA_USER, OMEGA_APIKEY, OMEGA_QUALIFIER, OMEGA_EDITION, OMEGA_REQUEST_TIMEOUT,
            MODEL_URL, MODEL_TOKEN, MODEL_API_KEY, MODEL_API_KEY_HEADER, MODEL_TOKEN_URL, MODEL_CLIENT_ID,
            MODEL_CLIENT_SECRET, MODEL_SCOPE, MODEL_HEALTH_PATH, MODEL_REQUEST_TIMEOUT);

    private Settings() {
    }

    /** Every declared setting, in the order of docs/configuration.md. */
    public static List<Setting> all() {
        return ALL_SETTINGS;
    }
}
