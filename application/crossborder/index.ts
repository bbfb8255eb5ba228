export * from './cross-border-limits.js';
