package io.infer4j.core.error;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server answered with a non-2xx status. Carries what the server said, in whichever of the
 * error body shapes it uses (Wallaroo {@code {"msg","code"}}, Wallaroo inference
 * {@code {"code","status","error","source"}}, omega-ml {@code {"message"}} / {@code {"errors",
 * "message"}}, Keycloak {@code {"error","error_description"}}, plain text or HTML).
 *
 * <p>One subclass per status class, so callers can branch with {@code catch}:
 * 400 {@link BadRequestException}, 401 {@link UnauthorizedException}, 403
 * {@link PermissionDeniedException}, 404 {@link NotFoundException}, 409 {@link ConflictException},
 * 422 {@link UnprocessableEntityException}, 429 {@link RateLimitException}, 501 (Not Implemented)
 * {@link UnsupportedByServerException}, 503 {@link ServiceUnavailableException}, other 5xx
 * {@link InternalServerException}, anything else
 * {@link UnexpectedStatusException}. Use {@link #of(HttpErrorDetails)} to get the right one.
 */
public abstract class ServiceException extends Infer4jException {
    private static final long serialVersionUID = 1L;

    private final transient HttpErrorDetails details;

    /** Creates the exception from the parsed response. */
    protected ServiceException(HttpErrorDetails details) {
        super(details.describe());
        this.details = details;
    }

    /** Creates the exception with its own message and cause (a subclass that says more than the status). */
    protected ServiceException(String message, HttpErrorDetails details, Throwable cause) {
        super(message, cause);
        this.details = java.util.Objects.requireNonNull(details, "details");
    }

    /** Picks the subclass that matches {@code details.status()}. */
    public static ServiceException of(HttpErrorDetails details) {
        switch (details.status()) {
            case 400: return new BadRequestException(details);
            case 401: return new UnauthorizedException(details);
            case 403: return new PermissionDeniedException(details);
            case 404: return new NotFoundException(details);
            case 409: return new ConflictException(details);
            case 422: return new UnprocessableEntityException(details);
            case 429: return new RateLimitException(details);
            case 501: return new UnsupportedByServerException(details);
            case 503: return new ServiceUnavailableException(details);
            default:
                return details.status() >= 500
                        ? new InternalServerException(details)
                        : new UnexpectedStatusException(details);
        }
    }

    /** Everything known about the failed response. */
    public HttpErrorDetails details() {
        return details;
    }

    /** HTTP status code. */
    public int status() {
        return details.status();
    }

    /** The server's error code ({@code code} or {@code error} field), if the body had one. */
    public Optional<String> errorCode() {
        return Optional.ofNullable(details.code());
    }

    /** The server's human-readable message ({@code msg}, {@code message}, {@code error_description}, ...). */
    public Optional<String> errorMessage() {
        return Optional.ofNullable(details.message());
    }

    /** Which component failed, where the server says so (Wallaroo inference {@code source}). */
    public Optional<String> errorSource() {
        return Optional.ofNullable(details.source());
    }

    /** Request method, e.g. {@code POST}. */
    public String method() {
        return details.method();
    }

    /** Request URL with secret query values masked. */
    public String url() {
        return details.url();
    }

    /** Response headers (never includes cookies). */
    public Map<String, List<String>> headers() {
        return details.headers();
    }

    /** The request id the server or a proxy assigned, if any. */
    public Optional<String> requestId() {
        return Optional.ofNullable(details.requestId());
    }

    /** The raw response body, truncated to a few KiB. */
    public String body() {
        return details.body();
    }
}
