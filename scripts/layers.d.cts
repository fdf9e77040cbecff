/** Types of scripts/layers.cjs, which dependency-cruiser's CommonJS config also reads. */
type Layer = 'pure' | 'edges' | 'services' | 'ui' | 'entries' | 'bot' | 'server' | 'console';

declare const layerMap: {
  /** Path regexes (relative to the repository root) per layer; the first layer that matches wins. */
  layers: Record<Layer, string[]>;
  /** The widget's layers, inward first. */
  widgetOrder: Layer[];
  /** Package name patterns pure code may import. */
  purePackages: string[];
  /** The layer of a path relative to the repository root, or null when none claims it. */
  layerOf(path: string): Layer | null;
};

export = layerMap;
