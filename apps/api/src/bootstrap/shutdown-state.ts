/** Set once SIGTERM arrives; responses then ask clients to close keep-alive connections. */
export const shutdownState = { closing: false };
