// The labels live in the core (src/core/manifests/labels.ts), which builds the manifests and may import nothing of
// ours outside core; the engine's modules keep importing them from here.
export * from '../core/manifests/labels';
