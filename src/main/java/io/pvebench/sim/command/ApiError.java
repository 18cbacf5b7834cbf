package io.pvebench.sim.command;

/**
 * A {@code pvesh} call that fails: the message is printed to stderr exactly as given
 * (pve-common's texts, e.g. {@code 400 Parameter verification failed.}) and the exit
 * code is 255, as the real pvesh does for every API error.
 */
final class ApiError extends RuntimeException {

    ApiError(String message) {
        super(message);
    }

    static ApiError noHandler(String method, String path) {
        return new ApiError("No '" + method + "' handler defined for '" + path + "'");
    }

    /** pve-common's parameter check failure for one property. */
    static ApiError parameter(String name, String problem) {
        return new ApiError("400 Parameter verification failed.\n" + name + ": " + problem);
    }
}
