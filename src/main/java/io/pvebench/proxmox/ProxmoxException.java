package io.pvebench.proxmox;

import io.pvebench.PvebenchException;

/** A Proxmox command failed or answered something that could not be read. */
public class ProxmoxException extends PvebenchException {

    public ProxmoxException(String message) {
        super(message);
    }

    public ProxmoxException(String message, Throwable cause) {
        super(message, cause);
    }
}
