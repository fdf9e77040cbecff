/** Whether a browser `Origin` header is on an allowlist (exact, or `:*` for any port). */
export function matchOrigin(allowed: readonly string[], origin: string): boolean {
  return allowed.some((entry) => {
    if (!entry.endsWith(':*')) return entry === origin;
    const prefix = entry.slice(0, -2);
    return (
      origin === prefix ||
      (origin.startsWith(`${prefix}:`) && /^\d{1,5}$/.test(origin.slice(prefix.length + 1)))
    );
  });
}
