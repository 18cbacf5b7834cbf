package io.pvebench.stage;

import io.pvebench.PvebenchException;
import io.pvebench.pipeline.VmSpec;

/** The VMs of a spec could not be made from its template; the message names the spec and the step. */
public class ProvisionException extends PvebenchException {

    public ProvisionException(VmSpec spec, String message) {
        super("provision: spec '" + spec.name() + "': " + message);
    }

    public ProvisionException(VmSpec spec, String message, Throwable cause) {
        super("provision: spec '" + spec.name() + "': " + message, cause);
    }
}
