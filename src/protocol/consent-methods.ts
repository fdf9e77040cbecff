/**
 * How a consent decision can be made: the banner's buttons, the
 * preferences, a withdrawal, or the host's own consent tool. A plain list,
 * so the boot can check a stored decision without the schema library.
 */
export const consentMethods = ['accept', 'reject', 'custom', 'withdraw', 'host'] as const;
