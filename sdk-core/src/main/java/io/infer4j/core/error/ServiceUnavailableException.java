package io.infer4j.core.error;

/** HTTP 503: the service is not ready (Wallaroo: pipeline starting or scaled to zero). Retried by default. */
public class ServiceUnavailableException extends ServiceException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception from the parsed response. */
    public ServiceUnavailableException(HttpErrorDetails details) {
        super(details);
    }
}
