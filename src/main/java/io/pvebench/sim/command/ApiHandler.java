package io.pvebench.sim.command;

/**
 * The handlers of one API path, like a pve-manager {@code API2} method set. Each returns
 * the data pvesh prints (a {@link JsonObject}, a list, a string, a number, or null for
 * nothing) or throws {@link ApiError}. Methods a path does not have keep the defaults,
 * which answer as pvesh does.
 */
interface ApiHandler {

    /**
     * The {@code returns} schema of the method {@code request} calls, as far as pvesh's
     * text output reads it; null when the twin does not declare it (pvesh then guesses
     * from the data, as for a schema without properties).
     */
    default ApiSchema returns(ApiRequest request) {
        return null;
    }

    default Object get(ApiRequest request) throws InterruptedException {
        throw ApiError.noHandler("get", request.path());
    }

    default Object set(ApiRequest request) throws InterruptedException {
        throw ApiError.noHandler("set", request.path());
    }

    default Object create(ApiRequest request) throws InterruptedException {
        throw ApiError.noHandler("create", request.path());
    }

    default Object delete(ApiRequest request) throws InterruptedException {
        throw ApiError.noHandler("delete", request.path());
    }
}
