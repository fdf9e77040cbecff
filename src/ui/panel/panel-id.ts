/** The panel's element id, which the launcher's `aria-controls` points at. */
export const panelId = 'samtal-panel';
