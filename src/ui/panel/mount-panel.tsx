/** Entry of the panel chunk: adopts its styles and renders the Preact panel. */
import { render } from 'preact';
import { adoptStyles } from '../adopt-styles';
import type { PanelMount } from './load-panel';
import { Panel } from './panel';
import css from './panel.css?inline';

export const mountPanel: PanelMount = (slot, context, requestClose) => {
  const removeStyles = adoptStyles(context.root, css);
  render(<Panel context={context} onRequestClose={requestClose} />, slot);
  return () => {
    render(null, slot);
    removeStyles();
  };
};
