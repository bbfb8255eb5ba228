// The cross-border context's public edge (跨境, spec §18): what checkout asks of it inside its own
// transaction. Tax, limits and the four documents are pure, in `domain/crossborder/index.ts`.
export * from './paid-this-year.js';
